import type { KeyValueStorage } from './storage.js';

/**
 * The idempotency keys of purchases not yet finished, kept where the client keeps its outbox so a reload or a
 * second attempt after a lost connection reuses the key (and so finds the same order) instead of making another.
 */
export class PendingPurchases {
  #storage: KeyValueStorage;
  #name: string;

  constructor(storage: KeyValueStorage, name: string) {
    this.#storage = storage;
    this.#name = name;
  }

  #read(): Record<string, string> {
    try {
      const value: unknown = JSON.parse(this.#storage.getItem(this.#name) ?? '{}');
      return value && typeof value === 'object' ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  get(intent: string): string | undefined {
    return this.#read()[intent];
  }

  /** The key of this purchase intent: the pending one, or a new one remembered until `end`. */
  begin(intent: string): string {
    const all = this.#read();
    all[intent] ??= crypto.randomUUID();
    this.#storage.setItem(this.#name, JSON.stringify(all));
    return all[intent];
  }

  end(intent: string): void {
    const all = this.#read();
    if (!(intent in all)) return;
    delete all[intent];
    if (Object.keys(all).length) this.#storage.setItem(this.#name, JSON.stringify(all));
    else this.#storage.removeItem(this.#name);
  }
}
