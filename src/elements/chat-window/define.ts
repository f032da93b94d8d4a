import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxChatWindow } from './chat-window.js';

ensureContextRoot();
define('ix-chat-window', IxChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'ix-chat-window': IxChatWindow;
  }
}
