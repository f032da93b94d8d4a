import type { Product } from '@interop-kit/elements/protocol';
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
      const { rows } = await db.query<ProductRow>('SELECT * FROM products WHERE corp_id = $1 AND id = $2', [corpId, id]);
      return rows[0] && toProduct(rows[0]);
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
