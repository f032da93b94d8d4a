import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { minifyHTMLLiterals } from 'minify-literals';

/** The CDN build's entries: one module a plain page loads with one `<script type="module">` each. */
export const CDN_ENTRIES = {
  provider: 'src/elements/provider/define.ts',
  launcher: 'src/elements/launcher/define.ts',
  'chat-window': 'src/elements/chat-window/define.ts',
  'business-card': 'src/elements/business-card/define.ts',
  'product-card': 'src/elements/product-card/define.ts',
  'pay-button': 'src/elements/pay-button/define.ts',
  workbench: 'src/elements/workbench/define.ts',
  all: 'src/index.ts',
} as const;
export type CdnEntry = keyof typeof CDN_ENTRIES;

/**
 * Minifies the markup inside lit's html`` and css`` templates (esbuild minifies the code around them, not the
 * strings): whitespace, comments, CSS the browser would parse the same way shorter.
 */
export const minifyTemplates: Plugin = {
  name: 'minify-lit-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('html`') && !source.includes('css`')) return undefined;
      const result = await minifyHTMLLiterals(source, { fileName: path });
      return { contents: result?.code ?? source, loader: 'ts' };
    });
  },
};

/**
 * Bundles the entries for browsers as the CDN serves them: minified ES modules with lit and everything else inside.
 * The per-element entries share chunks (a page using three elements loads lit once); `all` is built on its own, so
 * that it does not turn every element's code into a chunk shared with it. Every dynamic import (the launcher's chat
 * window, the connection, locale packs, the QR encoder) is a chunk of its own that loads when first needed.
 */
export async function buildCdn(
  outdir: string,
  entries: Partial<Record<CdnEntry, string>> = CDN_ENTRIES,
): Promise<Metafile> {
  const { all, ...elements } = entries;
  const builds = [
    ...(Object.keys(elements).length ? [bundle(outdir, elements, 'chunks/[name]-[hash]')] : []),
    ...(all ? [bundle(outdir, { all }, 'chunks/all/[name]-[hash]')] : []),
  ];
  const metafiles = await Promise.all(builds);
  return {
    inputs: Object.assign({}, ...metafiles.map((metafile) => metafile.inputs)),
    outputs: Object.assign({}, ...metafiles.map((metafile) => metafile.outputs)),
  };
}

async function bundle(outdir: string, entryPoints: Record<string, string>, chunkNames: string): Promise<Metafile> {
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    chunkNames,
    conditions: ['browser', 'production'],
    mainFields: ['browser', 'module', 'main'],
    // Licence notices of what is bundled (lit's BSD-3) go to .LEGAL.txt files beside the outputs.
    legalComments: 'external',
    plugins: [minifyTemplates],
    metafile: true,
    logLevel: 'error',
  });
  return result.metafile;
}

/**
 * Subresource Integrity values (sha384) of every module of a CDN build, by path inside it (`launcher.js`,
 * `chunks/…`), written beside the build as `integrity.json`: for `<script integrity>` on an entry, and for an import
 * map's `integrity` so that the chunks an entry loads are checked too.
 */
export async function writeIntegrity(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const integrity: Record<string, string> = {};
  for (const file of files) {
    integrity[file] = `sha384-${createHash('sha384')
      .update(await readFile(join(dir, file)))
      .digest('base64')}`;
  }
  await writeFile(join(dir, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
  return integrity;
}

/** The output file of an entry (or of a dynamically imported module) in a metafile. */
export const outputFor = (metafile: Metafile, entry: string) =>
  Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entry)?.[0];

/** Gzipped bytes of outputs and everything they import statically, each file counted once. */
export async function loadBytes(metafile: Metafile, outputs: string[]): Promise<number> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]!.imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  outputs.forEach(visit);
  let total = 0;
  for (const path of seen) total += gzipSync(await readFile(path), { level: 9 }).length;
  return total;
}

/**
 * What an element imports on demand before its user can talk to the backend: its own connection (the socket stack,
 * the schemas and the client, when no `<ix-provider>` on the page has loaded them already) and, for the launcher, the
 * chat window it opens.
 */
const TO_TALK = ['src/elements/base/own-connection.ts'];
const OPENS: Partial<Record<CdnEntry, string[]>> = { launcher: ['src/elements/chat-window/define.ts'] };

export interface EntrySize {
  /** The entry and its static imports: what loads before any dynamic import (the budgets apply to this). */
  firstLoad: number;
  /** The first load plus what loads on demand until the element talks to the backend (see TO_TALK). */
  toTalk: number;
}

/** Each entry's sizes (gzip -9, lit included). */
export async function entrySizes(
  metafile: Metafile,
  entries: Partial<Record<CdnEntry, string>> = CDN_ENTRIES,
): Promise<Record<string, EntrySize>> {
  const sizes: Record<string, EntrySize> = {};
  for (const [name, source] of Object.entries(entries)) {
    const output = outputFor(metafile, source)!;
    const onDemand = [...TO_TALK, ...(OPENS[name as CdnEntry] ?? [])]
      .map((module) => outputFor(metafile, module))
      .filter((path) => path !== undefined);
    sizes[name] = {
      firstLoad: await loadBytes(metafile, [output]),
      toTalk: await loadBytes(metafile, [output, ...onDemand]),
    };
  }
  return sizes;
}
