import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxBusinessCard } from './business-card.js';

define('ix-business-card', IxBusinessCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-business-card': IxBusinessCard;
  }
}
