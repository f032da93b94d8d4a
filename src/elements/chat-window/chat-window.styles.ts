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
    overflow-y: auto;
    padding: calc(var(--_space) * 2);
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    overscroll-behavior: contain;
  }
  .messages:focus-visible {
    outline: none;
    box-shadow: inset var(--_focus);
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
    max-inline-size: 80%;
  }
  .message.own {
    align-self: flex-end;
    align-items: flex-end;
  }
  .message.system {
    align-self: center;
    align-items: center;
    max-inline-size: 100%;
  }
  .bubble {
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
  .system .bubble {
    background: none;
    color: var(--_muted);
    font-size: 0.8125rem;
    padding: 0;
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
  textarea:focus-visible {
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
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: 999px;
    padding: 2px calc(var(--_space) * 1.5);
    font-size: 0.8125rem;
  }
  form {
    display: flex;
    gap: var(--_space);
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }
  textarea {
    flex: 1;
    resize: none;
    min-block-size: 2.5rem;
    max-block-size: 8rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    field-sizing: content;
  }
  .send {
    border: none;
    border-radius: calc(var(--_radius) / 2);
    padding: 0 calc(var(--_space) * 2);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  .send:disabled {
    cursor: default;
    opacity: 0.6;
  }
`;
