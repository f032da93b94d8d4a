import { createHmac, timingSafeEqual } from 'node:crypto';
import { InteropError } from '@interop-kit/elements/protocol';

/**
 * The one signing scheme for what this backend sends over HTTP (sandbox payment notifications, CRM webhooks):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the same shape as Stripe's.
 */
export function signBody(secret: string, body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Checks a `signBody` header over the raw bytes, before anything is parsed; old signatures are refused as replays. */
export function verifyBody(
  secret: string,
  header: string,
  raw: Buffer,
  toleranceSeconds: number,
  now = Date.now(),
): void {
  const parts = Object.fromEntries(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? ''))
    throw new InteropError('unauthorized', 'The body is not signed');
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex')))
    throw new InteropError('unauthorized', 'The signature does not verify');
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds)
    throw new InteropError('unauthorized', 'The body was signed too long ago');
}
