/**
 * The backend as a package of its own: `@interop-kit/server`, JavaScript (no tsx at run time), with the `interop-kit`
 * command (`interop-kit serve`, `interop-kit admin …`), depending on the kit by its version.
 *
 * Builds server/dist (every module but the tests and the examples, transpiled one to one; the migrations and the
 * PGlite worker beside them), then stages the package in a folder of its own — package.json with the kit's
 * `file:..` (a workspace link here) replaced by the kit's version and without what only development needs — and packs
 * it there. Prints the tarball's path (stdout: the only thing it prints there).
 *
 *   npm run pack:server [-- --destination <folder>]      then: npm publish <tarball>
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const server = join(root, 'server');
const { values } = parseArgs({ options: { destination: { type: 'string', default: root } } });

/** The backend's own modules: not its tests, its examples, its data or what is installed. */
async function sources(): Promise<string[]> {
  const entries = await readdir(server, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !/[\\/](test|examples|node_modules|data|dist)[\\/]/.test(path.slice(server.length)));
}

await rm(join(server, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: await sources(),
  outdir: join(server, 'dist'),
  outbase: server,
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'error',
});
await cp(join(server, 'db', 'migrations'), join(server, 'dist', 'db', 'migrations'), { recursive: true });
await cp(join(server, 'db', 'pglite-worker.js'), join(server, 'dist', 'db', 'pglite-worker.js'));

const kit = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
const manifest = JSON.parse(await readFile(join(server, 'package.json'), 'utf8')) as Record<string, unknown> & {
  dependencies: Record<string, string>;
};
const staged = await mkdtemp(join(tmpdir(), 'ix-server-package-'));
try {
  const { devDependencies: _development, scripts: _scripts, private: _private, ...published } = manifest;
  // tsx runs the TypeScript here (npm start, the tests); the package runs its JavaScript.
  const { tsx: _tsx, ...dependencies } = manifest.dependencies;
  published.dependencies = { ...dependencies, '@interop-kit/elements': kit.version };
  published.exports = { '.': './dist/app.js', './config': './dist/config.js' };
  published.files = ['dist', 'bin', '.env.example'];
  await writeFile(join(staged, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  for (const file of ['dist', 'bin', '.env.example', 'LICENSE', 'README.md'])
    await cp(join(server, file), join(staged, file), { recursive: true });
  await mkdir(values.destination!, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(values.destination!)], {
      cwd: staged,
      encoding: 'utf8',
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_workspace/i.test(key))),
    }),
  ) as Array<{ filename: string }>;
  console.log(join(resolve(values.destination!), packed[0]!.filename));
} finally {
  await rm(staged, { recursive: true, force: true });
}
