import { httpErrorSchema, sessionTokenSchema, type VisitorSessionRequest } from '../protocol/index.js';
import { InteropError } from './interop-error.js';
import { defaultStorage, visitorKeyName, type KeyValueStorage } from './storage.js';

export interface VisitorSessionOptions {
  endpoint: string;
  corp: string;
  /** For verified identity: the company's user id and hex HMAC-SHA256(corp secret, userId) from its backend. */
  userId?: string | undefined;
  userHash?: string | undefined;
  name?: string | undefined;
  storage?: KeyValueStorage | undefined;
}

/** POSTs JSON to the backend's corp API and parses the answer (or its typed error). */
export async function postJson(url: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    throw new InteropError('unavailable', 'The interop service is not reachable');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = httpErrorSchema.safeParse(json);
    throw error.success
      ? InteropError.from(error.data.error)
      : new InteropError(response.status >= 500 ? 'unavailable' : 'internal', `HTTP ${response.status}`);
  }
  return json;
}

/**
 * Where this visitor is, for the employee who answers: the page without its query or fragment (they may carry
 * secrets), its title, and the time zone and language the browser reports. Nothing outside a browser.
 */
function currentVisit(): Pick<VisitorSessionRequest, 'visit'> {
  if (typeof location === 'undefined' || typeof document === 'undefined') return {};
  const pageUrl = /^https?:$/.test(location.protocol) ? `${location.origin}${location.pathname}` : undefined;
  return {
    visit: {
      ...(pageUrl && pageUrl.length <= 2048 ? { pageUrl } : {}),
      ...(document.title ? { pageTitle: document.title.slice(0, 200) } : {}),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64),
      language: navigator.language.slice(0, 35),
    },
  };
}

/**
 * A token provider for website visitors. Anonymous visitors keep the key the server hands out (so a reload, a new tab
 * or tomorrow's visit is the same customer); verified visitors are identified by the company's signed user id.
 */
export function visitorTokenProvider(options: VisitorSessionOptions): () => Promise<string> {
  const storage = options.storage ?? defaultStorage();
  const base = new URL(options.endpoint, globalThis.location?.href).href.replace(/\/+$/, '');
  const keyName = visitorKeyName(options.endpoint, options.corp);
  return async () => {
    const identity: VisitorSessionRequest =
      options.userId && options.userHash
        ? { userId: options.userId, userHash: options.userHash, ...(options.name ? { name: options.name } : {}) }
        : { ...(storage.getItem(keyName) ? { visitorKey: storage.getItem(keyName)! } : {}) };
    const request: VisitorSessionRequest = { ...identity, ...currentVisit() };
    const json = await postJson(`${base}/api/corps/${encodeURIComponent(options.corp)}/sessions/visitor`, request);
    const session = sessionTokenSchema.safeParse(json);
    if (!session.success) throw new InteropError('internal', 'The session answer is malformed');
    if (session.data.visitorKey) {
      try {
        storage.setItem(keyName, session.data.visitorKey);
      } catch {
        // Without storage the visitor is new on every visit; the chat still works.
      }
    }
    return session.data.token;
  };
}
