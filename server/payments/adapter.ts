import type { IncomingHttpHeaders } from 'node:http';
import type { NextAction, OrderStatus, PaymentProvider } from '@interop-kit/elements/protocol';

/** What a provider can say about a payment (an order's `creating` is ours alone). */
export type ProviderStatus = Exclude<OrderStatus, 'creating'>;

export interface ProviderSnapshot {
  status: ProviderStatus;
  failureReason: string | null;
}

/** A provider notification whose signature has been verified. */
export interface ProviderNotification extends ProviderSnapshot {
  /** The provider's event id: the same event delivered twice is applied once. */
  eventId: string;
  providerRef: string;
}

export interface CreatePaymentInput {
  /** Our order id, which the provider keeps as the merchant reference. */
  orderId: string;
  amountMinor: number;
  currency: string;
  description: string;
  expiresAt: Date;
  /** Where the payer reached this backend, when a trusted proxy said so (a payment page of ours is built on it). */
  payerBase?: string | undefined;
}

/**
 * One payment provider behind the interface every provider implements: the built-in sandbox now, Stripe and WeChat
 * Pay (APIv3) next. Orders never trust the browser; they move on `parseWebhook` (verified) and `query` results only.
 */
export interface PaymentAdapter {
  readonly provider: PaymentProvider;
  /** Starts a payment; returns the provider's reference and what the payer must do. */
  create(input: CreatePaymentInput): Promise<{ providerRef: string; nextAction: NextAction }>;
  /** Asks the provider where a payment stands (the active check behind `pay:sync`). */
  query(providerRef: string): Promise<ProviderSnapshot>;
  cancel(providerRef: string): Promise<ProviderSnapshot>;
  refund(providerRef: string): Promise<ProviderSnapshot>;
  /**
   * Verifies a notification's signature over the raw bytes and only then parses it. Throws `InteropError`
   * (`unauthorized` for a bad or stale signature, `invalid_payload` for a body that is not a notification).
   */
  parseWebhook(raw: Buffer, headers: IncomingHttpHeaders): ProviderNotification;
}
