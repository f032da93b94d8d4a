import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxLauncher } from './launcher.js';

define('ix-launcher', IxLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'ix-launcher': IxLauncher;
  }
}
