import { define } from '../base/define.js';
import { IxProductCard } from './product-card.js';

define('ix-product-card', IxProductCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-product-card': IxProductCard;
  }
}
