import { define } from '../base/define.js';
import { IxBusinessCard } from './business-card.js';

define('ix-business-card', IxBusinessCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-business-card': IxBusinessCard;
  }
}
