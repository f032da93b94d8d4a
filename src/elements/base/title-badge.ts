/**
 * A count in the page's title ("(3) Acme portal") while there is one, and the page's own title back when it is gone.
 * The launcher (`title-badge`) and the workbench (`notify`) use it; only what set the count puts the title back.
 */
export class TitleBadge {
  /** The page's own title, while a count prefixes it. */
  #pageTitle: string | undefined;

  /** Shows `count` (0: none) in front of the page's title. */
  show(count: number): void {
    if (count === 0 && this.#pageTitle === undefined) return;
    this.#pageTitle ??= document.title;
    document.title = count > 0 ? `(${count}) ${this.#pageTitle}` : this.#pageTitle;
    if (count === 0) this.#pageTitle = undefined;
  }
}
