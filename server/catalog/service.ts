import { InteropError } from '@interop-kit/elements/protocol';
import type { Operations } from '../core/operations.js';
import type { CatalogStore } from './store.js';

export function catalogOperations(catalog: CatalogStore): Pick<Operations, 'product:get' | 'product:list'> {
  return {
    async 'product:list'(payload, session) {
      return { products: await catalog.list(session.corp.id, payload.query?.trim() ?? '', payload.limit ?? 20) };
    },
    async 'product:get'(payload, session) {
      const product = await catalog.get(session.corp.id, payload.productId);
      if (!product) throw new InteropError('not_found', `No product ${payload.productId}`);
      return product;
    },
  };
}
