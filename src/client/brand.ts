import type { InteropClient } from './interop-client.js';

/** Black or white, whichever reads better on a `#rgb` / `#rrggbb` background (WCAG relative luminance). */
export function readableTextOn(hex: string): '#000000' | '#ffffff' {
  const digits =
    hex.length === 4
      ? [...hex.slice(1)].map((digit) => digit + digit)
      : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  const [r, g, b] = digits.map((pair) => {
    const channel = parseInt(pair, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/**
 * Gives `target` the company's accent colour once the client is online: `--ix-company-accent` (and a readable
 * `--ix-company-accent-text`) on it, inherited by every element inside. A page's own `--ix-accent` still wins.
 * Called by whoever makes a connection (a provider for its elements, an element for its own).
 */
export function followBrand(client: InteropClient, target: HTMLElement): () => void {
  const apply = () =>
    client.request('corp:info', {}).then(
      ({ brand }) => {
        const accent =
          brand.accentColor && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(brand.accentColor) ? brand.accentColor : null;
        // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
        if (accent) {
          target.style.setProperty('--ix-company-accent', accent);
          target.style.setProperty('--ix-company-accent-text', readableTextOn(accent));
        } else {
          target.style.removeProperty('--ix-company-accent');
          target.style.removeProperty('--ix-company-accent-text');
        }
      },
      () => undefined, // the brand is a nicety: the elements work in their default colours
    );
  if (client.status === 'online') void apply();
  return client.on('status', (status) => {
    if (status === 'online') void apply();
  });
}
