import * as z from 'zod/mini';
import { errorBodySchema, outgoingContentSchema, type ErrorBody, type OutgoingContent } from '../protocol/index.js';
import type { KeyValueStorage } from './storage.js';

const entrySchema = z.object({
  clientId: z.uuid(),
  conversationId: z.uuid(),
  content: outgoingContentSchema,
  createdAt: z.string(),
  state: z.enum(['sending', 'failed']),
  error: z.optional(errorBodySchema),
  /**
   * Who wrote it (`visitor:<id>` / `employee:<id>`), once known: one browser may hold a customer's and an employee's
   * session of the same company (a company's own staff on its site), and each sends and shows only its own.
   */
  author: z.optional(z.string()),
});
export type OutboxEntry = z.infer<typeof entrySchema>;
const entriesSchema = z.array(z.unknown());

/**
 * Messages not yet acknowledged by the server, kept in storage so a reload, a crash or a closed tab loses none.
 * Storage is the source of truth on every read: several tabs of one visitor share it, and a message flushed twice
 * is stored once thanks to its clientId.
 */
export class Outbox {
  /** Set once storage refused a write (quota, revoked access): from then on this tab keeps the outbox in memory. */
  #memory: OutboxEntry[] | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    /** The storage key: another tab writing it means the shared outbox changed. */
    readonly key: string,
  ) {}

  entries(): OutboxEntry[] {
    if (this.#memory) return [...this.#memory];
    let raw: unknown;
    try {
      raw = JSON.parse(this.storage.getItem(this.key) ?? '[]');
    } catch {
      return [];
    }
    const list = entriesSchema.safeParse(raw);
    if (!list.success) return [];
    // Keep what still parses: one corrupt entry must not cost the others.
    return list.data.flatMap((item) => {
      const entry = entrySchema.safeParse(item);
      return entry.success ? [entry.data] : [];
    });
  }

  add(conversationId: string, content: OutgoingContent, author: string | undefined): OutboxEntry {
    const entry: OutboxEntry = {
      clientId: crypto.randomUUID(),
      conversationId,
      content,
      createdAt: new Date().toISOString(),
      state: 'sending',
      ...(author ? { author } : {}),
    };
    this.#write([...this.entries(), entry]);
    return entry;
  }

  update(clientId: string, change: { state: OutboxEntry['state']; error?: ErrorBody | undefined; author?: string }): void {
    this.#write(
      this.entries().map((entry) => {
        if (entry.clientId !== clientId) return entry;
        const { error: _previous, ...rest } = entry;
        const author = change.author ?? rest.author;
        return { ...rest, state: change.state, ...(change.error ? { error: change.error } : {}), ...(author ? { author } : {}) };
      }),
    );
  }

  remove(clientId: string): void {
    this.#write(this.entries().filter((entry) => entry.clientId !== clientId));
  }

  #write(entries: OutboxEntry[]) {
    if (this.#memory) {
      this.#memory = entries;
      return;
    }
    try {
      if (entries.length) this.storage.setItem(this.key, JSON.stringify(entries));
      else this.storage.removeItem(this.key);
    } catch {
      this.#memory = entries;
    }
  }
}
