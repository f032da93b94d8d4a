import { define } from '../base/define.js';
import { IxPayButton } from './pay-button.js';

define('ix-pay-button', IxPayButton);

declare global {
  interface HTMLElementTagNameMap {
    'ix-pay-button': IxPayButton;
  }
}
