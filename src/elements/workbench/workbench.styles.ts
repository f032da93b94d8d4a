import { css } from 'lit';
import { inboxStyles } from './inbox.styles.js';

export const workbenchStyles = [
  css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--ix-workbench-tile-min, 18rem)), 1fr));
    gap: calc(var(--_space) * 2);
    align-items: start;
  }
  /* The page's own tiles sit in the grid like the built-in ones. */
  ::slotted(*) {
    min-inline-size: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 2);
  }
  .tile {
    min-inline-size: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 2);
  }
  .tile[data-span='2'] {
    grid-column: span 2;
  }
  .tile[data-span='full'] {
    grid-column: 1 / -1;
  }
  @container (max-width: 40rem) {
    .tile[data-span='2'] {
      grid-column: 1 / -1;
    }
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  h4 {
    margin: calc(var(--_space) * 2) 0 var(--_space);
    font-size: 0.875rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .muted,
  .empty {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .notice {
    margin: 0 0 var(--_space);
    font-size: 0.875rem;
  }
  .notice.error {
    color: var(--_danger);
  }
  .status-line:empty {
    display: none;
  }
  .status-line {
    margin: 0 0 var(--_space);
    font-size: 0.875rem;
  }
  label {
    display: grid;
    gap: 2px;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) / 2) var(--_space);
    min-inline-size: 0;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:not(.link-button, .conversation, .figure-link) {
    justify-self: start;
    border: none;
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button.danger {
    background: var(--_danger);
    color: var(--_surface);
  }
  .link-button {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent-ink);
    text-decoration: underline;
    text-align: start;
  }

  /* Key figures */
  .figures {
    display: grid;
    /* Three across on a phone, all seven in a row on a wide portal. */
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: var(--_space);
  }
  .figure,
  .figure-link {
    display: grid;
    gap: 2px;
    padding: var(--_space);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface-alt);
    text-align: start;
  }
  .figure:has(.figure-link) {
    padding: 0;
  }
  .figure-link {
    inline-size: 100%;
    border: none;
    color: var(--_text);
  }
  .figure-link:hover .label {
    text-decoration: underline;
  }
  .value {
    font-size: 1.375rem;
    font-weight: 650;
  }
  .label {
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  /* Inbox: list | chat | customer, stacking on narrow screens */
  .customer-panel {
    display: grid;
    align-content: start;
    gap: var(--_space);
    font-size: 0.875rem;
    min-inline-size: 0;
  }
  .customer-panel form {
    display: grid;
    gap: var(--_space);
  }
  .identity {
    margin: 0;
    color: var(--_muted);
  }
  .visit {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 2px var(--_space);
    margin: 0;
  }
  .visit dt {
    color: var(--_muted);
  }
  .visit dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .visit a {
    color: var(--_accent-ink);
  }
  .verified {
    color: var(--_text);
    font-weight: 600;
  }
  .history li,
  .handovers li,
  .orders li,
  .todos li,
  .team li,
  .replies li,
  .links li {
    display: grid;
    gap: 2px;
    padding: var(--_space) 0;
    border-block-end: 1px solid var(--_border);
  }
  .orders li {
    grid-template-columns: 1fr auto;
  }
  .orders .state,
  .orders .link-button {
    grid-column: 1 / -1;
  }
  .orders .state[data-status='succeeded'] {
    color: var(--_text);
    font-weight: 600;
  }
  q {
    font-style: italic;
  }

  /* To-dos, team, other tiles */
  .todo label {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
    color: var(--_text);
    font-size: 0.875rem;
  }
  .overdue {
    color: var(--_danger);
    margin-inline-end: var(--_space);
  }
  .todo .due {
    display: inline-grid;
  }
  .new-todo,
  .new-reply,
  .departure {
    display: grid;
    gap: var(--_space);
    margin-block-start: var(--_space);
  }
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--_muted);
  }
  [data-presence='online'] .dot {
    background: #16a34a;
  }
  [data-presence='away'] .dot {
    background: #d97706;
  }
  .member[data-status='departed'] {
    opacity: 0.7;
  }
  .tile-image img {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    border-radius: calc(var(--_radius) / 1.5);
  }
  .tile-webview iframe {
    display: block;
    inline-size: 100%;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .notify-offer {
    margin: 0 0 var(--_space);
  }
  .notify-offer button {
    font: inherit;
    padding: 6px 12px;
    border: 1px solid var(--_accent-ink);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_accent-ink);
    cursor: pointer;
  }
`,
  // After the general rules, as when they were one sheet.
  inboxStyles,
];
