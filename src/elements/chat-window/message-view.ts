import { html, nothing, type TemplateResult } from 'lit';
import type { Message, MessageBody } from '../../protocol/index.js';
import { formatBytes, messagePlainText } from '../../protocol/message-text.js';
import { formatMoney } from '../../protocol/money.js';
import type { FeedItem, InteropClient } from '../../client/index.js';
import type { Terms } from '../../locales/chat/index.js';
import { linkify } from './linkify.js';
import { systemNoticeText } from './system-notice.js';
import { httpUrl } from '../base/http-url.js';
import { renderAvatar } from './avatar.js';
import { customerName } from '../../protocol/visitor-name.js';

/** Receipt ticks, drawn as strokes: a clock while sending, one tick stored, two delivered, two in ink read. */
const TICKS: Record<DeliveryState, string> = {
  sending: 'M12 2.5a5.5 5.5 0 1 0 .01 0M12 5v3.5l2 1.5',
  sent: 'M5 8.5l3.5 3.5L16 4',
  delivered: 'M2 8.5l3.5 3.5L13 4M9.5 11.5l.5.5L18 4',
  read: 'M2 8.5l3.5 3.5L13 4M9.5 11.5l.5.5L18 4',
  failed: 'M12 3v6M12 12v1',
};

/** Where a message stands for its sender: on its way, stored, on the other side's device, read, or refused. */
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** What rendering a message needs from its window. */
export interface MessageViewContext {
  terms: Terms;
  lang: string;
  /** The backend's base URL: attachment URLs are relative to it. */
  baseUrl: string;
  /** The window's connection, handed to live cards inside messages. */
  client: InteropClient | undefined;
  /** A sender's photo, when the company has one for them (employees); otherwise their initials show. */
  photo(senderId: string | null | undefined): string | undefined;
  /** Who is reading: customers get a Buy button on product cards, employees do not. */
  viewer: 'visitor' | 'employee' | undefined;
  isOwn(message: Message): boolean;
  deliveryState(message: Message): DeliveryState;
  retry(clientId: string): void;
  discard(clientId: string): void;
  /** Employees: turn a customer's message into a to-do. */
  addTodo: ((message: Message) => void) | undefined;
  /** Customers: a transfer notice still waiting for their answer, and how to answer it. */
  transfer: { isOpen(transferId: string): boolean; answer(transferId: string, accept: boolean): void } | undefined;
}

/** The customer's choice under a transfer notice: keep whom they had (or someone else, after a departure), or OK. */
function transferChoice(body: MessageBody<'system'>, context: MessageViewContext) {
  const { transferId, formerEmployeeName: former } = body;
  if (body.event !== 'transfer_pending' || !transferId || !context.transfer?.isOpen(transferId)) return nothing;
  const { terms, transfer } = context;
  const refuse = body.transferKind === 'departure' || !former ? terms.transferSomeoneElse : terms.transferKeep(former);
  return html`<div class="topics" part="transfer-choice">
    <button class="topic" part="transfer-refuse" type="button" @click=${() => transfer.answer(transferId, false)}>
      ${refuse}
    </button>
    <button class="topic" part="transfer-accept" type="button" @click=${() => transfer.answer(transferId, true)}>
      ${terms.transferOk}
    </button>
  </div>`;
}

/** Message text as text nodes and checked links: never parsed as HTML. */
export function renderText(text: string): TemplateResult {
  return html`${linkify(text).map((part) =>
    part.href
      ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>`
      : part.text,
  )}`;
}

function renderBody(message: Message, context: MessageViewContext): TemplateResult {
  switch (message.kind) {
    case 'text':
      return renderText(message.body.text);
    case 'image': {
      const url = httpUrl(message.body.url, `${context.baseUrl}/`);
      if (!url) return html`${messagePlainText(message)}`;
      return html`<a class="image-link" href=${url} target="_blank" rel="noopener noreferrer" aria-label=${context.terms.openImage(message.body.name)}
        ><img part="image" src=${url} alt=${message.body.name} loading="lazy" width=${message.body.width ?? 240} height=${message.body.height ?? 180}
      /></a>`;
    }
    case 'file': {
      const url = httpUrl(message.body.url, `${context.baseUrl}/`);
      const label = html`<span class="file-name">${message.body.name}</span> <span class="file-size">${formatBytes(message.body.size)}</span>`;
      return url
        ? html`<a class="file" part="file" href=${url} download=${message.body.name} aria-label=${context.terms.download(message.body.name)}>${label}</a>`
        : label;
    }
    case 'product_card':
      // A live card: price and availability are read from the catalog now, not frozen in the message. Its element
      // loads on first use; until then (or without it) the plain-text form shows.
      void import('../product-card/define.js');
      return html`<ix-product-card
        .client=${context.client}
        product=${message.body.productId}
        conversation=${message.conversationId}
        ?no-buy=${context.viewer !== 'visitor'}
        lang=${context.lang}
        >${messagePlainText(message)}</ix-product-card
      >`;
    case 'payment_request': {
      const { productId, quantity, title, amountMinor, currency } = message.body;
      const what = `${title ?? productId}${quantity > 1 ? ` × ${quantity}` : ''}${
        amountMinor !== undefined && currency ? ` · ${formatMoney(amountMinor, currency, context.lang)}` : ''
      }`;
      if (context.viewer !== 'visitor') return html`${context.terms.paymentRequested(what)}`;
      // The customer pays right here; the order is priced again from the catalog when it is created.
      void import('../pay-button/define.js');
      return html`<p class="payment-request">${context.terms.paymentRequest(message.sender.name ?? '', what)}</p>
        <ix-pay-button .client=${context.client} product=${productId} quantity=${quantity} conversation=${message.conversationId} lang=${context.lang}
          >${messagePlainText(message)}</ix-pay-button
        >`;
    }
    case 'business_card':
      void import('../business-card/define.js');
      return html`<ix-business-card .client=${context.client} employee=${message.body.employeeId} layout="compact" no-chat lang=${context.lang}
        >${messagePlainText(message)}</ix-business-card
      >`;
    default:
      return html`${messagePlainText(message)}`;
  }
}

/** A payment's outcome as one line: what happened, to what, for how much. */
function paymentLine(body: MessageBody<'payment_status'>, context: MessageViewContext): string {
  const what = body.productTitle
    ? `${body.productTitle}${body.quantity && body.quantity > 1 ? ` × ${body.quantity}` : ''}`
    : '';
  const amount =
    body.amountMinor !== undefined && body.currency ? formatMoney(body.amountMinor, body.currency, context.lang) : '';
  return [context.terms.paymentStatus[body.status] ?? body.status, what, amount].filter(Boolean).join(' · ');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
export function formatTime(iso: string, lang: string): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    timeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}

/** The label of a day separator: Today, Yesterday, or the date in the viewer's locale. */
export function dayLabel(day: Date, terms: Terms, lang: string, now = new Date()): string {
  const startOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(day)) / 86_400_000);
  if (days === 0) return terms.today;
  if (days === 1) return terms.yesterday;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(day);
}

export function renderFeedItem(item: FeedItem, context: MessageViewContext): TemplateResult {
  const { terms } = context;
  if (item.state !== 'sent') {
    const { content, clientId } = item.entry;
    const body =
      content.kind === 'text'
        ? renderText(content.body.text)
        : content.kind === 'product_card' || content.kind === 'payment_request'
          ? html`${messagePlainText(content)}`
          : html`${content.body.name ?? terms.attach}`;
    return html`<div class="message own" part="message message-own" data-state=${item.state} data-key=${item.key}>
      <div class="bubble" part="bubble" dir="auto">${body}</div>
      <div class="meta" part="meta">
        <span class="visually-hidden">${terms.you}:</span>
        ${
          item.state === 'failed'
            ? html`<span class="failed">${terms.notSent}${item.entry.error ? ` (${item.entry.error.message})` : ''}</span>
              <button class="link-button" type="button" @click=${() => context.retry(clientId)}>${terms.retry}</button>
              <button class="link-button" type="button" @click=${() => context.discard(clientId)}>${terms.discard}</button>`
            : html`<span>${terms.sending}</span>`
        }
      </div>
    </div>`;
  }
  const { message } = item;
  if (message.kind === 'system') {
    return html`<div class="message system" part="message message-system" data-state="sent" data-seq=${message.seq} data-key=${item.key}>
      <div class="bubble" part="bubble" dir="auto">${systemNoticeText(message.body, context.terms)}</div>
      ${transferChoice(message.body, context)}
    </div>`;
  }
  if (message.kind === 'payment_status') {
    return html`<div
      class="message system payment"
      part="message message-system message-payment"
      data-state="sent"
      data-payment-status=${message.body.status}
      data-seq=${message.seq}
      data-key=${item.key}
    >
      <div class="bubble" part="bubble" dir="auto">${paymentLine(message.body, context)}</div>
    </div>`;
  }
  const own = context.isOwn(message);
  const state = own ? context.deliveryState(message) : undefined;
  // A customer without a name has a generated one: in the reader's language. (A sender without an id, the company
  // writing through the API, keeps its name as sent.)
  const { id: senderId, name: senderName = '' } = message.sender;
  const sender = senderId && senderName ? customerName({ id: senderId, name: senderName }, context.lang) : senderName;
  const delivery = state && terms[state === 'failed' ? 'notSent' : state];
  return html`<div
    class="message ${own ? 'own' : 'peer'} kind-${message.kind}"
    part="message ${own ? 'message-own' : 'message-peer'}"
    data-state="sent"
    data-delivery=${state ?? nothing}
    data-seq=${message.seq}
    data-key=${item.key}
  >
    ${own ? nothing : renderAvatar(sender || '?', context.photo(message.sender.id))}
    <div class="bubble" part="bubble" dir="auto">${renderBody(message, context)}</div>
    <div class="meta" part="meta">
      <span>${own ? html`<span class="visually-hidden">${terms.you}</span>` : sender}</span>
      <time datetime=${message.createdAt}>${formatTime(message.createdAt, context.lang)}</time>
      ${
        state
          ? html`<span class="delivery" data-state=${state} title=${delivery}
              ><svg aria-hidden="true" viewBox="0 0 20 16" width="18" height="14"><path d=${TICKS[state]} /></svg
              ><span class="visually-hidden">${delivery}</span></span
            >`
          : nothing
      }
      ${
        !own && context.addTodo
          ? html`<button class="link-button" part="add-todo" type="button" @click=${() => context.addTodo!(message)}>${terms.addTodo}</button>`
          : nothing
      }
    </div>
  </div>`;
}
