import { css } from 'lit';

/**
 * The chat window's forms and their controls: the pre-chat form, the conversation list, the closed panel with its
 * rating, the text area and the primary buttons. (After chatWindowStyles: these rules come later in the cascade.)
 */
export const chatFormStyles = css`
  .prechat,
  .conversation-list,
  .closed {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    overflow-y: auto;
    /* The messages give way in a short window (a phone's inbox), not the rating: it stays whole, not a scroll box. */
    flex-shrink: 0;
  }
  .prechat {
    flex: 1;
  }
  .conversation-list {
    flex: 1;
  }
  .closed {
    border-block-start: 1px solid var(--_border);
    font-size: 0.875rem;
  }
  .prechat h3,
  .conversation-list h3 {
    margin: 0;
    font-size: 1rem;
  }
  .prechat p,
  .closed p {
    margin: 0;
  }
  .prechat label,
  .comment {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.875rem;
  }
  .prechat .consent {
    flex-direction: row;
    align-items: flex-start;
    gap: var(--_space);
  }
  /* Accent buttons: Send, and the forms' main actions. */
  .send,
  .primary {
    border: none;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  .primary {
    align-self: flex-start;
    padding: var(--_space) calc(var(--_space) * 2);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .stars {
    display: flex;
    gap: 4px;
    font-size: 1.5rem;
  }
  .star {
    position: relative;
    cursor: pointer;
    color: var(--_muted);
  }
  .star input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
  }
  .star:has(input:checked),
  .star:has(~ .star input:checked) {
    color: #d97706;
  }
  .star:has(input:focus-visible) {
    box-shadow: var(--_focus);
    border-radius: 4px;
  }
  .conversation-list ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .conversation-list li button {
    inline-size: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
    text-align: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
  }
  .conversation-list .subject {
    flex: 1;
    font-weight: 600;
  }
  .conversation-list .status,
  .conversation-list .badge {
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .conversation-list .badge {
    color: var(--_accent-ink);
    font-weight: 600;
  }
  /* Text fields: the composer, the pre-chat form, the rating comment. */
  textarea,
  .prechat input:not([type='checkbox']) {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  textarea {
    flex: 1;
    resize: none;
    min-block-size: 2.5rem;
    max-block-size: 8rem;
    field-sizing: content;
  }
  .send {
    min-block-size: 2.5rem;
    padding: 0 calc(var(--_space) * 2);
  }
  .send:disabled {
    cursor: default;
    opacity: 0.6;
  }
`;
