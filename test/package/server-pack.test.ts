/**
 * The backend as an operator gets it: both packages packed (`npm pack` for the kit, `npm run pack:server` for the
 * backend), installed into an empty folder without the network, started with `interop-kit serve` and onboarded with
 * `interop-kit admin` from there — no TypeScript, no tsx, no repository.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { npm, npmEnv as env, packedEntry, packKit, root, run } from './install.js';
import { offlineLockfile, type Lockfile, type PackedPackage } from './offline-lockfile.js';

describe('the backend as a package', { timeout: 5 * 60_000 }, () => {
  let work: string;
  let app: string;
  let server: PackedPackage;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ix-server-pack-'));
    const { tarball } = await packKit(work);
    const serverPack = await run('node', ['--import', 'tsx', 'scripts/pack-server.ts', '--destination', work], {
      cwd: root,
      env,
    });
    const { entry: kit } = await packedEntry(tarball);
    ({ entry: server } = await packedEntry(serverPack.stdout.trim()));
    app = join(work, 'operator');
    await mkdir(app);
    const dependencies = { '@interop-kit/elements': kit.resolved, '@interop-kit/server': server.resolved };
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'operator', private: true, dependencies }));
    const rootLock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
    const lock = offlineLockfile(rootLock, { name: 'operator', dependencies, kit, server });
    await writeFile(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    await npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  });
  after(() => rm(work, { recursive: true, force: true }));

  test('is JavaScript with a command, depends on the kit by version, and ships no tests and no tsx', async () => {
    assert.equal(server.dependencies['@interop-kit/elements'], server.version);
    assert.equal(server.dependencies.tsx, undefined);
    const installed = join(app, 'node_modules', '@interop-kit', 'server');
    const files = (await readdir(installed, { recursive: true }))
      .map(String)
      .filter((file) => !file.startsWith('node_modules'));
    assert.ok(files.includes(join('dist', 'index.js')) && files.includes(join('bin', 'interop-kit.js')));
    assert.ok(files.includes(join('dist', 'db', 'migrations', '001_init.sql')), 'the migrations come along');
    assert.deepEqual(
      files.filter((file) => file.endsWith('.ts') || file.startsWith('test')),
      [],
    );
    assert.ok(files.includes('.env.example') && files.includes('LICENSE'));
  });

  test('starts with `interop-kit serve` and is onboarded with `interop-kit admin` from the install folder', async () => {
    const bin = join(app, 'node_modules', '.bin', 'interop-kit');
    const dataDir = join(work, 'data');
    const settings = { ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' };
    const node = spawn(bin, ['serve'], { cwd: app, env: settings });
    let output = '';
    node.stdout.on('data', (chunk: Buffer) => (output += chunk));
    node.stderr.on('data', (chunk: Buffer) => (output += chunk));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        node.stdout.on('data', () => {
          const listening = /Interop backend on (http:\/\/[^\s)]+)/.exec(output);
          if (listening) resolveUrl(listening[1]!);
        });
        node.once('exit', (code) => reject(new Error(`interop-kit serve exited (${code}):\n${output}`)));
        setTimeout(
          () => reject(new Error(`interop-kit serve did not say where it listens:\n${output}`)),
          60_000,
        ).unref();
      });
      assert.equal((await fetch(`${url}/ready`)).status, 200);

      // The operator's first steps, through the running node.
      const admin = (...args: string[]) => run(bin, ['admin', ...args], { cwd: app, env: settings });
      await admin('corp', 'create', 'acme', '--name', 'Acme Tea Co.', '--origin', 'https://www.acme.example');
      const { stdout } = await admin('api-key', 'create', 'acme', 'CRM sync', '--scope', 'admin');
      const key = /\b(ixk_\S+)/.exec(stdout)?.[1];
      assert.ok(key, `an API key in:\n${stdout}`);
      const response = await fetch(`${url}/api/v1/settings`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(response.status, 200);
      const company = (await response.json()) as { name: string; allowedOrigins: string[] };
      assert.equal(company.name, 'Acme Tea Co.');
      assert.deepEqual(company.allowedOrigins, ['https://www.acme.example']);
      assert.doesNotMatch(output, /"level":50/, 'no error logged');
    } finally {
      node.kill('SIGTERM');
      if (node.exitCode === null) await once(node, 'exit');
    }
    assert.equal(node.exitCode, 0, `a clean stop:\n${output}`);
  });

  test('`interop-kit` without a command says how to use it', async () => {
    const bin = join(app, 'node_modules', '.bin', 'interop-kit');
    const outcome = await run(bin, ['start'], { cwd: app, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal((outcome as { code?: number }).code, 1);
    assert.match((outcome as { stderr: string }).stderr, /interop-kit serve/);
  });
});
