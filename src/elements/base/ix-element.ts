import { LitElement, unsafeCSS, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { emit, type EventDetail } from './emit.js';
import { hostCss, tokensCss } from './tokens.js';

const pristines = new WeakMap<typeof IxElement, IxElement>();

/**
 * What every lit element of the kit shares; nothing extends LitElement directly. (The launcher has no lit in its first
 * load: it uses the same styles, tokens.ts, and the same `emit`, emit.ts.)
 */
export class IxElement extends LitElement {
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
    lang: { reflect: true },
  };

  // The shared text is our own source, not user data: unsafeCSS only wraps it as a stylesheet.
  static override styles: CSSResultGroup = [unsafeCSS(hostCss), unsafeCSS(tokensCss)];

  /** Color scheme: `light` (default), `dark`, or `auto` (follows the system). Reflected. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Language of the element's strings (`en`, `zh-CN`); default: the nearest `lang` up the page, then the browser's. */
  declare lang: string;

  /**
   * Removing an attribute restores the property's default (lit would leave `null`): the value a new element of the
   * same class has, read from one pristine instance per class. (Our attribute names are the property's own, or given.)
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    const ctor = this.constructor as typeof IxElement;
    for (const [key, { attribute = key }] of ctor.elementProperties) {
      if (value === null && attribute === name) {
        const pristine = pristines.get(ctor) ?? pristines.set(ctor, new ctor()).get(ctor);
        (this as Record<PropertyKey, unknown>)[key] = (pristine as unknown as Record<PropertyKey, unknown>)[key];
      }
    }
  }

  /** Dispatches an `ix-*` event that crosses shadow roots; returns false if a listener cancelled it. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    detail: EventDetail<K>,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return emit(this, name, detail, options);
  }
}
