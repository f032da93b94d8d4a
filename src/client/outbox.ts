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

/** The list's header: which index segments hold its ids, in order. */
const headerSchema = z.object({ v: z.literal(2), first: z.int(), last: z.int() });
type Header = z.infer<typeof headerSchema>;
/** Ids per index segment: appending or removing rewrites one segment of at most this many, whatever the length. */
const SEGMENT = 64;

/**
 * Messages not yet acknowledged by the server, kept in storage so a reload, a crash or a closed tab loses none.
 *
 * Every change costs the same whatever the length: each entry is its own storage item (`<key>:<clientId>`), the order
 * is kept in index segments of at most 64 ids (`<key>#<n>`), and the header (`<key>`) names the first and last
 * segment. Reads come from memory; storage is read again only when another tab of the visitor changed it (its
 * `storage` event), and then once.
 */
export class Outbox {
  /** The entries in order, as storage holds them (undefined: not read yet, or another tab changed them). */
  #entries: Map<string, OutboxEntry> | undefined;
  /** Which segment each id is in, and the segments' ids. */
  #segmentOf = new Map<string, number>();
  #segments = new Map<number, string[]>();
  #header: Header = { v: 2, first: 0, last: 0 };
  /** Set once storage refused a write (quota, revoked access): from then on this tab keeps the outbox in memory. */
  #memoryOnly = false;

  constructor(
    private readonly storage: KeyValueStorage,
    /** The storage key (the header's; entries and segments are beside it). */
    readonly key: string,
  ) {}

  /** Whether a `storage` event (another tab's write) touched this outbox; if so, it is read again when next asked. */
  changedElsewhere(storageKey: string | null): boolean {
    if (
      storageKey !== null &&
      storageKey !== this.key &&
      !storageKey.startsWith(`${this.key}:`) &&
      !storageKey.startsWith(`${this.key}#`)
    )
      return false;
    if (!this.#memoryOnly) this.#entries = undefined;
    return true;
  }

  entries(): OutboxEntry[] {
    return [...this.#load().values()];
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
    this.#load();
    this.#append(entry);
    return entry;
  }

  /** Puts an entry at the end: its own item, its id in the last segment (a new one when that is full). */
  #append(entry: OutboxEntry) {
    const entries = this.#entries!;
    entries.set(entry.clientId, entry);
    let last = this.#segments.get(this.#header.last) ?? [];
    if (last.length >= SEGMENT) {
      this.#header = { ...this.#header, last: this.#header.last + 1 };
      last = [];
      this.#write(this.key, JSON.stringify(this.#header));
    }
    last.push(entry.clientId);
    this.#segments.set(this.#header.last, last);
    this.#segmentOf.set(entry.clientId, this.#header.last);
    this.#write(`${this.key}:${entry.clientId}`, JSON.stringify(entry));
    this.#write(`${this.key}#${this.#header.last}`, JSON.stringify(last));
    if (entries.size === 1) this.#write(this.key, JSON.stringify(this.#header));
  }

  update(
    clientId: string,
    change: { state: OutboxEntry['state']; error?: ErrorBody | undefined; author?: string },
  ): void {
    const entries = this.#load();
    const entry = entries.get(clientId);
    if (!entry) return;
    const { error: _previous, ...rest } = entry;
    const author = change.author ?? rest.author;
    const updated: OutboxEntry = {
      ...rest,
      state: change.state,
      ...(change.error ? { error: change.error } : {}),
      ...(author ? { author } : {}),
    };
    entries.set(clientId, updated);
    this.#write(`${this.key}:${clientId}`, JSON.stringify(updated));
  }

  remove(clientId: string): void {
    const entries = this.#load();
    if (!entries.delete(clientId)) return;
    const number = this.#segmentOf.get(clientId)!;
    this.#segmentOf.delete(clientId);
    const segment = (this.#segments.get(number) ?? []).filter((id) => id !== clientId);
    this.#remove(`${this.key}:${clientId}`);
    if (entries.size === 0) {
      // Empty: nothing of the outbox stays in storage.
      for (const n of this.#segments.keys()) this.#remove(`${this.key}#${n}`);
      this.#segments.clear();
      this.#header = { v: 2, first: 0, last: 0 };
      this.#remove(this.key);
      return;
    }
    this.#segments.set(number, segment);
    this.#write(`${this.key}#${number}`, JSON.stringify(segment));
    // Segments emptied at the front are dropped (messages leave mostly in the order they came).
    let { first } = this.#header;
    while (first < this.#header.last && !this.#segments.get(first)?.length) {
      this.#segments.delete(first);
      this.#remove(`${this.key}#${first}`);
      first += 1;
    }
    if (first !== this.#header.first) {
      this.#header = { ...this.#header, first };
      this.#write(this.key, JSON.stringify(this.#header));
    }
  }

  /** The entries, read from storage when memory has none (first use, or another tab wrote). */
  #load(): Map<string, OutboxEntry> {
    if (this.#entries) return this.#entries;
    const entries = new Map<string, OutboxEntry>();
    this.#entries = entries;
    this.#segments.clear();
    this.#segmentOf.clear();
    const raw = this.#parse(this.storage.getItem(this.key));
    const header = headerSchema.safeParse(raw);
    if (!header.success) {
      this.#header = { v: 2, first: 0, last: 0 };
      // An outbox written before segments (one array of entries) moves to the new layout.
      if (Array.isArray(raw)) for (const item of raw) this.#adopt(item);
      return entries;
    }
    this.#header = header.data;
    for (let n = header.data.first; n <= header.data.last; n++) {
      const ids = this.#parse(this.storage.getItem(`${this.key}#${n}`));
      const kept: string[] = [];
      for (const id of Array.isArray(ids) ? ids : []) {
        // Keep what still parses: one corrupt entry must not cost the others.
        const entry = entrySchema.safeParse(this.#parse(this.storage.getItem(`${this.key}:${String(id)}`)));
        if (!entry.success || entries.has(entry.data.clientId)) continue;
        entries.set(entry.data.clientId, entry.data);
        this.#segmentOf.set(entry.data.clientId, n);
        kept.push(entry.data.clientId);
      }
      this.#segments.set(n, kept);
    }
    return entries;
  }

  /** Takes an entry of the old layout (one array under the header's key) into the new one, as it was. */
  #adopt(item: unknown) {
    const entry = entrySchema.safeParse(item);
    if (entry.success && !this.#entries!.has(entry.data.clientId)) this.#append(entry.data);
  }

  #parse(text: string | null): unknown {
    try {
      return JSON.parse(text ?? 'null');
    } catch {
      return null;
    }
  }

  #write(key: string, value: string) {
    if (this.#memoryOnly) return;
    try {
      this.storage.setItem(key, value);
    } catch {
      this.#memoryOnly = true;
    }
  }

  #remove(key: string) {
    if (this.#memoryOnly) return;
    try {
      this.storage.removeItem(key);
    } catch {
      this.#memoryOnly = true;
    }
  }
}
