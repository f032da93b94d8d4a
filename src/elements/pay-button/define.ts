import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxPayButton } from './pay-button.js';

define('ix-pay-button', IxPayButton);

declare global {
  interface HTMLElementTagNameMap {
    'ix-pay-button': IxPayButton;
  }
}
