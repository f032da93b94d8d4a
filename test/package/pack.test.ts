/**
 * The kit as a web team gets it: `npm pack` the root package, install the tarball into a new Vite app without the
 * network, build the app, and check that nothing of the backend came with it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.js';
import { npm, packedEntry, packKit, root, run, serveFolder } from './install.js';
import { offlineLockfile, type Lockfile, type PackedPackage } from './offline-lockfile.js';

/** Packages of the backend or a database: an app that embeds the kit must never install one. */
const SERVER_SIDE =
  /^(@interop-kit\/server|socket\.io|engine\.io|fastify|@fastify\/.+|pg|pg-.+|@electric-sql\/.+|sirv|tsx|ioredis|redis|@redis\/.+|@socket\.io\/.+-adapter)$/;

const TAGS = [
  'ix-provider',
  'ix-launcher',
  'ix-chat-window',
  'ix-product-card',
  'ix-pay-button',
  'ix-business-card',
  'ix-workbench',
];

/** The tags a built app's page has defined, as Debian's Chromium runs it (served from `folder` on a free port). */
async function tagsDefinedBy(folder: string): Promise<string[]> {
  const site = await serveFolder(folder);
  const profile = await mkdtemp(join(tmpdir(), 'ix-pack-chromium-'));
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, userDataDir: profile });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(site.url, { waitUntil: 'load' });
    const defined = await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag) !== undefined), TAGS);
    assert.deepEqual(errors, [], 'the page runs without errors');
    return defined;
  } finally {
    await browser.close();
    site.close();
    await rm(profile, { recursive: true, force: true });
  }
}

interface LsTree {
  version?: string;
  dependencies?: Record<string, LsTree>;
}

/** The packages `npm ls --all --json` shows installed (an optional peer nobody installed is listed empty). */
function installedNames(tree: LsTree, found = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    if (child.version) found.add(name);
    installedNames(child, found);
  }
  return found;
}

describe('the published kit', { timeout: 5 * 60_000 }, () => {
  let work: string;
  let app: string;
  /** The paths in the tarball. */
  let files: string[];
  let kit: PackedPackage;
  let manifest: Record<string, unknown> & PackedPackage;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'ix-pack-'));
    const packed = await packKit(work);
    files = packed.files;
    ({ entry: kit, manifest } = await packedEntry<Record<string, unknown>>(packed.tarball));
    const extracted = join(work, 'extracted');
    await mkdir(extracted);
    await run('tar', ['-xzf', packed.tarball, '-C', extracted]);
    app = join(work, 'app');
    await mkdir(app);
  });
  after(() => rm(work, { recursive: true, force: true }));

  /** Builds a page of the app (`page`: its folder, '' for the app's own) with Vite: its folder and its JavaScript. */
  async function buildPage(page: string, main: string, body = ''): Promise<{ dist: string; code: string }> {
    const folder = join(app, page);
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script type="module" src="./main.js"></script></head><body>${body}</body></html>`,
    );
    await writeFile(join(folder, 'main.js'), main);
    await run(join(app, 'node_modules', '.bin', 'vite'), ['build', ...(page ? [page] : []), '--logLevel', 'error'], {
      cwd: app,
    });
    const assets = join(folder, 'dist', 'assets');
    const scripts = (await readdir(assets)).filter((file) => file.endsWith('.js'));
    const code = (await Promise.all(scripts.map((file) => readFile(join(assets, file), 'utf8')))).join('\n');
    return { dist: join(folder, 'dist'), code };
  }

  test('is publishable: public, with its files, exports, license, repository and keywords', () => {
    assert.equal(manifest.name, '@interop-kit/elements');
    assert.equal(manifest.private, undefined);
    for (const field of ['files', 'exports', 'license', 'repository', 'keywords'])
      assert.ok(manifest[field], `package.json has ${field}`);
    const paths = files;
    for (const expected of [
      'dist/npm/index.js',
      'dist/types/index.d.ts',
      `dist/cdn/v${manifest.version}/all.js`,
      `dist/cdn/v${manifest.version}/provider.js`,
      `dist/cdn/v${manifest.version}/integrity.json`,
      'custom-elements.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ]) {
      assert.ok(paths.includes(expected), `the tarball holds ${expected}`);
    }
    assert.ok(
      !paths.some((path) => path.startsWith('server/') || path.startsWith('test/')),
      'no backend or test file is packed',
    );
  });

  test('ships its CDN build in a folder of its version, every module pinned in integrity.json', async () => {
    const cdn = join(work, 'extracted', 'package', 'dist', 'cdn', `v${manifest.version}`);
    const integrity = JSON.parse(await readFile(join(cdn, 'integrity.json'), 'utf8')) as Record<string, string>;
    const modules = files
      .filter((path) => path.startsWith(`dist/cdn/v${manifest.version}/`) && path.endsWith('.js'))
      .map((path) => path.slice(`dist/cdn/v${manifest.version}/`.length))
      .sort();
    assert.deepEqual(Object.keys(integrity), modules);
    for (const module of modules) {
      const digest = createHash('sha384')
        .update(await readFile(join(cdn, module)))
        .digest('base64');
      assert.equal(integrity[module], `sha384-${digest}`, module);
    }
    assert.ok(
      modules.some((module) => /^chunks\/chunk-[A-Z0-9]+\.js$/.test(module)),
      'chunks are named by their hash',
    );
    // The version the elements report to another copy of the kit on the page is the package's.
    assert.match(
      await readFile(join(root, 'src/elements/base/define.ts'), 'utf8'),
      new RegExp(`KIT_VERSION = '${manifest.version}'`),
    );
  });

  test('declares only browser dependencies', () => {
    const serverSide = Object.keys(manifest.dependencies).filter((name) => SERVER_SIDE.test(name));
    assert.deepEqual(serverSide, []);
  });

  test('installs offline into a Vite app that builds, and brings no server or database package', async () => {
    const rootLock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
    const vite = rootLock.packages['node_modules/vite']!.version!;
    // React for the `/react` entry (an optional peer of the kit).
    const react = rootLock.packages['node_modules/react']!.version!;
    // Vue for the `/vue` types (GlobalComponents).
    const vue = rootLock.packages['node_modules/vue']!.version!;
    const dependencies = { '@interop-kit/elements': kit.resolved, vite, react, vue };
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies }, null, 2),
    );
    const lock = offlineLockfile(rootLock, { name: 'shop', dependencies, kit });
    await writeFile(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    // Everything comes from npm's cache (filled by the repository's own install): no network.
    await npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);

    const shop = await buildPage(
      '',
      `import '@interop-kit/elements/launcher';\nimport '@interop-kit/elements/product-card';\nimport { InteropClient } from '@interop-kit/elements/client';\nconsole.log(typeof InteropClient);\n`,
      `<ix-product-card endpoint="https://chat.example" corp="shop" product="tea"></ix-product-card><ix-launcher endpoint="https://chat.example" corp="shop"></ix-launcher>`,
    );
    assert.match(shop.code, /ix-launcher/, 'the launcher is in the app bundle');
    assert.match(shop.code, /ix-product-card/, 'the product card is in the app bundle');
    assert.deepEqual(await tagsDefinedBy(shop.dist), ['ix-launcher', 'ix-product-card']);

    // The root entry defines every element after `vite build` as under `vite dev` (it is in `sideEffects`).
    const everything = await buildPage('everything', `import '@interop-kit/elements';\n`);
    assert.deepEqual(await tagsDefinedBy(everything.dist), TAGS);

    // One React wrapper from /react brings its element alone (the wrappers are one module each, side-effect free).
    const oneWrapper = await buildPage(
      'react-one',
      `import { IxPayButton } from '@interop-kit/elements/react';\nconsole.log(IxPayButton);\n`,
    );
    assert.match(oneWrapper.code, /ix-pay-button/);
    for (const other of ['ix-workbench', 'ix-business-card', 'ix-launcher'])
      assert.doesNotMatch(oneWrapper.code, new RegExp(other), `${other} stays out`);

    const { stdout } = await npm(['ls', '--all', '--json', '--offline'], app);
    const installed = installedNames(JSON.parse(stdout));
    assert.ok(installed.has('lit') && installed.has('socket.io-client'), 'the kit brought its own dependencies');
    assert.deepEqual(
      [...installed].filter((name) => SERVER_SIDE.test(name)),
      [],
    );
  });

  test('types travel with one element’s import: its tag, its events’ detail, Vue’s GlobalComponents', async () => {
    // Two programs, so that the per-element one gets nothing from the other's imports.
    const programs = {
      'element.ts': `import '@interop-kit/elements/pay-button';
const button = document.createElement('ix-pay-button');
button.product = 'gift-box';
button.addEventListener('ix-pay-status', (event) => {
  const status: string = event.detail.status;
  console.log(status, event.detail.order?.id);
});
`,
      'vue.ts': `import type {} from '@interop-kit/elements/vue';
import type { GlobalComponents } from 'vue';
const props: InstanceType<GlobalComponents['ix-pay-button']>['$props'] = { product: 'gift-box', quantity: 2 };
console.log(props);
`,
    };
    for (const [file, code] of Object.entries(programs)) {
      await writeFile(join(app, file), code);
      const compilerOptions = {
        strict: true,
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom'],
        noEmit: true,
        skipLibCheck: true,
        types: [],
      };
      await writeFile(join(app, `tsconfig.${file}.json`), JSON.stringify({ compilerOptions, files: [file] }));
      await run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(app, `tsconfig.${file}.json`)], {
        cwd: app,
      }).catch((error: { stdout?: string }) => assert.fail(`tsc ${file}: ${error.stdout}`));
    }
    // Editors: the manifest's modules are shipped files, its events typed; VS Code's and JetBrains' data are packed.
    const elements = JSON.parse(await readFile(join(work, 'extracted', 'package', 'custom-elements.json'), 'utf8')) as {
      modules: Array<{
        path: string;
        declarations?: Array<{ tagName?: string; events?: Array<{ type?: { text: string } }> }>;
      }>;
    };
    const paths = new Set(files);
    for (const module of elements.modules) assert.ok(paths.has(module.path), `${module.path} is in the package`);
    const events = elements.modules
      .flatMap((module) => module.declarations ?? [])
      .flatMap((element) => element.events ?? []);
    assert.ok(events.length > 10 && events.every((event) => /^CustomEvent<.+>$/.test(event.type?.text ?? '')));
    for (const file of ['vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'web-types.json'])
      assert.ok(paths.has(`dist/editors/${file}`), file);
    assert.equal(manifest['web-types'], './dist/editors/web-types.json');
  });

  test('every entry loads in Node with no DOM (a framework rendering on the server), from ESM and CommonJS, defining nothing', async () => {
    // Every entry with code (types-only ones, the CDN folder and JSON files have nothing to import).
    const entries = Object.entries(manifest.exports as Record<string, string | { default?: string }>)
      .filter(([, target]) => typeof target === 'object' && target.default)
      .map(([entry]) => entry)
      // A pattern (`./react/*`) stands for one module per element.
      .flatMap((entry) => (entry.endsWith('/*') ? TAGS.map((tag) => entry.replace('*', tag.slice(3))) : [entry]))
      .map((entry) => `@interop-kit/elements${entry.slice(1)}`);
    for (const entry of ['launcher', 'react', 'react/pay-button'])
      assert.ok(entries.includes(`@interop-kit/elements/${entry}`), entry);
    // As an ES module, and from CommonJS (require() of ES modules: Node 20.19 and later, 22.12 and later).
    const loaders = { module: 'await import(entry)', commonjs: 'require(entry)' };
    for (const [inputType, load] of Object.entries(loaders)) {
      const script = `(async () => {
        const outcome = {};
        for (const entry of ${JSON.stringify(entries)}) {
          try { ${load}; outcome[entry] = 'loaded'; } catch (error) { outcome[entry] = String(error); }
        }
        const defined = ${JSON.stringify(TAGS)}.filter((tag) => globalThis.customElements?.get(tag));
        console.log(JSON.stringify({ outcome, defined, hasDocument: typeof document !== 'undefined' }));
      })();`;
      const { stdout } = await run(process.execPath, [`--input-type=${inputType}`, '--no-warnings', '--eval', script], {
        cwd: app,
      });
      const { outcome, defined, hasDocument } = JSON.parse(stdout) as {
        outcome: Record<string, string>;
        defined: string[];
        hasDocument: boolean;
      };
      assert.equal(hasDocument, false);
      assert.deepEqual(outcome, Object.fromEntries(entries.map((entry) => [entry, 'loaded'])), inputType);
      assert.deepEqual(defined, [], `no tag is defined on the server (${inputType})`);
    }
  });
});
