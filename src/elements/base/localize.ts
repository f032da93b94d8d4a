import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TermPacks } from '../../locales/term-packs.js';

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;
const controllers = new Set<LocalizeController<unknown>>();

/** The pack for a language tag: exact, then by language (`zh`, `zh-Hans-CN` → zh-CN), else English. */
export function packFor(lang: string): string {
  const tag = lang.trim().toLowerCase();
  const language = tag.split('-')[0];
  return (
    SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === tag) ??
    SUPPORTED_LOCALES.find((locale) => locale.split('-')[0]!.toLowerCase() === language) ??
    'en'
  );
}

// The page's (or a container's) lang and dir may change at runtime (a language switcher): every element follows.
// Only these two attributes are observed, so the cost is nil for every other DOM change.
let observer: MutationObserver | undefined;
function watchDocument() {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => controllers.forEach((controller) => controller.refresh()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/** The closest `attribute` on the element or its ancestors, crossing shadow roots. */
function inherited(element: Element, attribute: 'lang' | 'dir'): string {
  let node: Element | null = element;
  while (node) {
    const value = node.getAttribute(attribute);
    if (value) return value;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return '';
}

/**
 * Gives an element its language (its `lang`, an ancestor's, or the page's) with the matching strings, and its text
 * direction. Packs load lazily; until one arrives the element shows English rather than nothing.
 */
export class LocalizeController<T> implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #packs: TermPacks<T>;
  /** The resolved language tag, for Intl formatting. */
  lang = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';

  /** `packs`: the element's own strings (each element loads only its own, see src/locales/). */
  constructor(host: ReactiveControllerHost & HTMLElement, packs: TermPacks<T>) {
    this.#host = host;
    this.#packs = packs;
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this);
    watchDocument();
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  hostUpdate(): void {
    // `lang` / `dir` on the element itself may have changed with this update.
    this.#resolve();
  }

  refresh(): void {
    if (this.#resolve()) this.#host.requestUpdate();
  }

  /** The strings of the current language (English while its pack loads). */
  get terms(): T {
    return this.#packs.terms(packFor(this.lang));
  }

  #resolve(): boolean {
    const lang = inherited(this.#host, 'lang') || navigator.language || 'en';
    const dir = inherited(this.#host, 'dir') === 'rtl' ? 'rtl' : 'ltr';
    const changed = lang !== this.lang || dir !== this.dir;
    this.lang = lang;
    this.dir = dir;
    const pack = packFor(lang);
    if (!this.#packs.has(pack)) void this.#packs.load(pack).then(() => this.#host.requestUpdate());
    return changed;
  }
}
