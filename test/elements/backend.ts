import { executeServerCommand } from '@web/test-runner-commands';

export { until } from '@interop-kit/server/testing/until';

export interface BackendInfo {
  url: string;
  /** This test file's company: nobody else's test touches it. */
  corp: string;
  /** Its people (the demo company's Lin Wei, an admin, and Sara Okafor, an agent) by short name. */
  employees: { lin: string; sara: string };
}

let own = false;
let info: Promise<BackendInfo> | undefined;

/**
 * For a test file that stops and starts its backend: it gets a backend of its own (call before anything else), so
 * no other file's backend ever goes down.
 */
export function useOwnBackend(): void {
  if (info) throw new Error('useOwnBackend() must come before the first backendInfo()');
  own = true;
}

/** The real backend the runner started, and this test file's company there (made on the first call; asked again after a failure). */
export function backendInfo(): Promise<BackendInfo> {
  info ??= (async () => {
    // A backend of its own may still be starting (the command answers within the runner's limit): ask again.
    for (let attempt = 0; attempt < 6; attempt++) {
      const answer = await executeServerCommand<BackendInfo | { starting: true }, undefined>(
        own ? 'backend-own' : 'corp-create',
      );
      if (!('starting' in answer)) return answer;
    }
    throw new Error('the test backend did not start');
  })();
  info.catch(() => (info = undefined));
  return info;
}
/** Only a file's own backend (see `useOwnBackend`) can be stopped; starting is idempotent. */
export const stopBackend = () => executeServerCommand('backend-stop');
export const startBackend = () => executeServerCommand('backend-start');

/** The id of one of this file's company's employees. */
export const employeeId = async (who: keyof BackendInfo['employees']) => (await backendInfo()).employees[who];

/**
 * A connected client for an employee (Lin Wei by default), as the workbench page would have. Imported on demand, so
 * a test page that checks what an element loads does not have socket.io loaded by its own helpers.
 */
export async function employeeClient(id?: string) {
  const { InteropClient } = await import('../../src/client/index.js');
  const { url, corp, employees } = await backendInfo();
  const token = await executeServerCommand<string, { employeeId: string }>('employee-token', {
    employeeId: id ?? employees.lin,
  });
  const client = new InteropClient({ endpoint: url, corp, token });
  client.connect();
  await client.whenOnline();
  return client;
}

/** A new anonymous visitor: forget the key this browser was given. */
export function forgetVisitor(): void {
  localStorage.clear();
}

/** The rendered text of each message bubble in a chat window, in order. */
export function bubbleTexts(root: Element): string[] {
  return [...(root.shadowRoot?.querySelectorAll('.message .bubble') ?? [])].map((bubble) => bubble.textContent ?? '');
}
