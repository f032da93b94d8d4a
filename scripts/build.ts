/**
 * The kit's builds (npm run build runs this after the demo build):
 * - dist/npm: ES modules, one per source module, lit, @lit/context, socket.io-client and zod left as imports (an app's
 *   bundler dedupes them; the kit never ships a second lit), with `.d.ts` types in dist/types;
 * - dist/cdn/v<version>: one module per element (and `provider.js`, `all.js`) for a plain page's
 *   `<script type="module">`, everything inside; chunks named by their content's hash; `integrity.json` with the SRI
 *   value of every module. A versioned folder, so that a static host can keep several side by side, cached forever.
 */
import { Console } from 'node:console';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { buildCdn, CDN_ENTRIES, entrySizes, minifyTemplates, writeIntegrity } from './bundles.js';

/** Reports go to stderr: stdout belongs to whoever runs the build, e.g. `npm pack --json` (prepack). */
const report = new Console(process.stderr);

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

await rm('dist/npm', { recursive: true, force: true });
await rm('dist/types', { recursive: true, force: true });
await rm('dist/cdn', { recursive: true, force: true });

await build({
  entryPoints: await sources('src'),
  outdir: 'dist/npm',
  outbase: 'src',
  bundle: false,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  // Template markup is minified here too: an app's bundler minifies code, not the strings inside lit's templates.
  plugins: [minifyTemplates],
  logLevel: 'error',
});
execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json'], { stdio: ['ignore', 2, 2] });

const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
const cdn = `dist/cdn/v${version}`;
const sizes = await entrySizes(await buildCdn(cdn));
await writeIntegrity(cdn);
report.log(`dist/npm (ES modules), dist/types (.d.ts), ${cdn} (with integrity.json):`);
report.table(
  Object.fromEntries(
    Object.keys(CDN_ENTRIES).map((name) => [
      `${name}.js`,
      { 'first load (B gzip)': sizes[name]!.firstLoad, 'until it talks (B gzip)': sizes[name]!.toTalk },
    ]),
  ),
);
