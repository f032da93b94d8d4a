import '../chat-window/define.js';
import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxWorkbench } from './workbench.js';

define('ix-workbench', IxWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'ix-workbench': IxWorkbench;
  }
}
