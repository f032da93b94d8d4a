/**
 * Writes custom-elements.json (with @custom-elements-manifest/analyzer, from the class JSDoc) and fails when an
 * element's public API is undocumented: the element itself, its attributes and public properties and methods, every
 * `ix-` event its code emits, every part its templates render, its slots, and its own `--ix-<element>-*` properties.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHAT_WINDOW_PARTS } from '../src/elements/base/chat-parts.js';
import { keepReactWrappers } from './react-wrappers.js';

interface Documented {
  name: string;
  description?: string;
  summary?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
  inheritedFrom?: { name: string };
}
interface Declaration extends Documented {
  tagName?: string;
  customElement?: boolean;
  attributes?: Documented[];
  members?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
  slots?: Documented[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

/** Inherited from lit or our base classes, and not part of an element's own API. */
const FRAMEWORK_MEMBERS = new Set(['emit', 'connection', 'attachClient', 'styles', 'properties', 'formAssociated']);

execFileSync('node_modules/.bin/cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
  stdio: ['ignore', 2, 2], // stdout is npm pack --json's when prepack runs this
});
const manifest = JSON.parse(await readFile('custom-elements.json', 'utf8')) as Manifest;

const problems: string[] = [];
const undocumented = (what: string, items: Documented[] | undefined, tag: string) => {
  for (const item of items ?? [])
    if (!item.description?.trim()) problems.push(`<${tag}>: ${what} "${item.name}" has no description`);
};

/** The element's own sources: its folder, without styles. */
async function sources(folder: string): Promise<string> {
  const files = (await readdir(folder)).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.styles.ts') && name !== 'define.ts',
  );
  return (await Promise.all(files.map((name) => readFile(join(folder, name), 'utf8')))).join('\n');
}

let elements = 0;
for (const module of manifest.modules) {
  for (const declaration of module.declarations ?? []) {
    if (!declaration.customElement || !declaration.tagName?.startsWith('ix-')) continue;
    elements += 1;
    const tag = declaration.tagName;
    if (!declaration.summary?.trim() && !declaration.description?.trim())
      problems.push(`<${tag}>: no @summary or description`);
    undocumented('attribute', declaration.attributes, tag);
    undocumented(
      'property',
      declaration.members?.filter(
        (member) =>
          member.privacy !== 'private' &&
          member.privacy !== 'protected' &&
          !member.static &&
          !member.name.startsWith('#') &&
          !member.name.startsWith('_') &&
          !FRAMEWORK_MEMBERS.has(member.name),
      ),
      tag,
    );
    undocumented('event', declaration.events, tag);
    undocumented('part', declaration.cssParts, tag);
    undocumented('slot', declaration.slots, tag);
    undocumented('CSS property', declaration.cssProperties, tag);

    // The manifest names the shipped module (dist/npm/…/x.js); its sources are beside src/…/x.ts.
    const source = module.path.replace(/^dist\/npm\//, 'src/');
    const folder = source.slice(0, source.lastIndexOf('/'));
    const code = await sources(folder);
    const styles = (await readdir(folder)).filter((name) => name.endsWith('.styles.ts'));
    const css = (await Promise.all(styles.map((name) => readFile(join(folder, name), 'utf8')))).join('\n');
    const declared = (items: Documented[] | undefined) => new Set((items ?? []).map((item) => item.name));

    const events = declared(declaration.events);
    for (const [, name] of code.matchAll(/emit\(\s*'(ix-[a-z-]+)'/g)) {
      if (!events.has(name!)) problems.push(`<${tag}>: emits "${name}" without an @event`);
    }
    const parts = declared(declaration.cssParts);
    for (const [, value] of code.matchAll(/\bpart="([^"]+)"/g)) {
      // Fixed names, and the names a \${…} expression picks from (`\${own ? 'message-own' : 'message-peer'}`).
      const picked = [...value!.matchAll(/\$\{[^}]*\}/g)].flatMap(([expression]) =>
        [...expression.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]!),
      );
      const fixed = value!.replace(/\S*\$\{[^}]*\}\S*/g, ' ').split(/\s+/);
      for (const token of [...fixed, ...picked]) {
        if (token && !parts.has(token)) problems.push(`<${tag}>: renders part "${token}" without a @csspart`);
      }
    }
    if (/<slot[\s>]/.test(code) && !declaration.slots?.length) problems.push(`<${tag}>: has a <slot> without a @slot`);
    const own = `--ix-${tag.slice(3)}-`;
    const properties = declared(declaration.cssProperties);
    for (const [, name] of css.matchAll(/var\((--ix-[a-z0-9-]+)/g)) {
      if (name!.startsWith(own) && !properties.has(name!))
        problems.push(`<${tag}>: uses ${name} without a @cssproperty`);
    }
  }
}

// The one part list that nesting elements export must be exactly the chat window's documented parts.
const chatWindow = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === 'ix-chat-window');
const documentedChatParts = [...new Set((chatWindow?.cssParts ?? []).map((part) => part.name))].sort();
const exportedChatParts = [...CHAT_WINDOW_PARTS].sort();
if (documentedChatParts.join() !== exportedChatParts.join()) {
  problems.push(
    `CHAT_WINDOW_PARTS (src/elements/base/chat-parts.ts) differs from <ix-chat-window>'s @csspart list: ${[
      ...documentedChatParts.filter((part) => !exportedChatParts.includes(part as never)).map((part) => `+${part}`),
      ...exportedChatParts.filter((part) => !documentedChatParts.includes(part)).map((part) => `-${part}`),
    ].join(' ')}`,
  );
}

// Every tag the kit defines is in the manifest (a class the analyzer does not see as an element would be missing).
const documentedTags = new Set(
  manifest.modules.flatMap((module) => module.declarations ?? []).map((declaration) => declaration.tagName),
);
for (const folder of await readdir('src/elements')) {
  const define = await readFile(join('src/elements', folder, 'define.ts'), 'utf8').catch(() => '');
  for (const [, tag] of define.matchAll(/define\('(ix-[a-z-]+)'/g))
    if (!documentedTags.has(tag)) problems.push(`<${tag}> is defined but not in the manifest`);
}

// The React wrappers follow the manifest (rewritten here on a developer's machine; stale ones fail under CI).
const wrappers = await keepReactWrappers();
if (wrappers.stale.length)
  problems.push(
    `React wrappers not what the manifest gives (run npm run manifest and commit): ${wrappers.stale.join(', ')}`,
  );
if (wrappers.written.length) console.error(`React wrappers written: ${wrappers.written.join(', ')}`);

const unique = [...new Set(problems)];
if (elements === 0) unique.push('no custom elements found in the manifest');
if (unique.length) {
  console.error(`custom-elements.json: undocumented public API\n  ${unique.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.error(
    `custom-elements.json: ${elements} elements, every attribute, property, event, part, slot and CSS property documented.`,
  );
}
