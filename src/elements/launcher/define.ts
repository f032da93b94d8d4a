import { define } from '../base/define.js';
import { IxLauncher } from './launcher.js';

// No ensureContextRoot() here (it is @lit/context's code): the launcher finds a late provider itself, see
// base/context-request.ts.
define('ix-launcher', IxLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'ix-launcher': IxLauncher;
  }
}
