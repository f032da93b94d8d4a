import { define } from '../base/define.js';
// The typed `ix-…` events (event.detail) come with any one element's import, not only the root's.
import '../events.js';
import { IxProvider } from './provider.js';

define('ix-provider', IxProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ix-provider': IxProvider;
  }
}
