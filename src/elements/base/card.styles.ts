import { css } from 'lit';

/** What the catalog and business cards share: a block of `--ix-card-width`, bordered, on the surface colour. */
export const cardStyles = css`
  :host {
    display: block;
    inline-size: var(--ix-card-width, 320px);
    max-inline-size: 100%;
    font-family: var(--_font);
    color: var(--_text);
  }
  .base {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;
