import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { WorkbenchStats } from '../../protocol/index.js';

/** Figures are read again at most this often while pushes keep coming. */
const REFRESH_MS = 2000;

/** The key figures tile's numbers: read on load, and again shortly after changes (at most every REFRESH_MS). */
export class KeyFigures implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  value: WorkbenchStats | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  async refresh(client: InteropClient): Promise<void> {
    try {
      this.value = await client.request('workbench:stats', {});
      this.#host.requestUpdate();
    } catch {
      // The figures are a summary: the next change or reconnect reads them again.
    }
  }

  refreshSoon(client: InteropClient): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refresh(client);
    }, REFRESH_MS);
  }

  /** Another client (or none): nothing shown, nothing pending. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.value = undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
