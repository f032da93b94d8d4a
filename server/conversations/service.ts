import {
  CONTENT_AUTHORS,
  InteropError,
  type CallerRole,
  type ConversationContext,
  type ConversationContextRequest,
  type Message,
  type MessageContent,
  type OutgoingContent,
} from '@interop-kit/elements/protocol';
import type { CatalogStore } from '../catalog/store.js';
import { businessHoursStatus } from '../corps/business-hours.js';
import type { CorpStore } from '../corps/store.js';
import { publishAppended, type Notifier } from '../core/notifier.js';
import type { Connection, Operations } from '../core/operations.js';
import { viewerOf, type Ownership } from '../auth/ownership.js';
import { sideOf, type AuthSession } from '../auth/session.js';
import type { UploadStore } from '../uploads/store.js';
import { conversationView, type ConversationStore } from './store.js';
import type { Side } from './messages.js';

export interface ConversationDeps {
  conversations: ConversationStore;
  corps: CorpStore;
  catalog: CatalogStore;
  uploads: UploadStore;
  ownership: Ownership;
  notifier: Notifier;
}

const DEFAULT_PAGE = 50;

/**
 * What each connection has asked to send and not yet handed to the store: a connection's sends reach the store (and
 * get their seqs) in the order it sent them, however long each one's checks take. Keyed by the connection object,
 * so an entry goes with its connection.
 */
const sendsInOrder = new WeakMap<Connection, Promise<unknown>>();
function afterEarlierSends<T>(connection: Connection, step: () => Promise<T>): Promise<T> {
  const current = (sendsInOrder.get(connection) ?? Promise.resolve()).then(step);
  sendsInOrder.set(
    connection,
    current.catch(() => {}),
  );
  return current;
}

/** The stored context of a new conversation: the product must be in the corp's catalog, its title comes from there. */
async function resolveContext(catalog: CatalogStore, corpId: string, request: ConversationContextRequest | undefined) {
  if (!request || (request.productId === undefined && request.topic === undefined)) return null;
  const product = request.productId === undefined ? undefined : await catalog.get(corpId, request.productId);
  if (request.productId !== undefined && !product)
    throw new InteropError('not_found', `No product ${request.productId}`);
  return {
    productId: product?.id ?? null,
    productTitle: product?.title ?? null,
    topic: request.topic ?? null,
  } satisfies ConversationContext;
}

/** The employee who answers for `employeeId`: themselves while active, else their successor (the company keeps the customer). */
async function servingEmployee(corps: CorpStore, corpId: string, employeeId: string): Promise<string> {
  const employee = await corps.getEmployee(corpId, employeeId);
  if (employee?.status === 'active') return employee.id;
  const successor = employee?.successorId ? await corps.getEmployee(corpId, employee.successorId) : undefined;
  if (successor?.status === 'active') return successor.id;
  throw new InteropError('not_found', `No employee ${employeeId} to talk to`);
}

/** The conversation operations: opening, listing, closing and rating, sending, receipts, typing, history and sync. */
export function conversationOperations({
  conversations: store,
  corps,
  catalog,
  uploads,
  ownership,
  notifier,
}: ConversationDeps): Pick<
  Operations,
  | 'conversation:open'
  | 'conversation:list'
  | 'conversation:close'
  | 'conversation:rate'
  | 'message:send'
  | 'message:read'
  | 'message:delivered'
  | 'typing'
  | 'history:page'
  | 'sync'
> {
  /** What a message will store: cards and payment requests take their titles and prices from the catalog now. */
  async function resolveContent(
    content: OutgoingContent,
    session: AuthSession,
    sender: { kind: Side; id: string },
  ): Promise<MessageContent> {
    if (content.kind === 'text') return content;
    if (content.kind === 'product_card') {
      const product = await catalog.get(session.corp.id, content.body.productId);
      if (!product) throw new InteropError('not_found', `No product ${content.body.productId}`);
      return { kind: 'product_card', body: { productId: product.id, title: product.title } };
    }
    if (content.kind === 'business_card') {
      const employee = await corps.getEmployee(session.corp.id, content.body.employeeId);
      if (employee?.status !== 'active')
        throw new InteropError('not_found', `No active employee ${content.body.employeeId}`);
      return { kind: 'business_card', body: { employeeId: employee.id, name: employee.name } };
    }
    if (content.kind === 'payment_request') {
      const product = await catalog.get(session.corp.id, content.body.productId);
      if (!product) throw new InteropError('not_found', `No product ${content.body.productId}`);
      if (!product.available) throw new InteropError('conflict', `${product.title} is not available`);
      const { quantity } = content.body;
      // The figures are for transcripts and previews; the Buy button prices the order again from the catalog.
      return {
        kind: 'payment_request',
        body: {
          productId: product.id,
          quantity,
          title: product.title,
          amountMinor: product.priceMinor * quantity,
          currency: product.currency,
        },
      };
    }
    return {
      kind: content.kind,
      body: await uploads.attachmentBody(session.corp.id, content.body.uploadId, content.kind, sender),
    };
  }

  /** A conversation the session may see, with everything shown of it. */
  const authorized = (session: AuthSession, id: string) => ownership.conversation(viewerOf(session), id);

  return {
    async 'conversation:open'(payload, session) {
      if (session.kind === 'employee') {
        if (!payload.conversationId) throw new InteropError('invalid_payload', 'Employees open a conversation by id');
        return conversationView(await authorized(session, payload.conversationId), 'employee');
      }
      if (payload.conversationId) {
        return conversationView(await authorized(session, payload.conversationId), 'customer');
      }
      const context = await resolveContext(catalog, session.corp.id, payload.context);
      const assigneeId =
        payload.employeeId === undefined
          ? undefined
          : await servingEmployee(corps, session.corp.id, payload.employeeId);
      const existing = payload.createNew
        ? undefined
        : await store.latestOpenForCustomer(
            session.id,
            context ? { productId: context.productId, topic: context.topic } : undefined,
            assigneeId,
          );
      if (existing) return conversationView(existing, 'customer');
      // Settings are read afresh: a corp may change its hours or form while sockets are open.
      const corp = (await corps.getCorp(session.corp.id)) ?? session.corp;
      if (corp.prechat && !(await corps.getCustomer(corp.id, session.id))?.consentAt) {
        throw new InteropError('forbidden', 'Please fill in the pre-chat form before starting a conversation');
      }
      const created = await store.create(corp.id, session.id, {
        subject: payload.subject ?? context?.productTitle ?? context?.topic ?? null,
        context,
        status: businessHoursStatus(corp.businessHours).open ? 'open' : 'pending',
        assigneeId,
      });
      notifier.publish({ type: 'conversation.changed', conversation: created });
      return conversationView(created, 'customer');
    },

    async 'conversation:close'(payload, session) {
      await authorized(session, payload.conversationId);
      const closed = await store.close(payload.conversationId);
      if (!closed) return conversationView((await store.get(payload.conversationId))!, 'employee');
      const result = await store.append(payload.conversationId, { kind: 'system', id: null }, null, {
        kind: 'system',
        body: {
          event: 'closed',
          text: `${session.name} closed the conversation`,
          employeeId: session.id,
          employeeName: session.name,
        },
      });
      const conversation = result.duplicate ? closed : result.conversation;
      notifier.publish({ type: 'message.stored', conversation, message: result.message, announce: true });
      return conversationView(conversation, 'employee');
    },

    async 'conversation:rate'(payload, session) {
      const conversation = await authorized(session, payload.conversationId);
      if (conversation.status !== 'closed')
        throw new InteropError('conflict', 'A conversation is rated once it is closed');
      const rated = await store.rate(payload.conversationId, {
        score: payload.score,
        comment: payload.comment?.trim() || null,
      });
      notifier.publish({ type: 'conversation.changed', conversation: rated });
      return conversationView(rated, 'customer');
    },

    async 'conversation:list'(payload, session) {
      const employee = session.kind === 'employee';
      const scope = employee ? (payload.scope ?? 'all') : 'all';
      const { records, nextCursor } = await store.list({
        corpId: session.corp.id,
        // Visitors only ever list their own; filters by assignee and search are the workbench's.
        customerId: employee ? payload.customerId : session.id,
        status: payload.status,
        assigneeId: scope === 'mine' ? session.id : scope === 'unassigned' ? null : undefined,
        query: employee ? payload.query || undefined : undefined,
        awaitingReply: employee && payload.awaitingReply,
        cursor: payload.cursor,
        limit: payload.limit ?? 50,
      });
      return { conversations: records.map((record) => conversationView(record, sideOf(session))), nextCursor };
    },

    async 'message:send'(payload, session, connection, spent) {
      type Sent = { stored: Message } | { appended: ReturnType<ConversationStore['append']> };
      const sent = await afterEarlierSends(connection, async (): Promise<Sent> => {
        const authors: readonly CallerRole[] = CONTENT_AUTHORS[payload.content.kind];
        if (!authors.includes(session.kind))
          throw new InteropError('forbidden', `Customers do not send ${payload.content.kind} messages`);
        // Who may write is a matter of whose the conversation is, which never changes; whether it is closed is the append's.
        await ownership.conversationOwner(viewerOf(session), payload.conversationId);
        const sender = { kind: sideOf(session), id: session.id, name: session.name };
        let resolved: MessageContent;
        try {
          // However many people write (and however many sockets each), one conversation takes so many messages a
          // second: the gateway counted it with the sender's limits, and hands a spent allowance on to here.
          if (spent) throw spent;
          resolved = await resolveContent(payload.content, session, sender);
        } catch (refusal) {
          // A retry of a message already stored gets it back whatever would refuse a new one now (a limit, a product
          // gone). Otherwise append tells a retry (and a closed conversation) apart.
          const stored = await store.storedDuplicate(payload.conversationId, payload.clientId, sender);
          if (stored) return { stored };
          throw refusal;
        }
        // Handed to the store now (its queue keeps this order); the next send need not wait for the commit.
        return { appended: store.append(payload.conversationId, sender, payload.clientId, resolved) };
      });
      if ('stored' in sent) return { message: sent.stored, duplicate: true };
      const result = await sent.appended;
      publishAppended(notifier, result);
      return { message: result.message, duplicate: result.duplicate };
    },

    async 'message:read'(payload, session) {
      await authorized(session, payload.conversationId);
      const conversation = await store.markRead(payload.conversationId, sideOf(session), payload.upToSeq);
      notifier.publish({ type: 'conversation.changed', conversation });
      return conversationView(conversation, sideOf(session));
    },

    async 'message:delivered'(payload, session) {
      await authorized(session, payload.conversationId);
      const { record, changed } = await store.markDelivered(payload.conversationId, sideOf(session), payload.upToSeq);
      if (changed) notifier.publish({ type: 'conversation.changed', conversation: record });
      return conversationView(record, sideOf(session));
    },

    async typing(payload, session, connection) {
      const conversation = await authorized(session, payload.conversationId);
      const sender = { kind: sideOf(session), id: session.id, name: session.name };
      notifier.publish({ type: 'typing', conversation, sender, typing: payload.typing, origin: connection.id });
      return {};
    },

    async 'history:page'(payload, session) {
      await authorized(session, payload.conversationId);
      return store.historyPage(payload.conversationId, payload.beforeSeq, payload.limit ?? DEFAULT_PAGE);
    },

    async sync(payload, session) {
      await authorized(session, payload.conversationId);
      return store.messagesAfter(payload.conversationId, payload.afterSeq, payload.limit ?? DEFAULT_PAGE);
    },
  };
}
