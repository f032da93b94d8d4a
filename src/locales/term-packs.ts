/**
 * One family of string packs (the chat's, the workbench's): English built in, every other language loaded on
 * demand, so a page pays only for the strings and the language it shows.
 */
export class TermPacks<T> {
  readonly #loaded: Map<string, T>;
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    readonly en: T,
    private readonly loaders: Record<string, () => Promise<{ default: T }>>,
  ) {
    this.#loaded = new Map([['en', en]]);
  }

  has(pack: string): boolean {
    return this.#loaded.has(pack);
  }

  /** The pack's strings, English while it loads (or if it failed to load). */
  terms(pack: string): T {
    return this.#loaded.get(pack) ?? this.en;
  }

  /** Starts loading a pack; resolves when it is there (at once when it already is). */
  load(pack: string): Promise<void> {
    if (this.#loaded.has(pack)) return Promise.resolve();
    if (!this.loaders[pack]) {
      this.#loaded.set(pack, this.en);
      return Promise.resolve();
    }
    let loading = this.#pending.get(pack);
    if (!loading) {
      loading = this.loaders[pack]().then(
        (module) => void this.#loaded.set(pack, module.default),
        () => void this.#loaded.set(pack, this.en), // a failed chunk load leaves English, not a broken element
      );
      this.#pending.set(pack, loading);
    }
    return loading;
  }
}
