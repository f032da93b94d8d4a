import '../chat-window/define.js';
import { define } from '../base/define.js';
import { IxWorkbench } from './workbench.js';

define('ix-workbench', IxWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'ix-workbench': IxWorkbench;
  }
}
