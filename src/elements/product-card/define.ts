import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxProductCard } from './product-card.js';

define('ix-product-card', IxProductCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-product-card': IxProductCard;
  }
}
