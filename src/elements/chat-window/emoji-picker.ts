import { html } from 'lit';

/**
 * The emoji a customer conversation mostly needs, loaded only when the picker first opens (the chat's first load does
 * not carry them). A curated set, not the whole Unicode list: no data file to fetch, nothing to load from elsewhere,
 * and screen readers name each emoji in the reader's own language.
 */
const EMOJI = [
  ...'😀😃😄😁😊🙂😉😍😘🤗🤔😅😂🤣😇😎🥰😋😌😴😢😭😮😱😡🙄😬🤩🥳😷',
  ...'👍👎👌🙏👏🙌💪🤝👋🤞👀🫶',
  ...'❤️🧡💛💚💙💜🔥✨🎉🎁⭐💯',
  ...'✅❌❓❗📦🚚💳🧾📞📧⏰📍',
  ...'🍵☕🌿🍃🫖🥮🧧🌸',
].reduce<string[]>((list, char) => {
  // A variation selector (the ️ of ❤️) belongs to the character before it.
  if (char === '\uFE0F' && list.length) list[list.length - 1] += char;
  else list.push(char);
  return list;
}, []);

/** Columns of the grid: what the arrow keys move by. */
export const EMOJI_COLUMNS = 8;

/** Arrow keys, Home and End move through the grid (one tab stop); Escape is the picker's to close. */
function onGridKeydown(event: KeyboardEvent) {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + EMOJI_COLUMNS,
    ArrowUp: index - EMOJI_COLUMNS,
    Home: 0,
    End: buttons.length - 1,
  };
  const next = moves[event.key];
  if (next === undefined || index < 0) return;
  event.preventDefault();
  const target = buttons[Math.max(0, Math.min(buttons.length - 1, next))]!;
  buttons[index]!.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

/** The picker: a grid of emoji buttons; `pick` gets the one pressed, `close` is Escape. */
export function renderEmojiPicker(label: string, pick: (emoji: string) => void, close: () => void) {
  return html`<div
    id="emoji-picker"
    class="emoji-picker"
    part="emoji-picker"
    role="group"
    aria-label=${label}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
      } else onGridKeydown(event);
    }}
  >
    ${EMOJI.map(
      (emoji, index) =>
        html`<button type="button" class="emoji" tabindex=${index === 0 ? 0 : -1} @click=${() => pick(emoji)}>${emoji}</button>`,
    )}
  </div>`;
}
