/**
 * The React wrappers (src/react/<element>.ts and the index re-exporting them), written from custom-elements.json: one
 * module per element, so that a page using one pay button does not bring the other six, and every event the manifest
 * lists becomes an `onIx…` prop. `npm run manifest` runs this after writing the manifest: it rewrites the wrappers on a
 * developer's machine and fails under CI when the committed ones are not what the manifest gives.
 */
import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { keepGenerated } from './generated.js';

interface Manifest {
  modules: Array<{
    path: string;
    declarations?: Array<{ name: string; tagName?: string; customElement?: boolean; events?: Array<{ name: string }> }>;
  }>;
}

const HEADER = `// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';`;

/** `ix-pay-status` → `onIxPayStatus`. */
const propName = (event: string) =>
  `on${event.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;

function wrapper(className: string, tag: string, folder: string, file: string, events: string[]): string {
  const element = `${className}Element`;
  const handlers = events.map((event) => `    ${propName(event)}: eventName('${event}'),`).join('\n');
  return `${HEADER}
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/${folder}/define.js';
import { ${className} as ${element} } from '../elements/${folder}/${file}';
import { eventName } from './event-name.js';

/** \`<${tag}>\` for React 18 and earlier: properties set as properties, \`ix-\` events as \`onIx…\` callbacks. */
export const ${className} = createComponent({
  react: React,
  tagName: '${tag}',
  elementClass: ${element},
  events: {
${handlers}
  },
});
`;
}

export async function reactWrappers(manifestPath = 'custom-elements.json'): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const files = new Map<string, string>();
  const exports: string[] = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName?.startsWith('ix-')) continue;
      // dist/npm/elements/pay-button/pay-button.js → the folder and the module beside its define.js.
      const [folder, file] = module.path.split('/').slice(-2) as [string, string];
      const name = declaration.tagName.slice(3);
      const events = (declaration.events ?? []).map((event) => event.name);
      files.set(`src/react/${name}.ts`, wrapper(declaration.name, declaration.tagName, folder, file, events));
      exports.push(`export { ${declaration.name} } from './${name}.js';`);
    }
  }
  files.set(
    'src/react/index.ts',
    `// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Every element's React wrapper; \`@interop-kit/elements/react/<element>\` brings one alone.
'use client';
${exports.sort().join('\n')}
`,
  );
  // As the lint expects them (the repository's Prettier settings).
  for (const [path, code] of files) {
    files.set(path, await format(code, { ...(await resolveConfig(path)), filepath: path }));
  }
  return files;
}

/** Keeps the committed wrappers what the manifest gives (see `keepGenerated`): which were written, which are stale. */
export async function keepReactWrappers(): Promise<{ written: string[]; stale: string[] }> {
  const outcome = { written: [] as string[], stale: [] as string[] };
  for (const [path, code] of await reactWrappers()) {
    const kept = await keepGenerated(path, code);
    if (kept !== 'same') outcome[kept].push(path);
  }
  return outcome;
}
