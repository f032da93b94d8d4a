import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxBusinessCard } from './business-card.js';

ensureContextRoot();
define('ix-business-card', IxBusinessCard);

declare global {
  interface HTMLElementTagNameMap {
    'ix-business-card': IxBusinessCard;
  }
}
