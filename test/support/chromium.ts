import { existsSync } from 'node:fs';

/** Debian's Chromium (or CHROME_PATH), never a downloaded one: what the browser tests and the bench run in. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
  }
  return path;
}

/** Headless flags for these machines: no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
