/**
 * History and lists at size: `history:page`, a full `sync` and `conversation:open` on a 10,000-message conversation,
 * and `conversation:list` (all, mine, waiting, a search) for a company with 10,000 conversations, each against the
 * same call on a small company (a 250-message conversation, 20 conversations). Medians of repeated calls, small and
 * large interleaved, over real sockets to the backend in this process (PGlite, or PostgreSQL with DATABASE_URL).
 * Prints a table, writes bench/results/at-size.json.
 *
 *   npm run bench:at-size
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { startHarness, type Harness, type TestCorp } from '@interop-kit/server/testing';
import { median, round } from './support/stats.js';

const REPEATS = 15;
const LARGE = { messages: 10_000, conversations: 10_000 };
/** Small, but with a page of 200 after seq 25 as the large one has. */
const SMALL = { messages: 250, conversations: 20 };
/** A word about 1 % of the conversations mention. */
const SEARCH = 'jasmine';
/** Names and addresses as varied as a real company's customers' (the search's plan depends on what its index holds). */
const NAMES = {
  first: [
    'Wei',
    'Fang',
    'Min',
    'Jing',
    'Lei',
    'Yan',
    'Anna',
    'James',
    'Maria',
    'Omar',
    'Priya',
    'Lukas',
    'Sofia',
    'Kenji',
    'Amara',
    'Diego',
    'Noor',
  ],
  last: [
    'Zhang',
    'Wang',
    'Li',
    'Liu',
    'Chen',
    'Yang',
    'Huang',
    'Smith',
    'Garcia',
    'Müller',
    'Haddad',
    'Sato',
    'Okafor',
    'Rossi',
    'Kowalski',
  ],
  domains: ['gmail.com', 'qq.com', '163.com', 'outlook.com', 'example.cn', 'mail.example.org'],
};
const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(', ')}]`;
/** One customer's email, which each company (and every other company of the database) has once. */
const NEEDLE = 'fang.zhang1@gmail.com';
const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };

/** `count` customers with a conversation each (three messages, some about SEARCH), half Lin Wei's, some waiting. */
async function seedConversations(h: Harness, { corp, employees }: TestCorp, count: number) {
  await h.server.db.query(
    `WITH customers_added AS (
       INSERT INTO customers (id, corp_id, name, email)
       SELECT gen_random_uuid(), $1, first || ' ' || last, lower(first || '.' || last) || n || '@' || domain
       FROM generate_series(1, $2::int) n,
         LATERAL (SELECT (${sqlArray(NAMES.first)})[1 + n % ${NAMES.first.length}] AS first,
           (${sqlArray(NAMES.last)})[1 + n / 7 % ${NAMES.last.length}] AS last,
           (${sqlArray(NAMES.domains)})[1 + n / 3 % ${NAMES.domains.length}] AS domain) name
       RETURNING id),
     conversations_added AS (
       INSERT INTO conversations (id, corp_id, customer_id, assigned_employee_id, last_seq, awaiting_reply, updated_at, last_message_preview)
       SELECT gen_random_uuid(), $1, id, CASE WHEN random() < 0.5 THEN $3 ELSE $4 END, 3, random() < 0.3,
         now() - random() * interval '30 days', 'Thank you'
       FROM customers_added RETURNING id)
     INSERT INTO messages (id, corp_id, conversation_id, seq, sender_kind, sender_id, kind, body)
     SELECT gen_random_uuid(), $1, c.id, s, 'customer', NULL, 'text',
       jsonb_build_object('text', CASE WHEN s = 2 AND random() < 0.01 THEN 'Do you have ${SEARCH} tea in stock?'
         ELSE 'Order ' || floor(random() * 1e6)::int || ', message ' || s END)
     FROM conversations_added c, generate_series(1, 3) s`,
    [corp, count, employees.lin, employees.sara],
  );
}

async function call(socket: Socket, event: string, payload: unknown): Promise<any> {
  const answer = await socket.timeout(60_000).emitWithAck(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer.data;
}

interface Side {
  visitor: Socket;
  employee: Socket;
  conversationId: string;
}

async function side(h: Harness, size: typeof LARGE): Promise<Side> {
  const company = await h.createCorp();
  await seedConversations(h, company, size.conversations);
  const { visitorKey, conversationId } = await h.seedHistory(size.messages, company);
  const visitor = await h.rawSocket((await h.visitorToken({ corp: company.corp, visitorKey })).token);
  const employee = await h.rawSocket(await h.employeeToken(company.employees.lin, company.corp));
  return { visitor, employee, conversationId };
}

/** The calls measured, each a function of one side. */
const CALLS: Record<string, (side: Side) => Promise<unknown>> = {
  'history:page (latest 50)': (s) => call(s.visitor, 'history:page', { conversationId: s.conversationId, limit: 50 }),
  'sync: one page of 200 from the middle': (s) =>
    call(s.visitor, 'sync', { conversationId: s.conversationId, afterSeq: 25, limit: 200 }),
  'conversation:open (resume)': (s) => call(s.visitor, 'conversation:open', {}),
  'conversation:list all': (s) => call(s.employee, 'conversation:list', { scope: 'all' }),
  'conversation:list mine': (s) => call(s.employee, 'conversation:list', { scope: 'mine' }),
  'conversation:list waiting': (s) => call(s.employee, 'conversation:list', { awaitingReply: true }),
  [`conversation:list search "${SEARCH}" (1 % match)`]: (s) => call(s.employee, 'conversation:list', { query: SEARCH }),
  [`conversation:list search "${NEEDLE}" (1 match)`]: (s) => call(s.employee, 'conversation:list', { query: NEEDLE }),
};

/** Every message, 200 a page, as a client catching up from nothing does. */
async function fullSync(s: Side): Promise<number> {
  let afterSeq = 0;
  for (;;) {
    const page = await call(s.visitor, 'sync', { conversationId: s.conversationId, afterSeq, limit: 200 });
    afterSeq = page.messages.at(-1)?.seq ?? afterSeq;
    if (!page.hasMore) return afterSeq;
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main() {
  const h = await startHarness({ databaseUrl: process.env.DATABASE_URL, limits: { events: UNLIMITED } });
  try {
    const small = await side(h, SMALL);
    const large = await side(h, LARGE);
    // The data arrived at once; a running server's statistics and search index would have caught up by now (PGlite's
    // maintenance, PostgreSQL's autovacuum).
    await h.server.db.exec('VACUUM ANALYZE');
    const rows: Record<string, Record<string, number>> = {};
    for (const [name, measure] of Object.entries(CALLS)) {
      const times = { small: [] as number[], large: [] as number[] };
      await measure(small);
      await measure(large); // warm
      for (let i = 0; i < REPEATS; i++) {
        times.small.push(await timed(() => measure(small)));
        times.large.push(await timed(() => measure(large)));
      }
      rows[name] = {
        'small (ms)': round(median(times.small), 2),
        'large (ms)': round(median(times.large), 2),
        'large / small': round(median(times.large) / median(times.small), 2),
      };
    }
    const syncs = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < 5; i++) {
      syncs.small.push(await timed(() => fullSync(small)));
      syncs.large.push(await timed(() => fullSync(large)));
    }
    rows[`full sync from 0, 200 a page (${SMALL.messages} / ${LARGE.messages} messages)`] = {
      'small (ms)': round(median(syncs.small), 1),
      'large (ms)': round(median(syncs.large), 1),
      'large / small': round(median(syncs.large) / median(syncs.small), 1),
    };
    console.log(
      `history and lists at size (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; median of ${REPEATS}):`,
    );
    console.table(rows);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(
      new URL('./results/at-size.json', import.meta.url),
      `${JSON.stringify({ date: new Date().toISOString(), engine: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite', repeats: REPEATS, small: SMALL, large: LARGE, rows }, null, 2)}\n`,
    );
    for (const s of [small, large]) {
      s.visitor.disconnect();
      s.employee.disconnect();
    }
  } finally {
    await h.close();
  }
}

await main();
