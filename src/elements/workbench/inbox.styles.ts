import { css } from 'lit';

/** The inbox tile: the list, the open conversation, its customer; side by side, or one at a time when narrow. */
export const inboxStyles = css`
  .tile-inbox {
    container-type: inline-size;
  }
  .inbox {
    display: grid;
    grid-template-columns: 1fr;
    gap: var(--_space);
  }
  @container (min-width: 44rem) {
    .inbox {
      grid-template-columns: minmax(14rem, 18rem) 1fr;
      block-size: var(--ix-workbench-height, 640px);
    }
    .customer-panel {
      grid-column: 1 / -1;
    }
  }
  @container (min-width: 68rem) {
    .inbox {
      grid-template-columns: minmax(14rem, 18rem) 1fr minmax(16rem, 20rem);
    }
    .customer-panel {
      grid-column: auto;
      overflow-y: auto;
    }
  }
  .inbox-list {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-block-size: 0;
  }
  .inbox-list ul {
    overflow-y: auto;
    flex: 1;
    max-block-size: var(--ix-workbench-height, 640px);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .filters {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_space);
  }
  .filters input[type='search'],
  .filters .waiting-filter {
    grid-column: 1 / -1;
  }
  .waiting-filter {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    color: var(--_text);
  }
  .waiting {
    grid-column: 1 / -1;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_accent-ink);
  }
  .conversation {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--_space);
    inline-size: 100%;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: none;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    text-align: start;
  }
  .conversation[aria-current='true'] {
    background: var(--_surface-alt);
    box-shadow: inset 3px 0 0 var(--_accent-ink);
  }
  .conversation:focus-visible {
    box-shadow: inset var(--_focus);
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .state,
  .preview {
    grid-column: 1 / -1;
    font-size: 0.75rem;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .preview {
    font-size: 0.8125rem;
  }
  .state[data-status='pending'],
  .state[data-status='failed'] {
    color: var(--_danger);
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
  .chat-pane {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-block-size: 0;
    min-inline-size: 0;
  }
  ix-chat-window {
    --ix-chat-height: var(--ix-workbench-height, 640px);
    min-block-size: 0;
    min-inline-size: 0;
  }
  /* A narrow inbox (a phone): one pane at a time, list -> conversation -> customer, with a way back from each. */
  .pane-bar {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .pane-bar button {
    font: inherit;
    font-size: 0.875rem;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_accent-ink);
    cursor: pointer;
  }
  @container (max-width: 43.99rem) {
    .inbox[data-pane='list'] > :not(.inbox-list),
    .inbox[data-pane='chat'] > :not(.chat-pane),
    .inbox[data-pane='customer'] > :not(.customer-panel) {
      display: none;
    }
    ix-chat-window {
      --ix-chat-height: min(var(--ix-workbench-height, 640px), calc(100dvh - 7rem));
    }
  }
  @container (min-width: 44rem) {
    .pane-bar {
      display: none;
    }
  }
`;
