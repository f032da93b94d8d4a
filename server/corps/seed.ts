import type { Database } from '../db/database.js';
import { createCorpStore } from './store.js';

export const DEMO_CORP_ID = 'acme';

/** The demo company's people, by the short names tests and stories use for them. */
export const DEMO_EMPLOYEES = {
  lin: {
    name: 'Lin Wei 林伟',
    title: 'Sales Manager',
    phone: '+86 21 5555 0101',
    email: 'lin.wei@acme-tea.example',
    bio: 'Helps tea shops and offices choose their teas.',
    role: 'admin',
  },
  sara: {
    name: 'Sara Okafor',
    title: 'Customer Success',
    phone: '+44 20 5555 0199',
    email: 'sara.okafor@acme-tea.example',
    bio: 'Orders, deliveries and anything after you buy.',
    role: 'agent',
  },
} as const;
export type DemoEmployee = keyof typeof DEMO_EMPLOYEES;

/** The demo's catalog; its pages and pictures are the demo site's own (demo/index.html, products.html, public/images). */
const DEMO_PRODUCTS = [
  [
    'longjing-250',
    'West Lake Longjing, 250 g',
    'Pan-fired green tea from Hangzhou, spring harvest.',
    16800,
    'CNY',
    '/',
  ],
  [
    'tieguanyin-200',
    'Anxi Tieguanyin, 200 g',
    'Lightly oxidised oolong with an orchid finish.',
    12800,
    'CNY',
    '/products.html#tieguanyin-200',
  ],
  ['gift-box', 'Tasting gift box', 'Six teas, six tins, one wooden box.', 38800, 'CNY', '/products.html#gift-box'],
] as const;

/** The demo company's greeting and suggested topics. */
export const DEMO_WELCOME = {
  greeting: 'Hi! We are the tea advisors of Acme Tea Co. Ask us about a tea, your order, or buying for your shop.',
  topics: ['Which tea suits me?', 'Where is my order?', 'Wholesale prices for my café'],
};

export interface SeedOptions {
  id: string;
  name: string;
  allowedOrigins?: string[];
}

/** Creates a company like the demo's (two employees, three products); returns its employees' ids by short name. */
export async function seedCorp(db: Database, options: SeedOptions): Promise<Record<DemoEmployee, string>> {
  // Employee ids are the company's own: every copy of the demo company has its emp_lin and emp_sara.
  const ids = { lin: 'emp_lin', sara: 'emp_sara' };
  await db.transaction(async (tx) => {
    const store = createCorpStore(tx);
    await store.createCorp({ id: options.id, name: options.name, allowedOrigins: options.allowedOrigins ?? [] });
    for (const [key, employee] of Object.entries(DEMO_EMPLOYEES) as Array<
      [DemoEmployee, (typeof DEMO_EMPLOYEES)[DemoEmployee]]
    >) {
      await store.createEmployee({ ...employee, id: ids[key], corpId: options.id, avatarUrl: null });
    }
    for (const [id, title, description, price, currency, path] of DEMO_PRODUCTS) {
      await tx.query(
        `INSERT INTO products (corp_id, id, title, description, price_minor, currency, page_path, image_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [options.id, id, title, description, price, currency, path, `/images/${id}.jpg`],
      );
    }
  });
  return ids;
}

/** The fictional company the demo and the tests run against, created on first start. */
export async function seedDemoCorp(db: Database): Promise<boolean> {
  if (await createCorpStore(db).getCorp(DEMO_CORP_ID)) return false;
  await seedCorp(db, { id: DEMO_CORP_ID, name: 'Acme Tea Co.' });
  // The first screen a visitor of the demo sees (test companies keep the kit's own, which their tests expect).
  await createCorpStore(db).updateCorpSettings(DEMO_CORP_ID, { welcome: DEMO_WELCOME });
  return true;
}
