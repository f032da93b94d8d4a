import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { InteropError } from '../../protocol/interop-error.js';

/**
 * One async load its host shows: `value`, `error` and `pending`, the host rendering again whenever they change. A new
 * `run` supersedes the one before: an older answer that arrives late is dropped, never shown. The one place the
 * elements keep that rule — what `@lit/task` does, in the bytes the cards' budgets leave (`@lit/task` costs 973 B gz
 * of a first load; the business card and the pay button have less than that to spare).
 */
export class LoadController<T> implements ReactiveController {
  value: T | undefined;
  error: InteropError | undefined;
  pending = false;
  #run = 0;

  /**
   * `keepValue`: keep showing the last value while a new load runs (a card refreshing its price). `failed`: told of
   * each failure of the load being shown, not of superseded ones.
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly keepValue = false,
    private readonly failed?: (error: InteropError) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // An answer arriving after the element left changes nothing.
    this.#run++;
    this.pending = false;
  }

  /**
   * Starts `load` (undefined: nothing to load, nothing shown) and settles with it. A thing that does not exist
   * (`not_found`) is not shown, even with `keepValue`.
   */
  async run(load?: () => Promise<T>): Promise<void> {
    const run = ++this.#run;
    if (!this.keepValue || !load) this.value = undefined;
    this.error = undefined;
    this.pending = !!load;
    this.host.requestUpdate();
    if (!load) return;
    try {
      const value = await load();
      if (run === this.#run) this.value = value;
    } catch (failure) {
      if (run !== this.#run) return;
      this.error = InteropError.of(failure);
      if (this.error.code === 'not_found') this.value = undefined;
      this.failed?.(this.error);
    } finally {
      if (run === this.#run) {
        this.pending = false;
        this.host.requestUpdate();
      }
    }
  }
}
