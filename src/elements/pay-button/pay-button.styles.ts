import { css } from 'lit';

export const payButtonStyles = css`
  :host {
    display: inline-block;
    font-family: var(--_font);
    color: var(--_text);
  }
  .base {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 1.5);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 2.5);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent-ink);
    border-color: var(--_accent-ink);
    padding-block: var(--_space);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
  button:focus-visible,
  a:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .action {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part='qr'] {
    inline-size: var(--ix-qr-size, 176px);
    block-size: var(--ix-qr-size, 176px);
  }
  a {
    color: var(--_accent-ink);
  }
  [part='status'] {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  [part='status']:empty {
    display: none;
  }
  [part='status'][data-status='succeeded'] {
    color: var(--_text);
    font-weight: 600;
  }
  [part='status'].error {
    color: var(--_danger);
  }
`;
