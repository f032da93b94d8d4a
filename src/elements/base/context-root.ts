import { ContextRoot } from '@lit/context';

let attached = false;

/**
 * Lets elements upgraded before their `<ix-provider>` still find it: the root remembers their context requests and
 * replays them when a provider appears. Called by every define module; attaches once per page copy of the kit.
 */
export function ensureContextRoot(): void {
  if (attached || typeof document === 'undefined') return;
  attached = true;
  new ContextRoot().attach(document.documentElement);
}
