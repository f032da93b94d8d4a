/**
 * The styles every element shares, as plain CSS text with no lit in it, so the launcher (which has no lit in its
 * first load) uses the same text as the lit elements (which wrap it as a stylesheet, see ix-element.ts).
 */

/** Tags CSS text for the build's template minifier (it minifies templates tagged `css`); the value is the text. */
export const css = String.raw;

/**
 * Design tokens every element reads; a host overrides them on any ancestor. Each color is `light-dark(light, dark)`:
 * `theme` only picks the color scheme (`auto` follows the system), so the palette is written once. With no `theme`
 * an element inherits its container's scheme: a card inside a dark chat window is dark.
 *
 * Whatever accent a company picks, two tokens derive from it so that text stays readable (WCAG AA):
 * `--_accent-text`, black or white on the accent (LCH lightness 49.4 is where white and black contrast equally), and
 * `--_accent-ink`, the accent as text, lines and focus rings on the surface (darkened in light, lightened in dark).
 */
export const tokensCss = css`
  :host {
    --_accent: var(--ix-accent, var(--ix-company-accent, light-dark(#1d4ed8, #93c5fd)));
    --_accent-text: var(--ix-accent-text, lch(from var(--_accent) calc((49.4 - l) * infinity) 0 0));
    --_accent-ink: light-dark(oklch(from var(--_accent) min(l, 0.5) c h), oklch(from var(--_accent) max(l, 0.82) c h));
    --_surface: var(--ix-surface, light-dark(#ffffff, #0f172a));
    --_surface-alt: var(--ix-surface-alt, light-dark(#f1f5f9, #1e293b));
    --_text: var(--ix-text, light-dark(#0f172a, #e2e8f0));
    --_muted: var(--ix-muted, light-dark(#475569, #a5b4c8));
    --_border: var(--ix-border, light-dark(#cbd5e1, #475569));
    --_danger: var(--ix-danger, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--ix-radius, 12px);
    --_space: var(--ix-spacing, 8px);
    --_font: var(--ix-font, inherit);
    /* A solid ring with a gap in the surface colour: at least 3:1 against whatever is behind it. */
    --_focus: var(--ix-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px var(--_accent-ink));
    /* An embedding container's text settings (a chat bubble's pre-wrap and line height) must not reach inside. */
    white-space: normal;
    line-height: normal;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
`;

/** Box sizing, `[hidden]` that wins over display rules, and the visually-hidden utility. */
export const hostCss = css`
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
