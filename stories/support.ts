/**
 * What the stories share: where the backend `npm run storybook` started is, and its fixtures (sessions to show).
 * A static build (`npm run build-storybook`) talks to STORYBOOK_BACKEND_URL / STORYBOOK_FIXTURES_URL when set.
 */
export const BACKEND: string = import.meta.env.STORYBOOK_BACKEND_URL ?? 'http://127.0.0.1:3300';
const FIXTURES: string = import.meta.env.STORYBOOK_FIXTURES_URL ?? 'http://127.0.0.1:3301';
export const CORP = 'acme';

export const THEMES = ['light', 'dark', 'auto'] as const;
/** The controls every element shares: its color scheme and its language. */
export const LOOK_ARG_TYPES = {
  theme: { control: 'inline-radio', options: THEMES },
  lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
} as const;

async function fixture<T>(path: string): Promise<T> {
  const response = await fetch(`${FIXTURES}${path}`);
  if (!response.ok) throw new Error(`Story fixture ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Story loaders: each story gets its own session, so stories do not share a visitor. */
export const loaders = {
  newVisitor: async () => ({ visitor: await fixture<{ token: string }>('/new-visitor') }),
  visitorWithHistory: async () => ({
    history: await fixture<{ token: string; conversationId: string }>('/visitor-with-history?count=40'),
  }),
  employee: async () => ({ employee: await fixture<{ token: string }>('/employee-token?employee=emp_lin') }),
};

/** The sandbox's test cards (see the README). */
export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  processing: '4000000000000259',
  expires: '4000000000000069',
} as const;

/** The payer's phone: submits the sandbox payment page with a test card. */
export async function payWith(url: string, card: string): Promise<void> {
  await fetch(url, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ card }) });
}

/** Resolves once `check` holds (polling), or after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
