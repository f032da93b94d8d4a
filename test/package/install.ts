/** What the packaging tests share: npm run on a folder of their choosing, and packed tarballs as a lockfile names them. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PackedPackage } from './offline-lockfile.js';

export const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');

/** The environment with the parent run's npm workspace settings removed, so npm acts on the folder it is given. */
export const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_config_workspace/i.test(key)),
);

export function npm(args: string[], cwd: string) {
  return run('npm', args, { cwd, env: npmEnv, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Packs the kit as a publish would (`prepack` builds dist/ first; its reports go to stderr, so stdout is JSON alone):
 * the tarball and the paths npm put in it. Within `npm run test:package` the kit is packed once (pack-once.ts) and
 * each test gets a copy of that tarball.
 */
export async function packKit(destination: string): Promise<{ tarball: string; files: string[] }> {
  const packedOnce = process.env.IX_PACKED_KIT;
  if (packedOnce) {
    const packed = JSON.parse(await readFile(join(packedOnce, 'pack.json'), 'utf8')) as {
      tarball: string;
      files: string[];
    };
    const tarball = join(destination, basename(packed.tarball));
    await copyFile(packed.tarball, tarball);
    return { files: packed.files, tarball };
  }
  const { stdout } = await npm(['pack', '--json', '--pack-destination', destination], root);
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(destination, packed!.filename), files: packed!.files.map((file) => file.path) };
}

/** A tarball as a lockfile names it, with the manifest inside it. */
export async function packedEntry<M extends object>(
  tarball: string,
): Promise<{ entry: PackedPackage; manifest: M & PackedPackage }> {
  const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
  const manifest = JSON.parse(stdout) as M & PackedPackage;
  const entry: PackedPackage = {
    ...(manifest.bin ? { bin: manifest.bin } : {}),
    version: manifest.version,
    resolved: `file:../${tarball.split('/').pop()}`,
    integrity: `sha512-${createHash('sha512')
      .update(await readFile(tarball))
      .digest('base64')}`,
    dependencies: manifest.dependencies ?? {},
  };
  return { entry, manifest };
}

/** Serves a built site's folder on a free loopback port, as a static host would: its URL, and how to stop it. */
export async function serveFolder(folder: string): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
  const server = createServer((request, response) => {
    const path = join(folder, new URL(request.url ?? '/', 'http://app').pathname.replace(/\/$/, '/index.html'));
    readFile(path).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': types[path.split('.').pop()!] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
