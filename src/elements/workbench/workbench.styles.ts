import { css } from 'lit';

export const workbenchStyles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    block-size: var(--ix-workbench-height, 640px);
  }
  .base {
    display: grid;
    grid-template-columns: minmax(220px, 320px) 1fr;
    block-size: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow: hidden;
  }
  @media (max-width: 640px) {
    .base {
      grid-template-columns: 1fr;
      grid-template-rows: 40% 60%;
    }
  }
  nav {
    display: flex;
    flex-direction: column;
    border-inline-end: 1px solid var(--_border);
    min-block-size: 0;
  }
  h2 {
    margin: 0;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    font-size: 1rem;
    border-block-end: 1px solid var(--_border);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    flex: 1;
  }
  .conversation {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--_space);
    inline-size: 100%;
    padding: var(--_space) calc(var(--_space) * 2);
    border: none;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .conversation[aria-current='true'] {
    background: var(--_surface-alt);
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .conversation:focus-visible {
    outline: none;
    box-shadow: inset var(--_focus);
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .state {
    grid-column: 1 / -1;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .state[data-status='pending'] {
    color: var(--_danger);
  }
  .preview {
    grid-column: 1 / -1;
    color: var(--_muted);
    font-size: 0.8125rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    align-self: center;
    min-inline-size: 1.5em;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: center;
  }
  .orders {
    border-block-start: 1px solid var(--_border);
    max-block-size: 40%;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  .order {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--_space);
    padding: var(--_space) calc(var(--_space) * 2);
    border-block-end: 1px solid var(--_border);
    font-size: 0.875rem;
  }
  .order .state[data-status='succeeded'] {
    color: var(--_text);
    font-weight: 600;
  }
  .order .state[data-status='failed'] {
    color: var(--_danger);
  }
  .link-button {
    grid-column: 1 / -1;
    justify-self: start;
    border: none;
    background: none;
    padding: 0;
    font: inherit;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  .link-button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .empty,
  .notice {
    padding: calc(var(--_space) * 2);
    color: var(--_muted);
    font-size: 0.875rem;
    margin: 0;
  }
  .notice.error {
    color: var(--_danger);
  }
  ix-chat-window {
    --ix-chat-height: 100%;
    min-block-size: 0;
  }
  ix-chat-window::part(base) {
    border: none;
    border-radius: 0;
  }
`;
