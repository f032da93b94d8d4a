import { html } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code of `text`, drawn as one SVG path of its dark modules: sharp at any size, black on white in every theme
 * (scanners need the contrast), and labelled for screen readers.
 */
export function qrCode(text: string, label: string, part = 'qr') {
  const { data } = encode(text, { ecc: 'M', border: 2 });
  const size = data.length;
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<svg part=${part} role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
