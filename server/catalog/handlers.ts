import { InteropError } from '../../src/protocol/index.js';
import type { Handlers } from '../socket/gateway.js';
import type { CatalogStore } from './store.js';

export function catalogHandlers(catalog: CatalogStore): Pick<Handlers, 'product:get'> {
  return {
    async 'product:get'(payload, session) {
      const product = await catalog.get(session.corp.id, payload.productId);
      if (!product) throw new InteropError('not_found', `No product ${payload.productId}`);
      return product;
    },
  };
}
