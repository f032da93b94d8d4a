/**
 * custom-elements.json: the elements' public API, read from their class JSDoc (npm run build writes it), with paths
 * into the files the package ships and every event's type. From it: VS Code's custom data and JetBrains' web-types
 * (dist/editors/) and Vue's GlobalComponents types (dist/types/vue.d.ts).
 */
import { readFileSync } from 'node:fs';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';

/** The connection attributes every element that talks to the backend inherits (declared by spreading one object). */
const CONNECTION_ATTRIBUTES = ['endpoint', 'corp', 'token'];

/** Each event's detail type as `IxEventDetails` (src/elements/events.ts) declares it, one line per event. */
const EVENT_DETAILS = new Map(
  [...readFileSync('src/elements/events.ts', 'utf8').matchAll(/^ {2}'(ix-[a-z-]+)': (.+);$/gm)].map(
    ([, name, type]) => [name, type],
  ),
);

/** The published module of a source file: dist/npm/…/x.js for src/…/x.ts. */
const shipped = (path) => path.replace(/^\/?src\//, 'dist/npm/').replace(/\.ts$/, '.js');

/** Fills in what the analyzer cannot read from our base classes, and drops what it guesses wrong. */
function interopKit() {
  return {
    name: 'interop-kit',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          // `emit(name, …)` in the base class is not an event of its own.
          declaration.events = (declaration.events ?? [])
            .filter((event) => event.name !== 'name')
            .map((event) => {
              const detail = EVENT_DETAILS.get(event.name);
              if (!detail) throw new Error(`${event.name}: not in IxEventDetails (src/elements/events.ts)`);
              return { ...event, type: { text: `CustomEvent<${detail}>` } };
            });
          // Internal reactive state (`_error`, `state: true`) has no attribute.
          declaration.attributes = declaration.attributes?.filter((attribute) => !attribute.name.startsWith('_'));
          const fields = new Map((declaration.members ?? []).map((member) => [member.name, member]));
          declaration.attributes ??= [];
          for (const name of CONNECTION_ATTRIBUTES) {
            const field = fields.get(name);
            if (!field || declaration.attributes.some((attribute) => attribute.name === name)) continue;
            declaration.attributes.push({
              name,
              fieldName: name,
              type: { text: 'string | undefined' },
              description: field.description,
              inheritedFrom: field.inheritedFrom,
            });
          }
        }
      }
    },
  };
}

/** Last: module paths point at the shipped JavaScript (the sources are not in the package). */
function shippedPaths() {
  return {
    name: 'shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      const link = (reference) => reference?.module && (reference.module = shipped(reference.module));
      for (const module of customElementsManifest.modules) {
        module.path = shipped(module.path);
        for (const declaration of module.declarations ?? []) {
          link(declaration.superclass);
          for (const member of [...(declaration.members ?? []), ...(declaration.attributes ?? [])])
            link(member.inheritedFrom);
        }
        for (const exported of module.exports ?? []) link(exported.declaration);
      }
    },
  };
}

const editors = { outdir: 'dist/editors', hideLogs: true };

export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/define.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    interopKit(),
    customElementVsCodePlugin({
      ...editors,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
    }),
    customElementJetBrainsPlugin({ ...editors, webTypesFileName: 'web-types.json', excludeHtml: false }),
    customElementVuejsPlugin({
      outdir: 'dist/types',
      fileName: 'vue.d.ts',
      globalTypePath: './index.js',
      hideLogs: true,
    }),
    shippedPaths(),
  ],
};
