import { css } from '../base/tokens.js';

export const launcherStyles = css`
  :host {
    --_size: var(--ix-launcher-size, 56px);
    --_offset: var(--ix-launcher-offset, 20px);
    position: fixed;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--ix-launcher-z-index, 2147483000);
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([position='bottom-start']) {
    inset-inline-end: auto;
    inset-inline-start: var(--_offset);
  }
  :host([position='bottom-right']) {
    inset-inline: auto;
    right: var(--_offset);
  }
  :host([position='bottom-left']) {
    inset-inline: auto;
    left: var(--_offset);
  }
  /* The panel opens above the button, aligned with it. */
  .root {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  :host([position='bottom-start']) .root,
  .root[data-side='left'] {
    align-items: flex-start;
  }
  .root[data-side='right'] {
    align-items: flex-end;
  }
  .panel {
    position: relative;
    inline-size: min(380px, calc(100vw - 2 * var(--_offset)));
    block-size: min(600px, calc(100vh - var(--_size) - 3 * var(--_offset)));
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(15 23 42 / 0.25);
    background: var(--_surface);
  }
  .panel ix-chat-window {
    --ix-chat-height: 100%;
  }
  .loading {
    margin: 0;
    padding: 16px;
    color: var(--_muted);
  }
  /* A phone: the open chat fills what the keyboard leaves of the screen, edge to edge. The query is full-screen.ts's
     FULL_SCREEN_QUERY written out: the build minifies only CSS without interpolations. */
  @media (max-width: 640px) {
    .panel {
      position: fixed;
      inset-inline: 0;
      inset-block-start: var(--_vv-top, 0);
      inline-size: 100%;
      block-size: var(--_vv-height, 100dvh);
      border-radius: 0;
      box-shadow: none;
      padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
    }
    .panel ix-chat-window::part(base) {
      border: 0;
      border-radius: 0;
    }
    :host([open]) .launcher {
      display: none;
    }
  }
  .launcher {
    position: relative;
    inline-size: var(--_size);
    block-size: var(--_size);
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
    display: grid;
    place-items: center;
    box-shadow: 0 4px 16px rgb(15 23 42 / 0.3);
    transition: transform 120ms ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher:focus-visible {
    outline: none;
    box-shadow: var(--_focus), 0 4px 16px rgb(15 23 42 / 0.3);
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding-inline: 6px;
    border-radius: 11px;
    background: var(--ix-badge, #b91c1c);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .launcher {
      transition: none;
    }
  }
`;
