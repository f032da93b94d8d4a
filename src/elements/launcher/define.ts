import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxLauncher } from './launcher.js';

ensureContextRoot();
define('ix-launcher', IxLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'ix-launcher': IxLauncher;
  }
}
