import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxPayButton } from './pay-button.js';

ensureContextRoot();
define('ix-pay-button', IxPayButton);

declare global {
  interface HTMLElementTagNameMap {
    'ix-pay-button': IxPayButton;
  }
}
