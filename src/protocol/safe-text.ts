import type { IssueLike } from './parse-failure.js';

/** The largest integer the database stores in the protocol's integer columns (PostgreSQL `integer`). */
export const MAX_INT4 = 2_147_483_647;

/** NUL, and a surrogate that is not half of a pair: text PostgreSQL refuses (or that no encoder can write). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** How deep `unsafeText` looks: payloads are shallow, and a deeper one is refused by its schema anyway. */
const MAX_DEPTH = 32;

/**
 * The first string (or object key) in `value` that the database cannot store, as an issue at its path; undefined
 * when there is none. Every payload and HTTP input is checked with it before its schema, on both sides of the wire,
 * so such text is an `invalid_payload` rather than a failure deep in a query.
 */
export function unsafeText(
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
): (IssueLike & { path: (string | number)[] }) | undefined {
  if (typeof value === 'string') {
    return UNSAFE_TEXT.test(value)
      ? { path, message: 'Text may not contain NUL characters or unpaired surrogates', code: 'invalid_string' }
      : undefined;
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH || ArrayBuffer.isView(value)) return undefined;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && UNSAFE_TEXT.test(key))
      return {
        path: [...path, key],
        message: 'A field name may not contain NUL characters or unpaired surrogates',
        code: 'invalid_key',
      };
    const found = unsafeText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
