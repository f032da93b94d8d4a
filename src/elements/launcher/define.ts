import { define } from '../base/define.js';
import { IxLauncher } from './launcher.js';

define('ix-launcher', IxLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'ix-launcher': IxLauncher;
  }
}
