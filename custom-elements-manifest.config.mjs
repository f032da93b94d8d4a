/** custom-elements.json: the elements' public API, read from their class JSDoc (npm run build writes it). */

/** The connection attributes every element that talks to the backend inherits (declared by spreading one object). */
const CONNECTION_ATTRIBUTES = ['endpoint', 'corp', 'token'];

/** Fills in what the analyzer cannot read from our base classes, and drops what it guesses wrong. */
function interopKit() {
  return {
    name: 'interop-kit',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          // `emit(name, …)` in the base class is not an event of its own.
          declaration.events = (declaration.events ?? []).filter((event) => event.name !== 'name');
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

export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/define.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [interopKit()],
};
