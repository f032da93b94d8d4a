import { createHash } from 'node:crypto';

/** A CDN build the page loads from: where it is served, and its `integrity.json` (see scripts/bundles.ts). */
export interface CdnBuild {
  path: string;
  integrity: Record<string, string>;
}

/**
 * A company's plain page under a strict CSP (no inline script or style; connections to the page's own origin and the
 * backend only), loading the probe first and then the kit's CDN build: what host-page tests open in an iframe.
 *
 * With `builds`, the page pins the kit as the README tells a company to: each entry's `<script>` carries its
 * `integrity`, and an import map carries every module's, so the chunks an entry loads later are checked too. The
 * import map is inline, allowed by its hash (CSP's way for a known inline script). `tampered` names entries whose
 * integrity is deliberately wrong.
 */
export function hostPageHtml(
  backend: string,
  scripts: string[],
  body: string,
  builds: CdnBuild[] = [],
  tampered: string[] = [],
): { type: 'html'; body: string } {
  const socket = backend.replace(/^http/, 'ws');
  const integrityOf = (src: string) => {
    const build = builds.find(({ path }) => src.startsWith(path));
    const value = build?.integrity[src.slice(build.path.length)];
    return value && tampered.includes(src)
      ? `sha384-${createHash('sha384').update('not the file').digest('base64')}`
      : value;
  };
  const importMap = builds.length
    ? JSON.stringify({
        integrity: Object.fromEntries(
          builds.flatMap(({ path, integrity }) =>
            Object.entries(integrity).map(([file, value]) => [path + file, value]),
          ),
        ),
      })
    : '';
  const mapHash = importMap && ` 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  const csp = `default-src 'none'; script-src 'self'${mapHash}; style-src 'self'; img-src 'self' data: ${backend}; connect-src 'self' ${backend} ${socket}`;
  const tag = (src: string) => {
    const integrity = integrityOf(src);
    return `<script type="module" src="${src}"${integrity ? ` integrity="${integrity}"` : ''}></script>`;
  };
  return {
    type: 'html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${csp}">
      <title>Host page</title>
      ${importMap ? `<script type="importmap">${importMap}</script>` : ''}
      <script type="module" src="/test/host-pages/probe.js"></script>
      ${scripts.map(tag).join('\n')}
      </head><body><h1>A company page</h1><button id="host-button" type="button">Host button</button><input id="host-input" aria-label="Host input">
      ${body}</body></html>`,
  };
}
