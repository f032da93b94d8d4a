import { applyLanguage, t } from './language.js';
import '../src/elements/workbench/define.js';
import { InteropClient, postJson } from '../src/client/index.js';
import { devEmployeesSchema, sessionTokenSchema, ssoInfoSchema } from '../src/protocol/index.js';

/** The company whose portal this is: `?corp=<id>` (the demo's by default). */
const CORP = /^[a-z0-9][a-z0-9-]{0,62}$/.exec(new URLSearchParams(location.search).get('corp') ?? '')?.[0] ?? 'acme';
const SESSION_KEY = `ix-demo-session:${CORP}`;
const api = (path: string) => `${location.origin}/api/corps/${CORP}/${path}`;

const devForm = document.querySelector<HTMLFormElement>('#login')!;
const select = document.querySelector<HTMLSelectElement>('#employee')!;
const ssoLink = document.querySelector<HTMLAnchorElement>('#sso')!;
const problem = document.querySelector<HTMLElement>('#sign-in-problem')!;
const signInScreen = document.querySelector<HTMLElement>('.login')!;
const portal = document.querySelector<HTMLElement>('#portal')!;
const signedIn = document.querySelector<HTMLElement>('#signed-in')!;
const signOutButton = document.querySelector<HTMLButtonElement>('#sign-out')!;
applyLanguage();
const workbench = document.querySelector('ix-workbench')!;
// The playbook tile is the page's own content: in the page's language.
if (Array.isArray(workbench.layout))
  workbench.layout = (workbench.layout as Array<Record<string, unknown>>).map((tile) =>
    tile.type === 'list'
      ? {
          type: 'list',
          title: t('playbook.title'),
          items: [
            { label: t('playbook.site'), href: './index.html', description: t('playbook.siteAbout') },
            { label: t('playbook.cards'), description: t('playbook.cardsAbout') },
          ],
        }
      : tile,
  );

interface StoredSession {
  token: string;
  expiresAt: string;
}

/** The session single sign-on handed back in this page's fragment (never sent to a server), kept for the tab. */
function takeSignInOutcome(): StoredSession | undefined {
  const outcome = new URLSearchParams(location.hash.slice(1));
  if (!outcome.has('ix_token') && !outcome.has('ix_error')) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  if (outcome.get('ix_error')) {
    problem.textContent = outcome.get('ix_error_message') ?? t('signInFailed');
    problem.hidden = false;
    return undefined;
  }
  const session = { token: outcome.get('ix_token')!, expiresAt: outcome.get('ix_expires_at') ?? '' };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

function storedSession(): StoredSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as StoredSession | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

function showPortal(client: InteropClient, token: string | undefined) {
  workbench.client = client;
  signInScreen.hidden = true;
  portal.hidden = false;
  signOutButton.hidden = token === undefined;
  void client.session().then(
    (session) => (signedIn.textContent = t('signedInAs', { name: session.name })),
    () => undefined,
  );
  // A token refused later (signed out elsewhere, deactivated, expired): back to the sign-in.
  client.on('status', (status) => {
    if (status === 'error' && client.lastError?.code === 'unauthorized') {
      sessionStorage.removeItem(SESSION_KEY);
      location.reload();
    }
  });
}

async function signOut(token: string) {
  sessionStorage.removeItem(SESSION_KEY);
  const { endSessionUrl } = (await fetch(api('sessions/employee/sign-out'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
    .then((response) => response.json())
    .catch(() => ({}))) as { endSessionUrl?: string | null };
  // Also out of the company's provider, when it offers that; it sends the browser back here.
  if (endSessionUrl) location.assign(endSessionUrl);
  else location.reload();
}

/** Development login: asks the backend for an employee token (the route only exists outside production). */
async function devToken(employeeId: string): Promise<string> {
  return sessionTokenSchema.parse(await postJson(api('sessions/employee-dev'), { employeeId })).token;
}

async function offerSignIn() {
  const info = ssoInfoSchema.safeParse(
    await fetch(api('sso'))
      .then((response) => response.json())
      .catch(() => undefined),
  );
  if (info.success && info.data.sso) {
    const returnTo = location.origin + location.pathname + location.search;
    ssoLink.href = `${info.data.sso.loginUrl}?returnTo=${encodeURIComponent(returnTo)}`;
    ssoLink.textContent = t('signInWith', { name: info.data.sso.name });
    ssoLink.hidden = false;
  }
  const response = await fetch(api('dev/employees')).catch(() => undefined);
  if (!response?.ok) {
    devForm.hidden = true;
    if (ssoLink.hidden) {
      problem.textContent = t('noSso', { corp: CORP });
      problem.hidden = false;
    }
    return;
  }
  const { employees } = devEmployeesSchema.parse(await response.json());
  for (const employee of employees)
    select.add(new Option(`${employee.name}${employee.title ? ` — ${employee.title}` : ''}`, employee.id));
  devForm.hidden = false;
  devForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const employeeId = select.value;
    showPortal(
      new InteropClient({ endpoint: location.origin, corp: CORP, tokenProvider: () => devToken(employeeId) }),
      undefined,
    );
  });
}

const session = takeSignInOutcome() ?? storedSession();
if (session) {
  showPortal(new InteropClient({ endpoint: location.origin, corp: CORP, token: session.token }), session.token);
  signOutButton.addEventListener('click', () => void signOut(session.token));
} else void offerSignIn();
