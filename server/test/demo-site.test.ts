import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCatalogStore } from '../catalog/store.js';
import { startHarness, type Harness } from './harness.js';

const demo = join(import.meta.dirname, '..', '..', 'demo');
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

/** The demo page a catalog path lands on: `/` is index.html; `#id` must name an element of that page. */
async function landsOnAPage(path: string): Promise<boolean> {
  const url = new URL(path, 'http://demo.example');
  const file = join(demo, url.pathname === '/' ? 'index.html' : url.pathname);
  if (!existsSync(file)) return false;
  return !url.hash || (await readFile(file, 'utf8')).includes(`id="${url.hash.slice(1)}"`);
}

test('every demo product’s page and picture exist on the demo site (no "View product" 404, no grey box)', async () => {
  const products = await createCatalogStore(h.server.db).all('acme');
  assert.equal(products.length, 3);
  for (const product of products) {
    assert.ok(await landsOnAPage(product.pagePath), `${product.id}: ${product.pagePath}`);
    assert.ok(
      product.imageUrl && existsSync(join(demo, 'public', product.imageUrl)),
      `${product.id}: ${product.imageUrl}`,
    );
  }
});

test('the product page does not print a price of its own beside the card’s (the catalog’s is the one price)', async () => {
  const page = await readFile(join(demo, 'index.html'), 'utf8');
  assert.doesNotMatch(page, /[¥$€]\s?\d/);
});
