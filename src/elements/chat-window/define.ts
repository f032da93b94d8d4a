import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxChatWindow } from './chat-window.js';

define('ix-chat-window', IxChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'ix-chat-window': IxChatWindow;
  }
}
