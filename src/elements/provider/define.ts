import { define } from '../base/define.js';
import { IxProvider } from './provider.js';

define('ix-provider', IxProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ix-provider': IxProvider;
  }
}
