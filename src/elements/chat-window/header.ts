import { html, nothing } from 'lit';
import { customerName } from '../../protocol/visitor-name.js';
import type { InteropError } from '../../client/interop-error.js';
import type { InteropClient } from '../../client/interop-client.js';
import type { ConversationFeed } from '../../client/conversation-feed.js';
import type { Terms } from '../../locales/chat/index.js';
import type { ConversationController } from './conversation-controller.js';
import { httpUrl } from '../base/http-url.js';
import { knownPresence, renderAvatar, teamPhoto } from './avatar.js';

/** What the chat window's header and notice line are made from. */
export interface HeaderView {
  heading: string | undefined;
  terms: Terms;
  lang: string;
  conversation: ConversationController;
  feed: ConversationFeed | undefined;
  client: InteropClient | undefined;
  error: InteropError | undefined;
}

/** The window's title: the page's heading, the customer (employees), or the company (visitors). */
export function headerTitle(view: HeaderView): string {
  const session = view.conversation.session;
  if (view.heading) return view.heading;
  const customer = view.feed?.conversation?.customer;
  if (session?.kind === 'employee') return customer ? customerName(customer, view.lang) : view.terms.conversation;
  return session?.corpName ?? view.terms.chat;
}

/** System notices after which someone else looks after the customer. */
const HANDOVERS = new Set(['assigned', 'transferred', 'departed']);

/** Visitors: the company's logo, when its admin set one (only an http(s) image reaches the DOM). */
export function headerLogo(view: HeaderView) {
  const logo =
    view.conversation.session?.kind === 'visitor'
      ? httpUrl(view.conversation.corp?.brand.logoUrl, location.href)
      : undefined;
  return logo ? html`<img class="logo" part="logo" src=${logo} alt="" />` : nothing;
}

/** Visitors: who answers them — whoever last answered, or the assignee — and whether that person answered already. */
function answeringPerson(view: HeaderView) {
  const conversation = view.feed?.conversation;
  // Whoever last answered is who answers now (a colleague may answer for the assignee), unless the conversation
  // changed hands since (a hand-over or a departure notice came after): then the assignee will.
  const latest = [...(view.feed?.messages ?? [])]
    .reverse()
    .find(
      (message) =>
        (message.sender.kind === 'employee' && message.sender.id) ||
        (message.kind === 'system' && HANDOVERS.has(message.body.event)),
    );
  const answered = latest?.sender.kind === 'employee' ? latest : undefined;
  const person = answered ? { id: answered.sender.id!, name: answered.sender.name ?? '' } : conversation?.assignee;
  return person?.name ? { ...person, answered: !!answered } : undefined;
}

/** Offline, the header says so instead of a stale "Online". */
const presenceOf = (view: HeaderView, id: string) =>
  knownPresence(view.client?.status === 'online', view.conversation.presence, id);

/** Employees: who the customer is; visitors: who answers them, and whether they are there. */
export function headerSubtitle(view: HeaderView) {
  const conversation = view.feed?.conversation;
  const terms = view.terms;
  if (view.conversation.session?.kind === 'employee') {
    return conversation ? (conversation.customer.verified ? terms.verifiedCustomer : terms.visitor) : nothing;
  }
  const person = answeringPerson(view);
  if (!person) return nothing;
  const who = person.answered ? terms.answering(person.name) : terms.willAnswer(person.name);
  const presence = presenceOf(view, person.id);
  return html`<span class="presence" data-presence=${presence}><span class="dot" aria-hidden="true"></span>${who} · ${
    presence === 'unknown' ? terms.connectionLost : terms.presence[presence]
  }</span>`;
}

/** Visitors: the face of who answers them (their photo, or initials), with their presence. */
function headerAvatar(view: HeaderView) {
  if (view.conversation.session?.kind !== 'visitor') return nothing;
  const person = answeringPerson(view);
  if (!person) return nothing;
  const photo = teamPhoto(view.conversation.corp, person.id, view.client?.baseUrl ?? location.origin);
  return renderAvatar(person.name, photo, presenceOf(view, person.id));
}

/** The line under the header: what keeps the window from working, or the company being away. */
export function headerNotice(view: HeaderView): { text: string; error: boolean } | undefined {
  const { client, error, terms } = view;
  const { session, corp } = view.conversation;
  if (!client) return { text: terms.notConnected, error: true };
  // A refused page origin is for the company to fix: say so in the page's language, whichever step met it.
  if ([error, client.lastError].some((failure) => failure?.reason === 'origin_not_allowed'))
    return { text: terms.originRefused(location.origin), error: true };
  if (error) return { text: error.message, error: true };
  if (view.feed?.error) return { text: terms.couldNotLoad(view.feed.error.message), error: true };
  if (client.status === 'error')
    return { text: terms.unavailable(client.lastError?.message ?? 'connection refused'), error: true };
  if (client.status === 'offline') return { text: terms.reconnecting, error: false };
  if (client.status === 'connecting' && !session) return { text: terms.connecting, error: false };
  const hours = corp?.hours;
  if (session?.kind === 'visitor' && hours && !hours.open) {
    if (!hours.nextOpenAt) return { text: terms.away, error: false };
    const when = new Intl.DateTimeFormat(view.lang, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(
      new Date(hours.nextOpenAt),
    );
    return { text: terms.awayUntil(when), error: false };
  }
  return undefined;
}

/** What the header offers now; each is shown only when given. */
export interface HeaderActions {
  /** Visitors: their conversations. */
  list: (() => void) | undefined;
  transcript: (() => void) | undefined;
  /** Employees: close the conversation. */
  close: (() => void) | undefined;
  /** Hide the window (a phone's full-screen chat has no launcher button to press). */
  dismiss: (() => void) | undefined;
}

/** The window's header: logo, title and subtitle, and its actions. */
export function renderHeader(view: HeaderView, actions: HeaderActions) {
  const { terms } = view;
  const button = (label: string, act: (() => void) | undefined) =>
    act ? html`<button class="icon-button" type="button" @click=${act}>${label}</button>` : nothing;
  return html`<header part="header">
    ${headerLogo(view)} ${headerAvatar(view)}
    <div class="heading">
      <h2 part="title" dir="auto">${headerTitle(view)}</h2>
      <span class="subtitle" part="subtitle">${headerSubtitle(view)}</span>
    </div>
    <div class="actions" part="actions">
      ${button(terms.showConversations, actions.list)} ${button(terms.transcript, actions.transcript)}
      ${button(terms.closeConversation, actions.close)}
      ${
        actions.dismiss
          ? html`<button class="dismiss" part="dismiss" type="button" aria-label=${terms.closeChat} title=${terms.closeChat} @click=${actions.dismiss}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" /></svg>
          </button>`
          : nothing
      }
    </div>
  </header>`;
}
