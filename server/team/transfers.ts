import { randomUUID } from 'node:crypto';
import {
  InteropError,
  TRANSFER_STATUS,
  transferStatusName,
  type CustomerTransfer,
  type CustomerTransferKind,
  type CustomerTransferStatus,
  type Message,
  type TransferStatusCode,
} from '@interop-kit/elements/protocol';
import { handOverNotice, reassign } from '../conversations/assignment.js';
import { insertMessage } from '../conversations/messages.js';
import type { ConversationStore } from '../conversations/store.js';
import type { Corp } from '../corps/store.js';
import type { Notifier } from '../core/notifier.js';
import type { Database, Queryable } from '../db/database.js';
import { recordEvent } from '../events/outbox.js';
import { createTransferStore, transferView, type TransferFilter, type TransferRow } from './transfer-store.js';

type Person = { id: string; name: string };
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TransferRequest {
  corpId: string;
  corpName: string;
  customerId: string;
  kind: CustomerTransferKind;
  from: Person;
  to: Person;
  /** null: the company's own systems or its operator. */
  by: Person | null;
}

/** What a change told the customer and the company, published once it has committed. */
interface Told {
  corpId: string;
  transfer: CustomerTransfer;
  notices: Array<{ conversationId: string; message: Message }>;
}

/**
 * Customer relationships change hands only as the customer allows (WeCom's on-job and departure transfers). A
 * transfer waits (status 2) while the customer is asked in the chat window; it is done (1) when they accept or when
 * the company's window passes unanswered — only then do the customer's open conversations and to-dos follow — and
 * refused (3) when they say no: an on-job transfer keeps the employee they had, a departure leaves them to the team.
 * A taker at their customer capacity ends it at once (4). Each change is a `transfer.updated` event for webhooks.
 */
export function createCustomerTransfers(deps: {
  db: Database;
  conversations: ConversationStore;
  notifier: Notifier;
  clock?: (() => Date) | undefined;
}) {
  const { db, conversations, notifier } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function publish(told: Told) {
    for (const { conversationId, message } of told.notices) {
      const conversation = await conversations.get(conversationId);
      if (conversation) notifier.publish({ type: 'message.stored', conversation, message, announce: true });
    }
    notifier.publish({ type: 'transfer.changed', corpId: told.corpId, transfer: told.transfer });
  }

  /** Status 1 inside the caller's transaction: the customer, their open conversations and to-dos go to the taker. */
  async function complete(tx: Queryable, row: TransferRow, corpName: string): Promise<Told> {
    const store = createTransferStore(tx);
    await store.decide(row.id, TRANSFER_STATUS.done, clock());
    await store.setOwner(row.customer_id, row.to_id);
    // Their open conversations, whoever of the two had them (a departure's went to the team meanwhile).
    const notices: Told['notices'] = [];
    const departure = row.kind === 'departure' ? { id: row.from_id, name: row.from_name, corpName } : undefined;
    for (const id of await store.openConversations(row.customer_id, row.from_id)) {
      const moved = await reassign(tx, {
        conversationId: id,
        to: { id: row.to_id, name: row.to_name },
        by: row.by_id ? { id: row.by_id, name: row.by_name ?? row.by_id } : null,
        reason: departure ? 'departure' : 'transfer',
        note: null,
        transferId: row.id,
        ...(departure ? { departure } : {}),
      });
      if (moved) notices.push({ conversationId: id, message: moved.message });
    }
    // No open conversation moved: the customer still reads who looks after them now, where they were asked.
    const askedIn = notices.length === 0 && (await store.noticeConversation(row.customer_id));
    if (askedIn) {
      const to = { id: row.to_id, name: row.to_name };
      const { message } = await insertMessage(tx, askedIn, { kind: 'system', id: null }, null, {
        kind: 'system',
        body: handOverNotice({ to, transferId: row.id, ...(departure ? { departure } : {}) }, true),
      });
      notices.push({ conversationId: askedIn, message });
    }
    await store.moveTodos(row.customer_id, row.from_id, row.to_id);
    return told(tx, row.id, notices);
  }

  /** The transfer as it now stands, recorded for webhooks in the same transaction. */
  async function told(tx: Queryable, id: string, notices: Told['notices']): Promise<Told> {
    const row = (await createTransferStore(tx).read(id))!;
    const transfer = transferView(row);
    await recordEvent(tx, row.corp_id, 'transfer.updated', { transfer });
    return { corpId: row.corp_id, transfer, notices };
  }

  /** Status 3 inside the caller's transaction; the customer is told who serves them now. */
  async function refuse(tx: Queryable, row: TransferRow): Promise<Told> {
    const store = createTransferStore(tx);
    await store.decide(row.id, TRANSFER_STATUS.refused, clock());
    const keeps = row.kind === 'on_job';
    // A departure refused: the customer is the team's (the leaver cannot keep them).
    if (!keeps) await store.setOwner(row.customer_id, null);
    const notices: Told['notices'] = [];
    const conversationId = await store.noticeConversation(row.customer_id);
    if (conversationId) {
      const { message } = await insertMessage(tx, conversationId, { kind: 'system', id: null }, null, {
        kind: 'system',
        body: {
          event: 'transfer_refused',
          text: keeps ? `${row.from_name} keeps looking after you` : 'The team will look after you',
          ...(keeps ? { employeeId: row.from_id, employeeName: row.from_name } : {}),
          transferId: row.id,
          transferKind: row.kind,
        },
      });
      notices.push({ conversationId, message });
    }
    return told(tx, row.id, notices);
  }

  const api = {
    /**
     * Starts one customer's transfer inside the caller's transaction (a departure moves many in one). Refused with a
     * typed error when a transfer of the customer already waits or the company's limit per customer is reached; ends
     * at once as "taker at capacity" when the taker has as many customers as the company allows.
     */
    async start(tx: Queryable, request: TransferRequest): Promise<Told> {
      const store = createTransferStore(tx);
      const rules = await store.rules(request.corpId);
      const now = clock();
      const recent = await store.recent(request.customerId, new Date(now.getTime() - rules.periodDays * DAY_MS));
      if (recent.waiting)
        throw new InteropError('conflict', 'A transfer of this customer is waiting for their answer', {
          reason: 'transfer_waiting',
        });
      if (recent.count >= rules.maxPerCustomer)
        throw new InteropError(
          'conflict',
          `This customer has changed hands ${rules.maxPerCustomer} times in ${rules.periodDays} days, the company's limit`,
          { reason: 'transfer_limit' },
        );
      const atCapacity =
        rules.customerCapacity !== null && (await store.load(request.corpId, request.to.id)) >= rules.customerCapacity;
      const status: TransferStatusCode = atCapacity ? TRANSFER_STATUS.takerAtCapacity : TRANSFER_STATUS.waiting;
      const id = randomUUID();
      await store.insert({
        id,
        corpId: request.corpId,
        customerId: request.customerId,
        kind: request.kind,
        fromId: request.from.id,
        toId: request.to.id,
        byId: request.by?.id ?? null,
        status,
        createdAt: now,
        takesEffectAt: new Date(now.getTime() + rules.windowHours * HOUR_MS),
      });
      const notices: Told['notices'] = [];
      const conversationId = status === TRANSFER_STATUS.waiting && (await store.noticeConversation(request.customerId));
      if (conversationId) {
        const departed = request.kind === 'departure';
        const { message } = await insertMessage(tx, conversationId, { kind: 'system', id: null }, null, {
          kind: 'system',
          body: {
            event: 'transfer_pending',
            text: departed
              ? `${request.from.name} no longer works at ${request.corpName} — ${request.to.name} will look after you from now on`
              : `${request.from.name} is handing you over to ${request.to.name}`,
            employeeId: request.to.id,
            employeeName: request.to.name,
            formerEmployeeId: request.from.id,
            formerEmployeeName: request.from.name,
            corpName: request.corpName,
            transferId: id,
            transferKind: request.kind,
          },
        });
        notices.push({ conversationId, message });
      }
      return told(tx, id, notices);
    },

    /** Tells the world of what `start` (or anything else here) changed, once its transaction has committed. */
    publish,

    /**
     * Gives a customer to `to` on the job: a transfer the customer may refuse when someone owns them now; at once
     * when nobody does (there is nobody to keep). Returns the transfer, or null when nothing had to be asked.
     */
    async handOver(corp: Corp, customerId: string, to: Person, by: Person | null): Promise<CustomerTransfer | null> {
      const told = await db.transaction(async (tx) => {
        const store = createTransferStore(tx);
        const from = await store.ownerForUpdate(corp.id, customerId);
        if (from === undefined) throw new InteropError('not_found', 'No such customer');
        if (from?.id === to.id) return undefined;
        if (from === null) {
          await store.setOwner(customerId, to.id);
          return undefined;
        }
        const request = { corpId: corp.id, corpName: corp.name, customerId, from, to, by };
        return api.start(tx, { ...request, kind: 'on_job' });
      });
      if (!told) return null;
      await publish(told);
      return told.transfer;
    },

    /** The customer's answer from the chat window: accept (done now) or refuse. Only their own waiting transfer. */
    async answer(corpId: string, corpName: string, customerId: string, transferId: string, accept: boolean) {
      const told = await db.transaction(async (tx) => {
        const row = await createTransferStore(tx).read(transferId, { lock: true });
        if (!row || row.corp_id !== corpId || row.customer_id !== customerId)
          throw new InteropError('not_found', 'No such transfer');
        if (row.status !== TRANSFER_STATUS.waiting)
          throw new InteropError('conflict', `This transfer is ${transferStatusName(row.status).replace(/_/g, ' ')}`);
        return accept ? complete(tx, row, corpName) : refuse(tx, row);
      });
      await publish(told);
      return told.transfer;
    },

    /** The timer's work: every waiting transfer whose window has passed takes effect. Returns how many did. */
    async completeDue(limit = 100): Promise<number> {
      const due = await createTransferStore(db).due(clock(), limit);
      let done = 0;
      for (const { id, corpName } of due) {
        const changed = await db.transaction(async (tx) => {
          // Read again under a lock: the customer may have answered since.
          const row = await createTransferStore(tx).read(id, { lock: true });
          return row?.status === TRANSFER_STATUS.waiting ? complete(tx, row, corpName) : undefined;
        });
        if (changed) {
          done += 1;
          await publish(changed);
        }
      }
      return done;
    },

    /** Transfers of the company, newest first: of one customer, to or from one employee, in one status. */
    list: (corpId: string, filter: TransferFilter = {}, limit = 100) =>
      createTransferStore(db).list(corpId, filter, limit),

    /** The CRM's export: transfers oldest first after the transfer `cursor`, narrowed like `list`. */
    page: (corpId: string, query: TransferFilter & { cursor?: string | undefined; limit: number }) =>
      createTransferStore(db).page(corpId, query),

    /** Per employee: the customers they own and the transfers to or from them still waiting (the team tile). */
    teamCounts: (corpId: string) => createTransferStore(db).teamCounts(corpId),

    /** Where one customer stands: their latest transfer's status, or 5 (no transfer on record). */
    async statusOf(corpId: string, customerId: string): Promise<CustomerTransferStatus> {
      const [latest] = await api.list(corpId, { customerId }, 1);
      const status = latest ? (latest.status as TransferStatusCode) : TRANSFER_STATUS.none;
      return { customerId, status, statusName: transferStatusName(status), transfer: latest ?? null };
    },
  };
  return api;
}
export type CustomerTransfers = ReturnType<typeof createCustomerTransfers>;
