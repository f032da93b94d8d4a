import { executeServerCommand } from '@web/test-runner-commands';

export { until } from '@interop-kit/server/testing/until';

export interface BackendInfo {
  url: string;
  corp: string;
}

/** The real backend the runner started for these tests. */
export const backendInfo = () => executeServerCommand<BackendInfo, undefined>('backend-info');
export const stopBackend = () => executeServerCommand('backend-stop');
export const startBackend = () => executeServerCommand('backend-start');

/**
 * A connected client for a seeded employee, as the workbench page would have. Imported on demand, so a test page
 * that checks what an element loads does not have socket.io loaded by its own helpers.
 */
export async function employeeClient(employeeId = 'emp_lin') {
  const { InteropClient } = await import('../../src/client/index.js');
  const { url, corp } = await backendInfo();
  const token = await executeServerCommand<string, { employeeId: string }>('employee-token', { employeeId });
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
