// No zod here: the chat window renders and copies messages without carrying the schemas.
import { formatMoney } from './money.js';
import type { MessageContent } from './messages.js';

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A stored preview in the reader's language: `messagePlainText` leads with the kind in English brackets ("[Image]
 * photo.png"); `tags` gives each bracket's local form by its English one. Text without a known bracket is as it was.
 */
export function localizePreview(preview: string, tags: Readonly<Record<string, string>>): string {
  const tagged = /^\[([^\]]+)\] /.exec(preview);
  const local = tagged && tags[tagged[1]!];
  return local ? `[${local}] ${preview.slice(tagged[0].length)}` : preview;
}

/** The plain-text form of a message body, for transcripts, previews and notifications. */
export function messagePlainText(content: MessageContent): string {
  switch (content.kind) {
    case 'text':
      return content.body.text;
    case 'image':
      return `[Image] ${content.body.name}`;
    case 'file':
      return `[File] ${content.body.name} (${formatBytes(content.body.size)})`;
    case 'business_card':
      return `[Business card] ${content.body.name ?? content.body.employeeId}`;
    case 'product_card':
      return `[Product] ${content.body.title ?? content.body.productId}`;
    case 'payment_request': {
      const { title, productId, quantity, amountMinor, currency } = content.body;
      const amount = amountMinor !== undefined && currency ? ` — ${formatMoney(amountMinor, currency, 'en')}` : '';
      return `[Payment request] ${title ?? productId}${quantity > 1 ? ` × ${quantity}` : ''}${amount}`;
    }
    case 'payment_status': {
      const { status, productTitle, quantity, amountMinor, currency, orderId } = content.body;
      const what = productTitle ? `${productTitle}${quantity && quantity > 1 ? ` × ${quantity}` : ''}` : orderId;
      const amount = amountMinor !== undefined && currency ? ` — ${formatMoney(amountMinor, currency, 'en')}` : '';
      return `[Payment ${status.replace('_', ' ')}] ${what}${amount}`;
    }
    case 'system':
      return content.body.text;
  }
}
