import type { Database } from '../db/database.js';
import { createCorpStore } from './store.js';

export const DEMO_CORP_ID = 'acme';

/** The fictional company the demo and the tests run against, created on first start. */
export async function seedDemoCorp(db: Database): Promise<boolean> {
  const corps = createCorpStore(db);
  if (await corps.getCorp(DEMO_CORP_ID)) return false;
  await db.transaction(async (tx) => {
    const store = createCorpStore(tx);
    await store.createCorp({ id: DEMO_CORP_ID, name: 'Acme Tea Co.' });
    await store.createEmployee({
      id: 'emp_lin',
      corpId: DEMO_CORP_ID,
      name: 'Lin Wei 林伟',
      title: 'Sales Manager',
      avatarUrl: null,
      phone: '+86 21 5555 0101',
      email: 'lin.wei@acme-tea.example',
      bio: 'Helps tea shops and offices choose their teas.',
      role: 'admin',
    });
    await store.createEmployee({
      id: 'emp_sara',
      corpId: DEMO_CORP_ID,
      name: 'Sara Okafor',
      title: 'Customer Success',
      avatarUrl: null,
      phone: '+44 20 5555 0199',
      email: 'sara.okafor@acme-tea.example',
      bio: 'Orders, deliveries and anything after you buy.',
    });
    const products = [
      ['longjing-250', 'West Lake Longjing, 250 g', 'Pan-fired green tea from Hangzhou, spring harvest.', 16800, 'CNY', '/products/longjing'],
      ['tieguanyin-200', 'Anxi Tieguanyin, 200 g', 'Lightly oxidised oolong with an orchid finish.', 12800, 'CNY', '/products/tieguanyin'],
      ['gift-box', 'Tasting gift box', 'Six teas, six tins, one wooden box.', 4900, 'USD', '/products/gift-box'],
    ] as const;
    for (const [id, title, description, price, currency, path] of products) {
      await tx.query(
        `INSERT INTO products (corp_id, id, title, description, price_minor, currency, page_path)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [DEMO_CORP_ID, id, title, description, price, currency, path],
      );
    }
  });
  return true;
}
