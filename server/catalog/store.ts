import type { Product, ProductUpsert } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';

interface ProductRow {
  id: string;
  title: string;
  description: string;
  image_url: string | null;
  price_minor: string | number;
  currency: string;
  page_path: string;
  available: boolean;
}

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  title: row.title,
  description: row.description,
  imageUrl: row.image_url,
  // bigint comes back as a string from pg; catalog prices stay far below 2^53.
  priceMinor: Number(row.price_minor),
  currency: row.currency.trim(),
  pagePath: row.page_path,
  available: row.available,
});

/** The corp's catalog: the only place prices and product titles are read from. */
export function createCatalogStore(db: Queryable) {
  return {
    async get(corpId: string, id: string): Promise<Product | undefined> {
      const { rows } = await db.query<ProductRow>('SELECT * FROM products WHERE corp_id = $1 AND id = $2', [
        corpId,
        id,
      ]);
      return rows[0] && toProduct(rows[0]);
    },

    async all(corpId: string): Promise<Product[]> {
      const { rows } = await db.query<ProductRow>('SELECT * FROM products WHERE corp_id = $1 ORDER BY id', [corpId]);
      return rows.map(toProduct);
    },

    /**
     * Catalog sync: each product as it should be, by id, in one statement per product inside one transaction (the
     * caller's). A product sent again unchanged is left alone, so an import can be repeated.
     */
    async upsert(
      corpId: string,
      products: ProductUpsert[],
    ): Promise<{ created: number; updated: number; unchanged: number }> {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const product of products) {
        const { rows } = await db.query<{ inserted: boolean }>(
          `INSERT INTO products (corp_id, id, title, description, image_url, price_minor, currency, page_path, available)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (corp_id, id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
             image_url = EXCLUDED.image_url, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
             page_path = EXCLUDED.page_path, available = EXCLUDED.available
           WHERE (products.title, products.description, products.image_url, products.price_minor, products.currency, products.page_path, products.available)
             IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.description, EXCLUDED.image_url, EXCLUDED.price_minor, EXCLUDED.currency, EXCLUDED.page_path, EXCLUDED.available)
           RETURNING (xmax = 0) AS inserted`,
          [
            corpId,
            product.id,
            product.title,
            product.description,
            product.imageUrl,
            product.priceMinor,
            product.currency,
            product.pagePath,
            product.available,
          ],
        );
        if (!rows[0]) counts.unchanged++;
        else if (rows[0].inserted) counts.created++;
        else counts.updated++;
      }
      return counts;
    },

    /** Takes a product out of the catalog; orders keep their own copy of its title and price. */
    async remove(corpId: string, id: string): Promise<boolean> {
      const { rows } = await db.query('DELETE FROM products WHERE corp_id = $1 AND id = $2 RETURNING id', [corpId, id]);
      return rows.length > 0;
    },

    /** Products whose title or id contains `query` (case-insensitive), by title. */
    async list(corpId: string, query: string, limit: number): Promise<Product[]> {
      const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const { rows } = await db.query<ProductRow>(
        'SELECT * FROM products WHERE corp_id = $1 AND (title ILIKE $2 OR id ILIKE $2) ORDER BY title, id LIMIT $3',
        [corpId, pattern, limit],
      );
      return rows.map(toProduct);
    },
  };
}
export type CatalogStore = ReturnType<typeof createCatalogStore>;
