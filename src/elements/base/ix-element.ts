import { LitElement, unsafeCSS, type CSSResultGroup } from 'lit';
import { emit, type EventDetail } from './emit.js';
import { hostCss, tokensCss } from './tokens.js';

/**
 * What every lit element of the kit shares; nothing extends LitElement directly. (The launcher has no lit in its first
 * load: it uses the same styles, tokens.ts, and the same `emit`, emit.ts.)
 */
export class IxElement extends LitElement {
  // The shared text is our own source, not user data: unsafeCSS only wraps it as a stylesheet.
  static override styles: CSSResultGroup = [unsafeCSS(hostCss), unsafeCSS(tokensCss)];

  /** Dispatches an `ix-*` event that crosses shadow roots; returns false if a listener cancelled it. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    detail: EventDetail<K>,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return emit(this, name, detail, options);
  }
}
