/** The part of the Web Storage API the client uses; pass your own to keep state elsewhere. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when the page may use it (it throws in some sandboxed iframes and private modes), else memory. */
export function defaultStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = '__ix_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/** Where an anonymous visitor's key for one backend and corp is kept (dependency-free: the launcher reads it early). */
export function visitorKeyName(endpoint: string, corp: string): string {
  const base = new URL(endpoint, globalThis.location?.href).href.replace(/\/+$/, '');
  return `ix-visitor:${base}:${corp}`;
}
