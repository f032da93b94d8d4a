import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '@interop-kit/elements/protocol';
import { startHarness, type Harness } from './harness.js';

/**
 * Walks every HTTP route the backend serves with malformed paths, queries and bodies, as each kind of caller, and
 * asserts a 4xx (or a success) with the typed error body: never a 5xx, never a failure in the log.
 */
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

/** Path segments as an attacker writes them: bad escapes, NUL, invalid UTF-8, overlong, traversal, injection, huge numbers. */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%ZZ',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  'x'.repeat(600),
  '..%2F..%2Fetc%2Fpasswd',
  "'%20OR%201%3D1--",
  '%F0%9F%92%A9',
  '-1',
  '99999999999999999999999',
  '%20',
];
const HOSTILE_QUERIES = [
  '?limit=-1&before=abc&after=%00',
  '?%00=%00',
  '?limit=1e309&q=%FF%FE',
  '?limit=99999999999999&seq=4294967296&cursor=%ED%A0%80',
  '?a[b][c]=1&__proto__[x]=1&constructor[prototype][y]=1',
  `?${Array.from({ length: 300 }, (_, i) => `k${i}=${i}`).join('&')}`,
  '?q=%',
];
const HOSTILE_BODIES: { type: string; body: string }[] = [
  { type: 'application/json', body: 'not json' },
  { type: 'application/json', body: '{"a":' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '"text"' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '{"name":"\\u0000","text":"\\ud800","id":"\\u0000","tags":["\\u0000"]}' },
  { type: 'application/json', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { type: 'application/json', body: '{"limit":4294967296,"seq":-1,"amount":1e309,"quantity":1.5}' },
  { type: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { type: 'application/json', body: JSON.stringify({ text: 'x'.repeat(40_000) }) },
  { type: 'application/x-www-form-urlencoded', body: 'card=%ZZ&x=%00' },
  { type: 'application/x-www-form-urlencoded', body: `card=${'4'.repeat(8000)}` },
  { type: 'text/plain', body: '{"a":1' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x' },
  { type: 'application/xml', body: '<a/>' },
];

/** The route's URL with its parameters filled in: plausible values, or `hostile` in place of parameter `index`. */
function fill(url: string, hostile?: { index: number; value: string }): string {
  let index = -1;
  return url.replace(/:[A-Za-z]+|\*/g, (parameter) => {
    index += 1;
    if (hostile?.index === index) return hostile.value;
    if (parameter === ':corp') return 'acme';
    return parameter === '*' ? 'x' : randomUUID();
  });
}

test('every route answers malformed input with a typed 4xx, never a 5xx', async () => {
  const routes = h.server.routes.filter((route) => route.method !== 'OPTIONS');
  assert.ok(routes.length >= 40, `the walk covers the backend's routes (${routes.length})`);
  const key = (await h.server.stores.apiKeys.create('acme', 'route walk', 'admin')).key;
  const failures: string[] = [];
  let requests = 0;

  for (const route of routes) {
    // Fresh credentials for each route: a sign-out route ends the employee's sessions.
    const credentials: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${(await h.visitorToken()).token}` },
      { authorization: `Bearer ${await h.employeeToken('emp_lin')}` },
      { authorization: `Bearer ${key}` },
    ];
    const parameters = (route.url.match(/:[A-Za-z]+|\*/g) ?? []).length;
    const requestsOfRoute: { url: string; type?: string; body?: string }[] = [];
    for (let index = 0; index < parameters; index++) {
      for (const value of HOSTILE_SEGMENTS) requestsOfRoute.push({ url: fill(route.url, { index, value }) });
    }
    for (const query of HOSTILE_QUERIES) requestsOfRoute.push({ url: fill(route.url) + query });
    if (route.method !== 'GET')
      for (const body of HOSTILE_BODIES)
        requestsOfRoute.push({ url: fill(route.url), type: body.type, body: body.body });

    for (const headers of credentials) {
      for (const attempt of requestsOfRoute) {
        requests += 1;
        const response = await fetch(h.server.url + attempt.url, {
          method: route.method,
          redirect: 'manual',
          headers: { ...headers, ...(attempt.type ? { 'content-type': attempt.type } : {}) },
          ...(attempt.body !== undefined ? { body: attempt.body } : {}),
        });
        const text = await response.text();
        const where = `${route.method} ${route.url} as ${headers.authorization?.slice(7, 11) ?? 'nobody'}: ${attempt.url.slice(0, 120)} ${attempt.type ?? ''} ${attempt.body?.slice(0, 40) ?? ''}`;
        if (response.status >= 500) failures.push(`${response.status} for ${where}: ${text.slice(0, 200)}`);
        else if (response.status >= 400 && !(response.headers.get('content-type') ?? '').startsWith('text/html')) {
          let code: unknown;
          try {
            code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          } catch {
            code = undefined;
          }
          if (!ERROR_CODES.includes(code as never))
            failures.push(`${response.status} without a typed error body for ${where}: ${text.slice(0, 200)}`);
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${requests} requests went wrong`);
  assert.deepEqual(
    h.logs.filter((line) => line.includes('failed')),
    [],
    'no request failed inside the backend',
  );
});
