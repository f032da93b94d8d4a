import type {} from '../events.js';
import { LitElement, css, type CSSResultGroup } from 'lit';

/** The dark palette, for `theme="dark"` and for `theme="auto"` on a dark system. A host's `--ix-*` still wins. */
const darkTokens = css`
  --_accent: var(--ix-accent, #93c5fd);
  --_accent-text: var(--ix-accent-text, #0b1220);
  --_surface: var(--ix-surface, #0f172a);
  --_surface-alt: var(--ix-surface-alt, #1e293b);
  --_text: var(--ix-text, #e2e8f0);
  --_muted: var(--ix-muted, #a5b4c8);
  --_border: var(--ix-border, #334155);
  --_danger: var(--ix-danger, #fca5a5);
`;

/** Design tokens every element reads; a host overrides them on any ancestor. */
export const tokens = css`
  :host {
    --_accent: var(--ix-accent, #1d4ed8);
    --_accent-text: var(--ix-accent-text, #ffffff);
    --_surface: var(--ix-surface, #ffffff);
    --_surface-alt: var(--ix-surface-alt, #f1f5f9);
    --_text: var(--ix-text, #0f172a);
    --_muted: var(--ix-muted, #475569);
    --_border: var(--ix-border, #cbd5e1);
    --_danger: var(--ix-danger, #b91c1c);
    --_radius: var(--ix-radius, 12px);
    --_space: var(--ix-spacing, 8px);
    --_font: var(--ix-font, inherit);
    --_focus: var(--ix-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
`;

const hostStyles = css`
  :host {
    box-sizing: border-box;
  }
  :host *,
  :host *::before,
  :host *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** What every Interop Kit element shares. Nothing extends LitElement directly. */
export class IxElement extends LitElement {
  static override styles: CSSResultGroup = [hostStyles, tokens];

  /** Dispatches an `ix-*` event that crosses shadow roots; returns false if a listener cancelled it. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}
