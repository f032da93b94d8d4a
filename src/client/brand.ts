import type { InteropClient } from './interop-client.js';

/**
 * Gives `target` the company's accent colour once the client is online: `--ix-company-accent` on it, inherited by
 * every element inside (each derives readable text on it itself). A page's own `--ix-accent` still wins.
 * Called by whoever makes a connection (a provider for its elements, an element for its own).
 */
export function followBrand(client: InteropClient, target: HTMLElement): () => void {
  const apply = () =>
    client.request('corp:info', {}).then(
      ({ brand }) => {
        const accent =
          brand.accentColor && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(brand.accentColor) ? brand.accentColor : null;
        // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
        if (accent) target.style.setProperty('--ix-company-accent', accent);
        else target.style.removeProperty('--ix-company-accent');
      },
      () => undefined, // the brand is a nicety: the elements work in their default colours
    );
  if (client.status === 'online') void apply();
  return client.on('status', (status) => {
    if (status === 'online') void apply();
  });
}
