import type { Context, ContextCallback, ContextType } from '@lit/context';

/** The Context Community Protocol's request, as @lit/context's providers answer it. */
class ContextRequest<C extends Context<unknown, unknown>> extends Event {
  constructor(
    readonly context: C,
    readonly contextTarget: Element,
    readonly callback: ContextCallback<ContextType<C>>,
    readonly subscribe: boolean,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/**
 * Subscribes `host` to the nearest provider of `context`, without @lit/context's code: for the launcher, whose first
 * load has no lit. The protocol is a plain event: lit elements use @lit/context's `ContextConsumer` instead.
 *
 * A provider that appears later (its script loads after the host's) announces itself with `context-provider`; the
 * request is then made again, which is what `ContextRoot` does for the lit elements. Returns the unsubscribe.
 */
export function subscribeToContext<C extends Context<unknown, unknown>>(
  host: Element,
  context: C,
  onValue: (value: ContextType<C>) => void,
): () => void {
  let unsubscribe: (() => void) | undefined;
  const callback: ContextCallback<ContextType<C>> = (value, dispose) => {
    // A nearer provider took the subscription over: leave the previous one.
    if (unsubscribe !== dispose) unsubscribe?.();
    unsubscribe = dispose;
    onValue(value);
  };
  const request = () => host.dispatchEvent(new ContextRequest(context, host, callback, true));
  const onProvider = (event: Event) => {
    if (!unsubscribe && (event as Event & { context?: unknown }).context === context) request();
  };
  document.addEventListener('context-provider', onProvider);
  request();
  return () => {
    document.removeEventListener('context-provider', onProvider);
    unsubscribe?.();
    unsubscribe = undefined;
  };
}
