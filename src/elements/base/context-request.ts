import type { Context, ContextCallback, ContextEvent, ContextType } from '@lit/context';

/**
 * Subscribes `host` to the nearest provider of `context` (an `<ix-provider>` or `<ix-workbench>`, whose
 * `ContextProvider`s come from @lit/context). Every element consumes through this rather than @lit/context's
 * `ContextConsumer` and `ContextRoot`: the protocol is one event, and their code would cost each element's first load
 * about 1.2 KB gzip (the launcher's has no lit at all).
 *
 * A provider that appears later (its script loads after the element's) announces itself with `context-provider`; the
 * request is then made again, which is what `ContextRoot` would do. Returns the unsubscribe.
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
  // The Context Community Protocol's request, as @lit/context's providers answer it.
  const request = () =>
    host.dispatchEvent(
      Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
        context,
        contextTarget: host,
        callback,
        subscribe: true,
      }) satisfies ContextEvent<C>,
    );
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
