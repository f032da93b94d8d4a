import type { TestRunnerPlugin } from '@web/test-runner';
import { startHarness, type Harness } from './harness.js';

/**
 * Runs the real interop backend inside the test runner's process, on a temporary PGlite database, and lets browser
 * tests drive it with `executeServerCommand`: `backend-info`, `backend-stop`, `backend-start`, `employee-token`.
 */
export function backendPlugin(): TestRunnerPlugin {
  let harness: Harness | undefined;
  const commands: Record<string, (payload: unknown) => Promise<unknown>> = {
    'backend-info': async () => ({ url: harness!.server.url, corp: 'acme' }),
    'backend-stop': async () => {
      await harness!.stop();
      return true;
    },
    'backend-start': async () => {
      await harness!.start();
      return true;
    },
    'employee-token': async (payload) => harness!.employeeToken(String((payload as { employeeId?: string })?.employeeId ?? 'emp_lin')),
  };
  return {
    name: 'interop-backend',
    async serverStart({ config }) {
      harness = await startHarness();
      // The test pages are served by the runner, another origin than the backend's: allow it like a company would.
      for (const host of ['localhost', '127.0.0.1', config.hostname]) {
        if (host) await harness.server.stores.corps.addAllowedOrigin('acme', `http://${host}:${config.port}`);
      }
    },
    async serverStop() {
      await harness?.close();
    },
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload) : undefined;
    },
  };
}
