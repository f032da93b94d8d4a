import { define } from '../base/define.js';
import { ensureContextRoot } from '../base/context-root.js';
import { IxProvider } from './provider.js';

ensureContextRoot();
define('ix-provider', IxProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ix-provider': IxProvider;
  }
}
