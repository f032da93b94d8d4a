import { define } from '../base/define.js';
import { IxChatWindow } from './chat-window.js';

define('ix-chat-window', IxChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'ix-chat-window': IxChatWindow;
  }
}
