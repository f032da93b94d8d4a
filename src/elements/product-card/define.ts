import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxProductCard } from './product-card.js';

ensureContextRoot();
define('ix-product-card', IxProductCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-product-card': IxProductCard;
  }
}
