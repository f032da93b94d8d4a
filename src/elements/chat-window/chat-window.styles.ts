import { css } from 'lit';

export const chatWindowStyles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    block-size: var(--ix-chat-height, 520px);
    inline-size: var(--ix-chat-width, 100%);
  }
  .base {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    background: var(--_accent);
    color: var(--_accent-text);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  .subtitle {
    font-size: 0.8125rem;
    opacity: 0.9;
  }
  .notice {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 2);
    font-size: 0.8125rem;
    background: var(--_surface-alt);
    color: var(--_text);
    border-block-end: 1px solid var(--_border);
  }
  .notice.error {
    color: var(--_danger);
  }
  .messages {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    padding: var(--_space) calc(var(--_space) * 2);
    display: flex;
    flex-direction: column;
    overscroll-behavior: contain;
    /* The window keeps its own anchor when rows come or go; the browser's would correct twice. */
    overflow-anchor: none;
  }
  .messages:focus-visible {
    outline: none;
    box-shadow: inset var(--_focus);
  }
  .rows {
    display: flex;
    flex-direction: column;
  }
  .empty {
    margin: auto;
    color: var(--_muted);
    text-align: center;
    font-size: 0.875rem;
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    inline-size: 100%;
    padding-block: calc(var(--_space) / 2);
  }
  .message.own {
    align-items: flex-end;
  }
  /* The other side's messages: their initials level with the bubble's foot, the time under it. */
  .message.peer {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: var(--_space);
    justify-items: start;
  }
  .message.peer > :not(.avatar) {
    grid-column: 2;
  }
  .bubble {
    max-inline-size: 80%;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.4;
  }
  .own .bubble {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .bubble a {
    color: inherit;
  }
  .bubble img {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    max-block-size: 240px;
    object-fit: contain;
    border-radius: calc(var(--_radius) / 2);
  }
  /* Cards are their own surface: no bubble around them, and the width they have on a page (up to the bubble's). */
  .kind-product_card .bubble,
  .kind-business_card .bubble {
    padding: 0;
    background: none;
  }
  .bubble :is(ix-product-card, ix-business-card) {
    --ix-card-width: 260px;
  }
  /* Its text is the kit's, not typed: the template's line breaks must not show. */
  .kind-payment_request .bubble {
    white-space: normal;
  }
  .bubble ix-pay-button {
    display: block;
  }
  .kind-image .bubble {
    padding: 4px;
  }
  .file {
    display: inline-flex;
    gap: var(--_space);
    align-items: baseline;
  }
  .file::before {
    content: '📄';
  }
  .file-size {
    font-size: 0.75rem;
    opacity: 0.85;
  }
  .system .bubble {
    background: none;
    color: var(--_muted);
    font-size: 0.8125rem;
    padding: 0;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
    padding: var(--_space) var(--_space) 0;
    font-size: 0.8125rem;
  }
  .tool {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font-size: inherit;
  }
  .tool:hover:not(:disabled),
  .tool[aria-expanded='true'] {
    border-color: var(--_accent-ink);
    color: var(--_accent-ink);
  }
  .tool:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .picker {
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
    max-block-size: 12rem;
    overflow-y: auto;
  }
  .picker ul {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
  }
  .picker input {
    inline-size: 100%;
    font: inherit;
    padding: calc(var(--_space) / 2);
  }
  .picker-fields {
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  .picker .quantity {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    white-space: nowrap;
  }
  .picker .quantity input {
    inline-size: 4.5rem;
  }
  .tool-note {
    color: var(--_muted);
  }
  .payment-request {
    margin: 0 0 var(--_space);
  }
  .payment .bubble {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    padding: calc(var(--_space) / 2) var(--_space);
    color: var(--_text);
  }
  .payment[data-payment-status='succeeded'] .bubble {
    font-weight: 600;
  }
  .message[data-state='sending'] .bubble {
    opacity: 0.7;
  }
  .message[data-state='failed'] .bubble {
    outline: 2px solid var(--_danger);
  }
  .meta {
    display: flex;
    gap: var(--_space);
    align-items: center;
    margin-block-start: 2px;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .meta .failed {
    color: var(--_danger);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .link-button {
    border: none;
    background: none;
    padding: 0;
    color: inherit;
    text-decoration: underline;
    font-size: inherit;
  }
  .older {
    align-self: center;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .composer {
    display: flex;
    gap: var(--_space);
    align-items: flex-end;
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }
  .attach {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: calc(var(--_radius) / 2);
    color: var(--_muted);
    cursor: pointer;
  }
  .attach input {
    position: absolute;
    inset: 0;
    opacity: 0;
    cursor: pointer;
  }
  .attach:focus-within {
    box-shadow: var(--_focus);
  }
  .attach[data-disabled] {
    opacity: 0.5;
  }
  .upload {
    display: flex;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space) calc(var(--_space) * 2);
    font-size: 0.8125rem;
    border-block-start: 1px solid var(--_border);
  }
  .upload label {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .upload progress {
    inline-size: 100%;
    accent-color: var(--_accent);
  }
  .heading {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: flex-end;
  }
  .dismiss {
    display: inline-flex;
    border: 0;
    background: none;
    color: inherit;
    padding: 4px;
    border-radius: 50%;
    align-self: center;
  }
  /* On the accent: the ring in the text colour, which contrasts with the accent by construction. */
  header button:focus-visible {
    box-shadow: 0 0 0 2px var(--_accent-text);
  }
  .icon-button {
    border: 1px solid color-mix(in srgb, var(--_accent-text) 50%, transparent);
    border-radius: 999px;
    background: none;
    color: var(--_accent-text);
    padding: 2px var(--_space);
    font-size: 0.75rem;
  }
  .presence .dot {
    display: inline-block;
    inline-size: 8px;
    block-size: 8px;
    margin-inline-end: 4px;
    border-radius: 50%;
    background: #94a3b8;
  }
  .presence[data-presence='online'] .dot {
    background: #22c55e;
  }
  .presence[data-presence='away'] .dot {
    background: #f59e0b;
  }
  .logo {
    block-size: 28px;
    inline-size: auto;
    max-inline-size: 96px;
    object-fit: contain;
    border-radius: 4px;
    background: #fff;
  }
  .ongoing {
    margin: 0;
    padding: 6px calc(var(--_space) * 2);
    font-size: 0.8125rem;
    border-block-end: 1px solid var(--_border);
  }
  .ongoing .link {
    font: inherit;
    color: var(--_accent-ink);
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  .context {
    margin: 0;
    padding: 4px calc(var(--_space) * 2);
    font-size: 0.8125rem;
    color: var(--_muted);
    border-block-end: 1px solid var(--_border);
  }
`;
