import { css } from 'lit';

/** The chat's people and signals: faces, the first screen, receipt ticks, typing dots, the new-messages pill. */
export const chatSignalsStyles = css`
  /* Stays at the bottom edge of the list while newer messages are below it. */
  .new-messages {
    position: sticky;
    inset-block-end: var(--_space);
    align-self: center;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin-block-start: var(--_space);
    padding: 6px 12px;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8125rem;
    font-weight: 600;
    box-shadow: 0 2px 8px rgb(15 23 42 / 0.25);
  }
  .message .avatar {
    grid-row: 1;
    align-self: end;
  }
  .avatar {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
    background: var(--_surface-alt);
    color: var(--_muted);
    border: 1px solid var(--_border);
    font-size: 0.6875rem;
    font-weight: 600;
  }
  .avatar img {
    inline-size: 100%;
    block-size: 100%;
    border-radius: 50%;
    object-fit: cover;
  }
  .avatar .status {
    position: absolute;
    inset-block-end: -2px;
    inset-inline-end: -2px;
    inline-size: 10px;
    block-size: 10px;
    border-radius: 50%;
    border: 2px solid var(--_surface);
    background: #94a3b8;
  }
  [data-presence='online'] {
    --_presence: #22c55e;
  }
  [data-presence='away'] {
    --_presence: #f59e0b;
  }
  .avatar .status[data-presence] {
    background: var(--_presence, #94a3b8);
  }
  header .avatar {
    inline-size: 36px;
    block-size: 36px;
    align-self: center;
    color: var(--_text);
    font-size: 0.8125rem;
  }
  header .avatar .status {
    border-color: var(--_accent);
  }
  /* A visitor's first screen: faces, greeting, reply time, topics. */
  .welcome {
    margin-block: auto;
    display: grid;
    gap: 12px;
    justify-items: center;
    padding: calc(var(--_space) * 2) var(--_space);
    text-align: center;
  }
  .faces {
    display: flex;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .faces li + li {
    margin-inline-start: -6px;
  }
  .faces .avatar {
    inline-size: 44px;
    block-size: 44px;
    border: 2px solid var(--_surface);
    font-size: 0.875rem;
  }
  .greeting {
    margin: 0;
    max-inline-size: 30ch;
    font-size: 1rem;
    font-weight: 600;
    line-height: 1.4;
  }
  .reply-time {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .topics {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: var(--_space);
  }
  .topic {
    padding: 6px 12px;
    border: 1px solid var(--_accent-ink);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_accent-ink);
    font-size: 0.875rem;
  }
  .topic:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .delivery {
    display: inline-flex;
  }
  .delivery svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .delivery[data-state='read'] {
    color: var(--_accent-ink);
  }
  .delivery[data-state='failed'] {
    color: var(--_danger);
  }
  .message.system {
    align-items: center;
  }
  .day {
    display: flex;
    justify-content: center;
    inline-size: 100%;
    padding-block: var(--_space);
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .day span {
    padding: 2px var(--_space);
    border-radius: 999px;
    background: var(--_surface-alt);
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    min-block-size: 1.25rem;
    padding-inline: calc(var(--_space) * 2);
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    inline-size: 5px;
    block-size: 5px;
    border-radius: 50%;
    background: currentColor;
    animation: ix-typing 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes ix-typing {
    0%,
    60%,
    100% {
      opacity: 0.35;
      transform: none;
    }
    30% {
      opacity: 1;
      transform: translateY(-3px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots i {
      animation: none;
    }
  }
  .emoji-toggle {
    display: inline-grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) / 2);
    background: none;
    color: var(--_muted);
  }
  .emoji-toggle[aria-expanded='true'] {
    color: var(--_accent-ink);
  }
  .emoji-picker {
    display: grid;
    grid-template-columns: repeat(8, 1fr);
    gap: 2px;
    max-block-size: 11rem;
    overflow-y: auto;
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .emoji {
    padding: 4px 0;
    border: 0;
    border-radius: calc(var(--_radius) / 2);
    background: none;
    font-size: 1.25rem;
    line-height: 1.2;
  }
  .emoji:hover,
  .emoji:focus-visible {
    background: var(--_surface-alt);
  }
`;
