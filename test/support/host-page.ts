/**
 * A company's plain page under a strict CSP (no inline script or style; connections to the page's own origin and the
 * backend only), loading the probe first and then the kit's CDN build: what host-page tests open in an iframe.
 */
export function hostPageHtml(backend: string, scripts: string[], body: string): { type: 'html'; body: string } {
  const socket = backend.replace(/^http/, 'ws');
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: ${backend}; connect-src 'self' ${backend} ${socket}`;
  return {
    type: 'html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${csp}">
      <title>Host page</title>
      <script type="module" src="/test/host-pages/probe.js"></script>
      ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n')}
      </head><body><h1>A company page</h1><button id="host-button" type="button">Host button</button><input id="host-input" aria-label="Host input">
      ${body}</body></html>`,
  };
}
