import { InteropError } from '@interop-kit/elements/protocol';
import type { ConversationStore } from '../conversations/store.js';
import type { CorpStore, Customer } from '../corps/store.js';
import type { OrderStore } from '../payments/orders.js';
import type { AuthSession } from './session.js';

/**
 * Who is looking at the company's things: its own side (an employee, an API key, the operator) sees all of its
 * company's; a customer sees only their own. Who may *call* an operation is the protocol table's `callers` (checked
 * by the gateway) and each route's `config.auth`; whose a *thing* is, is decided here and only here.
 */
export interface Viewer {
  corpId: string;
  /** null: the company's side. */
  customerId: string | null;
}

export const viewerOf = (session: Pick<AuthSession, 'kind' | 'corp' | 'id'>): Viewer => ({
  corpId: session.corp.id,
  customerId: session.kind === 'visitor' ? session.id : null,
});

export const companyViewer = (corpId: string): Viewer => ({ corpId, customerId: null });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a thing that belongs to a company (and to one of its customers) is the viewer's to see. */
const sees = (viewer: Viewer, thing: { corpId: string; customerId: string }) =>
  thing.corpId === viewer.corpId && (viewer.customerId === null || thing.customerId === viewer.customerId);

type Kind = 'conversation' | 'order' | 'customer' | 'message';

/**
 * A thing for a viewer. Anyone else's — another company's, another customer's — answers `not_found`, exactly
 * as a thing that does not exist: a stranger learns nothing of what exists, from the code or from the message.
 */
function owned<T extends { corpId: string; customerId: string }>(kind: Kind, viewer: Viewer, thing: T | undefined): T {
  if (!thing || !sees(viewer, thing)) throw new InteropError('not_found', `No such ${kind}`);
  return thing;
}

/** Loads a thing by id for a viewer (see `owned`). */
async function load<T extends { corpId: string; customerId: string }>(
  kind: Kind,
  viewer: Viewer,
  id: string,
  find: (id: string) => Promise<T | undefined>,
): Promise<T> {
  // Ids are UUIDs: anything else names nothing (and would be a type error in SQL).
  return owned(kind, viewer, UUID.test(id) ? await find(id) : undefined);
}

/** The one ownership policy: every way in (socket, HTTP, CLI) resolves what a caller names through it. */
export function createOwnership(stores: { conversations: ConversationStore; orders: OrderStore; corps: CorpStore }) {
  const { conversations, orders, corps } = stores;
  return {
    conversation: (viewer: Viewer, id: string) => load('conversation', viewer, id, conversations.get),
    /** Only whose the conversation is (remembered: it never changes), for the send path. */
    conversationOwner: (viewer: Viewer, id: string) => load('conversation', viewer, id, conversations.owner),
    order: (viewer: Viewer, id: string) => load('order', viewer, id, orders.get),
    /** An order by the idempotency key its customer made it with: keys are the customer's, so only they name one so. */
    orderByKey: async (viewer: Viewer, key: string) =>
      owned(
        'order',
        viewer,
        viewer.customerId === null ? undefined : await orders.byKey(viewer.corpId, viewer.customerId, key),
      ),
    customer: (viewer: Viewer, id: string): Promise<Customer> =>
      load('customer', viewer, id, async (customerId) => {
        const customer = await corps.getCustomer(viewer.corpId, customerId);
        return customer && { ...customer, customerId: customer.id };
      }),
    /** A stored message with the conversation it is in. */
    message: (viewer: Viewer, id: string) => load('message', viewer, id, conversations.storedMessage),
  };
}
export type Ownership = ReturnType<typeof createOwnership>;
