/** Bumped with every release: two copies of the kit on one page compare it. */
export const KIT_VERSION = '0.1.0';

type KitElement = CustomElementConstructor & { kitVersion?: string };
const warned = new Set<string>();

/**
 * Registers a tag unless it already is; in a browser only. A second copy of the same version is silently skipped; a different version
 * gets one warning (the first registration wins, as the registry allows nothing else) instead of a thrown error.
 */
export function define(tag: string, element: KitElement): void {
  element.kitVersion = KIT_VERSION;
  // On a server (a framework rendering the page in Node) there is nothing to define: lit's stand-in registry would
  // only hold the class, and the browser defines the tag when the module loads there.
  if (typeof document === 'undefined') return;
  const existing = customElements.get(tag) as KitElement | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  if (existing.kitVersion !== KIT_VERSION && !warned.has(tag)) {
    warned.add(tag);
    console.warn(
      `<${tag}> is already defined by ${existing.kitVersion ? `Interop Kit ${existing.kitVersion}` : 'another script'}; keeping that one.`,
    );
  }
}
