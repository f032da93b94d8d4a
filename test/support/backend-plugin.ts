import type { TestRunnerPlugin } from '@web/test-runner';
import { startHarness, type Harness } from './harness.js';

/**
 * Runs the real interop backend inside the test runner's process, on a temporary PGlite database, and lets browser
 * tests drive it with `executeServerCommand`: `backend-info`, `backend-stop`, `backend-start`, `employee-token`.
 */
export function backendPlugin(): TestRunnerPlugin {
  let harness: Harness | undefined;
  let running = false;
  const commands: Record<string, (payload: unknown) => Promise<unknown>> = {
    'backend-info': async () => ({ url: harness!.server.url, corp: 'acme' }),
    'backend-stop': async () => {
      if (running) await harness!.stop();
      running = false;
      return true;
    },
    // Idempotent, so tests can call it after each test: one failed test must not leave the backend down for the rest.
    'backend-start': async () => {
      if (!running) await harness!.start();
      running = true;
      return true;
    },
    'employee-token': async (payload) => harness!.employeeToken(String((payload as { employeeId?: string })?.employeeId ?? 'emp_lin')),
  };
  return {
    name: 'interop-backend',
    async serverStart({ config }) {
      harness = await startHarness();
      running = true;
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
