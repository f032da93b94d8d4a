import * as z from 'zod/mini';
import { InteropError } from '@interop-kit/elements/protocol';
import { corpOf, signedQuery } from '../http/corp-api.js';
import type { HttpApp } from '../http/fastify.js';
import type { Cards } from './cards.js';

/** An employee's business card as a vCard (the QR code's link), under /api/corps/:corp. */
export async function cardRoutes(app: HttpApp, options: { cards: Cards }): Promise<void> {
  app.get(
    '/cards/:file',
    { schema: { params: z.object({ corp: z.string(), file: z.string() }), querystring: signedQuery } },
    async (request, reply) => {
      const employeeId = /^(.+)\.vcf$/.exec(request.params.file)?.[1];
      const vcard = employeeId ? await options.cards.vcard(corpOf(request), employeeId, request.query.sig) : undefined;
      if (!vcard) throw new InteropError('not_found', 'No such card');
      return reply
        .headers({
          'content-type': 'text/vcard; charset=utf-8',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(vcard.name)}.vcf`,
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'cross-origin',
        })
        .send(vcard.text);
    },
  );
}
