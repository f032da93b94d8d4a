import * as z from 'zod/mini';
import type { PaymentProvider } from '@interop-kit/elements/protocol';
import { acceptRawBodies, type HttpApp } from '../http/fastify.js';
import type { Payments } from './service.js';

const MAX_WEBHOOK_BYTES = 64 * 1024;
const webhookReceiptSchema = z.object({
  received: z.literal(true),
  outcome: z.enum(['applied', 'duplicate', 'ignored']),
});

/**
 * POST /api/webhooks/:provider — a provider's notification. The signature is checked over the raw bytes before
 * anything is parsed (the adapter's `parseWebhook`); the payments service applies it once.
 */
export async function paymentWebhookRoutes(
  app: HttpApp,
  options: { payments: Pick<Payments, 'notified'> },
): Promise<void> {
  acceptRawBodies(app, MAX_WEBHOOK_BYTES);
  app.post(
    '/api/webhooks/:provider',
    { schema: { params: z.object({ provider: z.string() }), response: { 200: webhookReceiptSchema } } },
    async (request) => {
      const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const outcome = await options.payments.notified(request.params.provider as PaymentProvider, raw, request.headers);
      return { received: true as const, outcome };
    },
  );
}
