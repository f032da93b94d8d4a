import { css } from 'lit';

export const productCardStyles = css`
  .base {
    overflow: hidden;
  }
  img,
  .placeholder,
  .skeleton.image {
    inline-size: 100%;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    background: var(--_surface-alt);
  }
  .placeholder {
    display: grid;
    place-items: center;
    font-size: 2.5rem;
    font-weight: 700;
    color: var(--_muted);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  p {
    margin: 0;
  }
  [part='description'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .price-line {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_space);
  }
  .price {
    font-size: 1.125rem;
    font-weight: 700;
  }
  .availability {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .availability[data-available='false'] {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  a {
    color: var(--_accent-ink);
  }
  button {
    font: inherit;
    cursor: pointer;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  a:focus-visible,
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .skeleton {
    background: var(--_surface-alt);
  }
  .skeleton.line {
    block-size: 0.875rem;
    margin: calc(var(--_space) * 2) calc(var(--_space) * 2) 0;
    border-radius: 4px;
  }
  .skeleton.line.short {
    inline-size: 40%;
    margin-block-end: calc(var(--_space) * 2);
  }
  .error {
    padding: calc(var(--_space) * 2);
    color: var(--_danger);
  }
`;
