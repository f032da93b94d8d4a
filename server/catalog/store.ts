import type { Queryable } from '../db/database.js';

export interface Product {
  id: string;
  corpId: string;
  title: string;
  description: string;
  imageUrl: string | null;
  priceMinor: number;
  currency: string;
  pagePath: string;
  available: boolean;
}

interface ProductRow {
  id: string;
  corp_id: string;
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
  corpId: row.corp_id,
  title: row.title,
  description: row.description,
  imageUrl: row.image_url,
  priceMinor: Number(row.price_minor),
  currency: row.currency,
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
  };
}
export type CatalogStore = ReturnType<typeof createCatalogStore>;
