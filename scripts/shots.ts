/**
 * `npm run shots`: desktop and phone screenshots of every element and screen, as a new user meets them, written to
 * bench/results/shots/. Builds the demo, starts the backend on a free port with a throw-away database, and drives the
 * demo pages in Debian's Chromium: a customer asks, an employee answers with a product card, a payment request and a
 * business card, in both themes and in both languages.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';
import { startInteropServer } from '@interop-kit/server';
import { loadConfig } from '@interop-kit/server/config';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/chromium.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench/results/shots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
const dataDir = await mkdtemp(join(tmpdir(), 'ix-shots-'));
// vite's build set NODE_ENV=production in this process; this is the demo: seeded, with its development login.
const server = await startInteropServer({
  ...loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
  }),
  log: () => undefined,
});
const profile = await mkdtemp(join(tmpdir(), 'ix-shots-chromium-'));
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  userDataDir: profile,
  args: CHROMIUM_ARGS,
});
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const written: string[] = [];
const heights: string[] = [];

async function shot(page: Page, name: string) {
  // Let animations settle and lazy images arrive: the screen as a person sees it a moment later.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined);
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  written.push(path);
}

async function openPage(
  browser: Browser,
  path: string,
  viewport: typeof DESKTOP | typeof PHONE,
  scheme: 'light' | 'dark' = 'light',
) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('response', (r) => r.status() >= 400 && console.log('http', r.status(), r.url()));
  await page.setViewport(viewport);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' });
  return page;
}

/**
 * Waits for an element across shadow roots. Puppeteer's own waits watch the document for mutations, and changes
 * inside shadow roots never reach that observer, so this polls (bounded: 30 s).
 */
async function until(page: Page, selector: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100)))
    if (await page.$(selector)) return;
  throw new Error(`Nothing matched ${selector} within 30 s`);
}

async function press(page: Page, selector: string) {
  await until(page, selector);
  await (await page.$(selector))!.click();
}

/** Types into a composer and sends with Enter, as a person does. */
async function write(page: Page, composer: string, text: string) {
  await press(page, composer);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The customer's side: the product page, the launcher opened, a first question. */
async function customer(viewport: typeof DESKTOP | typeof PHONE, prefix: string, question?: string, path = '/') {
  const page = await openPage(browser, path, viewport);
  await shot(page, `${prefix}-shop`);
  await press(page, 'ix-launcher >>> [part=button]');
  await until(page, 'ix-launcher >>> ix-chat-window >>> [part=input]:not([disabled])');
  await shot(page, `${prefix}-chat-first-screen`);
  if (question) {
    await write(page, 'ix-launcher >>> ix-chat-window >>> [part=input]', question);
    await until(page, 'ix-launcher >>> ix-chat-window >>> .message.own[data-state=sent]');
  }
  return page;
}

/** The employee's side: the sign-in screen, the portal, the customer's conversation answered with every kind. */
async function employee(viewport: typeof DESKTOP | typeof PHONE, prefix: string, answer: boolean) {
  const page = await openPage(browser, '/workbench.html', viewport);
  await shot(page, `${prefix}-workbench-sign-in`);
  await press(page, '#login button[type=submit]');
  await until(page, 'ix-workbench >>> [part=conversation]');
  await shot(page, `${prefix}-workbench`);
  // How far an employee scrolls through the whole portal (the issue measured 6,300 px on a phone).
  heights.push(`${prefix} portal: ${await page.evaluate(() => document.documentElement.scrollHeight)} px tall`);
  await press(page, 'ix-workbench >>> [part=conversation]');
  const chat = 'ix-workbench >>> ix-chat-window';
  await until(page, `${chat} >>> [part=input]:not([disabled])`);
  if (answer) {
    await write(page, `${chat} >>> [part=input]`, 'Yes, picked this April. Here it is, and you can pay here:');
    for (const tool of ['send-product', 'request-payment'] as const) {
      await press(page, `${chat} >>> [part=${tool}]`);
      await press(page, `${chat} >>> [data-product=longjing-250]`);
    }
    await press(page, `${chat} >>> [part=send-card]`);
    await until(page, `${chat} >>> .kind-business_card`);
  }
  // The inbox tile from its top, focus off the last tool pressed.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.querySelector('ix-workbench')!.shadowRoot!.querySelector('.tile-inbox')!.scrollIntoView();
  });
  await shot(page, `${prefix}-workbench-conversation`);
  return page;
}

try {
  const desktop = await customer(DESKTOP, 'desktop', 'Hello! Is the Longjing from this spring?');
  const workbench = await employee(DESKTOP, 'desktop', true);
  await until(desktop, 'ix-launcher >>> ix-chat-window >>> ix-business-card');
  await shot(desktop, 'desktop-chat-conversation');
  await desktop.evaluate(() => document.querySelector('ix-launcher')!.setAttribute('theme', 'dark'));
  await shot(desktop, 'desktop-chat-dark');
  await desktop.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await desktop.evaluate(() => document.querySelector('ix-launcher')!.setAttribute('theme', 'auto'));
  await shot(desktop, 'desktop-chat-auto-dark');
  await shot(await openPage(browser, '/products.html', DESKTOP), 'desktop-products');
  await shot(await openPage(browser, '/products.html', DESKTOP, 'dark'), 'desktop-products-dark');
  await workbench.close();

  const phone = await customer(PHONE, 'phone', 'Do you ship to Hangzhou?');
  await employee(PHONE, 'phone', false);
  await shot(phone, 'phone-chat-conversation');
  await shot(await openPage(browser, '/products.html', PHONE), 'phone-products');

  // In Chinese: the demo's pages and the kit's elements.
  await customer(DESKTOP, 'desktop-zh', undefined, '/?lang=zh-CN');
  await shot(await openPage(browser, '/workbench.html?lang=zh-CN', DESKTOP), 'desktop-zh-workbench-sign-in');
} catch (error) {
  // What the screen showed when a step failed: the first thing to look at.
  for (const [index, page] of (await browser.pages()).entries())
    await page.screenshot({ path: join(out, `failed-${index}.png`) }).catch(() => undefined);
  throw error;
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}
for (const line of heights) console.log(line);
console.log(`${written.length} screenshots in ${out}:`);
for (const path of written) console.log(`  ${path.slice(root.length + 1)}`);
