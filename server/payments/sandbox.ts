import { createHash, randomUUID } from 'node:crypto';
import { signBody, verifyBody } from '../auth/signature.js';
import type { IncomingHttpHeaders } from 'node:http';
import formBody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import * as z from 'zod/mini';
import { InteropError, formatMoney } from '@interop-kit/elements/protocol';
import type { Database, Queryable } from '../db/database.js';
import type { HttpApp } from '../http/fastify.js';
import type { PaymentAdapter, ProviderNotification, ProviderSnapshot, ProviderStatus } from './adapter.js';

/**
 * The sandbox's deterministic test cards (like Stripe test mode): what the payer types on the "scan and pay" page
 * decides what happens. Spaces are ignored.
 */
export const SANDBOX_TEST_CARDS = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000002500003155': 'authenticate',
  '4000000000000259': 'processing',
  '4000000000000069': 'expires',
} as const;
export type SandboxScenario = (typeof SANDBOX_TEST_CARDS)[keyof typeof SANDBOX_TEST_CARDS];

export const SANDBOX_SIGNATURE_HEADER = 'ix-sandbox-signature';
/** Notifications signed longer ago than this are refused as replays. */
export const SANDBOX_SIGNATURE_TOLERANCE_SECONDS = 300;
/** When a failed delivery is tried again (ms after the previous attempt). */
const REDELIVERY_DELAYS_MS = [500, 2_000, 10_000, 30_000, 120_000];

type SandboxStatus =
  'requires_action' | 'authenticating' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'expired' | 'refunded';

interface SandboxPaymentRow {
  id: string;
  merchant_ref: string;
  amount_minor: string | number;
  currency: string;
  description: string;
  status: SandboxStatus;
  failure_reason: string | null;
  settles_at: Date | string | null;
  expires_at: Date | string;
}

/** Signs a notification body the way the sandbox does (the backend's one scheme, `signBody`). */
export const signSandboxNotification = signBody;

/** The notification body, parsed only after its signature checked out. */
const notificationSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  type: z.literal('payment.updated'),
  created: z.int(),
  data: z.object({
    id: z.uuid(),
    merchantRef: z.string(),
    status: z.enum([
      'requires_action',
      'authenticating',
      'processing',
      'succeeded',
      'failed',
      'canceled',
      'expired',
      'refunded',
    ]),
    failureReason: z.nullable(z.string()),
  }),
});

/** The sandbox's status as an order status: authenticating is still "waiting for the payer". */
const toProviderStatus = (status: SandboxStatus): ProviderStatus =>
  status === 'authenticating' ? 'requires_action' : status;

export interface SandboxOptions {
  db: Database;
  /** Signs notifications; the webhook endpoint verifies with the same secret. */
  webhookSecret: string;
  /**
   * The backend's public URL, where the payment page and the webhook endpoint live; given where a payer reached the
   * backend (through a trusted proxy), the URL for that payer.
   */
  publicUrl: (payerBase?: string) => string;
  /** How long the "processing" test card stays processing before it succeeds. */
  processingMs: number;
  log: (message: string, error?: unknown) => void;
}

export interface Sandbox {
  adapter: PaymentAdapter;
  /** The payer's "scan and pay" pages under /sandbox/pay/:id, as Fastify routes. */
  routes(app: HttpApp): Promise<void>;
  /** Settles processing payments whose time came and expires unpaid ones (a timer: one node runs it). */
  settleDue(): Promise<void>;
  close(): void;
}

/**
 * The built-in sandbox payment provider. It keeps its own books (`sandbox_payments`), serves the page a payer's phone
 * opens from the QR code, and notifies the backend's webhook endpoint over HTTP with signed notifications, retrying
 * failed deliveries, exactly as an outside provider would.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const { db } = options;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const later = (ms: number, work: () => void) => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) work();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  async function load(q: Queryable, id: string): Promise<SandboxPaymentRow | undefined> {
    const { rows } = await q.query<SandboxPaymentRow>('SELECT * FROM sandbox_payments WHERE id = $1', [id]);
    return rows[0];
  }

  function deliver(body: string, attempt = 0) {
    const url = `${options.publicUrl()}/api/webhooks/sandbox`;
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SANDBOX_SIGNATURE_HEADER]: signSandboxNotification(options.webhookSecret, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      })
      .catch((error: unknown) => {
        const delay = REDELIVERY_DELAYS_MS[attempt];
        if (delay === undefined || closed) return options.log('sandbox: gave up delivering a notification', error);
        later(delay, () => deliver(body, attempt + 1));
      });
  }

  function notify(row: SandboxPaymentRow) {
    deliver(
      JSON.stringify({
        id: `evt_${randomUUID()}`,
        type: 'payment.updated',
        created: Math.floor(Date.now() / 1000),
        data: { id: row.id, merchantRef: row.merchant_ref, status: row.status, failureReason: row.failure_reason },
      }),
    );
  }

  /** Moves a payment from one of `from` to `to`; notifies when it moved. Returns the payment as it now stands. */
  async function move(
    id: string,
    from: readonly SandboxStatus[],
    to: SandboxStatus,
    extra: { failureReason?: string; settlesAt?: Date } = {},
  ): Promise<SandboxPaymentRow | undefined> {
    const { rows } = await db.query<SandboxPaymentRow>(
      `UPDATE sandbox_payments SET status = $2, failure_reason = $3, settles_at = $4, updated_at = now()
       WHERE id = $1 AND status = ANY($5::text[]) RETURNING *`,
      [id, to, extra.failureReason ?? null, extra.settlesAt ?? null, [...from]],
    );
    if (rows[0]) {
      notify(rows[0]);
      return rows[0];
    }
    return load(db, id);
  }

  /** Time-driven changes, applied whenever a payment is looked at: expiry, and settling a processing payment. */
  async function settle(id: string): Promise<SandboxPaymentRow | undefined> {
    const row = await load(db, id);
    if (!row) return undefined;
    const now = Date.now();
    if (
      (row.status === 'requires_action' || row.status === 'authenticating') &&
      new Date(row.expires_at).getTime() <= now
    ) {
      return move(id, ['requires_action', 'authenticating'], 'expired', { failureReason: 'expired' });
    }
    if (row.status === 'processing' && row.settles_at && new Date(row.settles_at).getTime() <= now) {
      return move(id, ['processing'], 'succeeded');
    }
    return row;
  }

  const snapshot = (row: SandboxPaymentRow): ProviderSnapshot => ({
    status: toProviderStatus(row.status),
    failureReason: row.failure_reason,
  });

  async function existing(providerRef: string): Promise<SandboxPaymentRow> {
    const row = await settle(providerRef);
    if (!row) throw new InteropError('not_found', `The sandbox has no payment ${providerRef}`);
    return row;
  }

  const adapter: PaymentAdapter = {
    provider: 'sandbox',
    async create(input) {
      const id = randomUUID();
      await db.query(
        `INSERT INTO sandbox_payments (id, merchant_ref, amount_minor, currency, description, status, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'requires_action', $6)`,
        [id, input.orderId, input.amountMinor, input.currency, input.description, input.expiresAt],
      );
      return {
        providerRef: id,
        nextAction: { type: 'qr', url: `${options.publicUrl(input.payerBase)}/sandbox/pay/${id}` },
      };
    },
    async query(providerRef) {
      return snapshot(await existing(providerRef));
    },
    async cancel(providerRef) {
      await existing(providerRef);
      return snapshot(
        (await move(providerRef, ['requires_action', 'authenticating'], 'canceled', { failureReason: 'canceled' }))!,
      );
    },
    async refund(providerRef) {
      await existing(providerRef);
      return snapshot((await move(providerRef, ['succeeded'], 'refunded'))!);
    },
    parseWebhook(raw: Buffer, headers: IncomingHttpHeaders): ProviderNotification {
      verifyBody(
        options.webhookSecret,
        String(headers[SANDBOX_SIGNATURE_HEADER] ?? ''),
        raw,
        SANDBOX_SIGNATURE_TOLERANCE_SECONDS,
      );
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new InteropError('invalid_payload', 'The notification is not JSON');
      }
      const parsed = notificationSchema.safeParse(json);
      if (!parsed.success) throw new InteropError('invalid_payload', 'The notification is not a sandbox payment event');
      const { id, data } = parsed.data;
      return {
        eventId: id,
        providerRef: data.id,
        status: toProviderStatus(data.status),
        failureReason: data.failureReason,
      };
    },
  };

  async function pay(row: SandboxPaymentRow, card: string): Promise<string | undefined> {
    const scenario = (SANDBOX_TEST_CARDS as Record<string, SandboxScenario | undefined>)[card.replace(/[\s-]/g, '')];
    if (!scenario) return 'That is not one of the sandbox test cards listed below.';
    const waiting = ['requires_action'] as const;
    switch (scenario) {
      case 'succeeds':
        await move(row.id, waiting, 'succeeded');
        break;
      case 'declined':
        await move(row.id, waiting, 'failed', { failureReason: 'card_declined' });
        break;
      case 'authenticate':
        await move(row.id, waiting, 'authenticating');
        break;
      case 'processing':
        await move(row.id, waiting, 'processing', { settlesAt: new Date(Date.now() + options.processingMs) });
        break;
      case 'expires':
        await move(row.id, waiting, 'expired', { failureReason: 'expired' });
        break;
    }
    return undefined;
  }

  /** The payer's "scan and pay" page: GET shows it, POST submits a test card or the authentication step. */
  async function routes(app: HttpApp): Promise<void> {
    await app.register(formBody, { bodyLimit: MAX_FORM_BYTES });
    const params = z.object({ id: z.string() });
    const paymentOf = async (id: string) => (z.uuid().safeParse(id).success ? settle(id) : undefined);
    app.get('/sandbox/pay/:id', { schema: { params } }, async (request, reply) => {
      const row = await paymentOf(request.params.id);
      if (!row) return sendPage(reply, 404, 'Payment not found', '<p>This payment does not exist in the sandbox.</p>');
      return sendPage(reply, 200, 'Sandbox payment', paymentPage(row, undefined));
    });
    app.post(
      '/sandbox/pay/:id',
      { schema: { params, body: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string())]))) } },
      async (request, reply) => {
        const { id } = request.params;
        const row = await paymentOf(id);
        if (!row)
          return sendPage(reply, 404, 'Payment not found', '<p>This payment does not exist in the sandbox.</p>');
        const field = (name: string) => [request.body?.[name] ?? []].flat()[0];
        let error: string | undefined;
        // The amount is the sandbox's own record; nothing a form sends can change it.
        if (field('card') !== undefined)
          error = row.status === 'requires_action' ? await pay(row, field('card') ?? '') : undefined;
        else if (field('authentication') === 'complete') await move(id, ['authenticating'], 'succeeded');
        else if (field('authentication') === 'fail')
          await move(id, ['authenticating'], 'failed', { failureReason: 'authentication_failed' });
        // Post/redirect/get: a reload shows the outcome instead of paying twice.
        if (!error) return reply.code(303).header('location', request.url).header('cache-control', 'no-store').send();
        return sendPage(reply, 400, 'Sandbox payment', paymentPage((await load(db, id))!, error));
      },
    );
  }

  async function settleDue(): Promise<void> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM sandbox_payments
       WHERE (status = 'processing' AND settles_at <= now())
          OR (status IN ('requires_action', 'authenticating') AND expires_at <= now())
       ORDER BY expires_at LIMIT 100`,
    );
    for (const { id } of rows) await settle(id);
  }

  return {
    adapter,
    routes,
    settleDue,
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** The payment page's form (a card number or an authentication choice) is tiny. */
const MAX_FORM_BYTES = 4096;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
h1{font-size:1.25rem}.amount{font-size:2rem;font-weight:700;margin:.25rem 0}.note{color:#475569;font-size:.875rem}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.5rem 1rem;margin:.5rem .5rem 0 0}
.error{color:#b91c1c}table{border-collapse:collapse;font-size:.875rem}td{padding:.125rem .5rem .125rem 0}`;
/** The page runs no script and styles only from this hashed block. */
const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const STATUS_TEXT: Record<SandboxStatus, string> = {
  requires_action: 'Waiting for payment',
  authenticating: 'Waiting for authentication',
  processing: 'Processing — this takes a moment',
  succeeded: 'Paid',
  failed: 'Payment failed',
  canceled: 'Canceled',
  expired: 'Expired',
  refunded: 'Refunded',
};

function paymentPage(row: SandboxPaymentRow, error: string | undefined): string {
  const amount = escapeHtml(formatMoney(Number(row.amount_minor), row.currency.trim(), 'en'));
  const head = `<p class="note">Interop Kit sandbox — no real money moves.</p>
<h1>${escapeHtml(row.description)}</h1><p class="amount">${amount}</p>
<p role="status">Status: <strong>${STATUS_TEXT[row.status]}</strong>${row.failure_reason ? ` (${escapeHtml(row.failure_reason)})` : ''}</p>`;
  if (row.status === 'authenticating') {
    return `${head}<form method="post"><p>Your bank asks you to confirm this payment.</p>
<button name="authentication" value="complete">Complete authentication</button>
<button name="authentication" value="fail">Fail authentication</button></form>`;
  }
  if (row.status !== 'requires_action') return head;
  const cards = Object.entries(SANDBOX_TEST_CARDS)
    .map(
      ([card, scenario]) =>
        `<tr><td><code>${card.replace(/(\d{4})(?=\d)/g, '$1 ')}</code></td><td>${scenario}</td></tr>`,
    )
    .join('');
  return `${head}<form method="post"><label for="card">Test card number</label>
<input id="card" name="card" inputmode="numeric" autocomplete="off" required>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button>Pay ${amount}</button></form>
<table><caption class="note">Test cards</caption>${cards}</table>`;
}

function sendPage(reply: FastifyReply, status: number, title: string, body: string) {
  return reply.code(status).headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
    .send(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style><body>${body}</body></html>`);
}
