import '../chat-window/define.js';
import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxWorkbench } from './workbench.js';

ensureContextRoot();
define('ix-workbench', IxWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'ix-workbench': IxWorkbench;
  }
}
