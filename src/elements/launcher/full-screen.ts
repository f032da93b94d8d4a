/** Below this width the open chat takes the whole screen, as messaging apps do on a phone. */
export const FULL_SCREEN_QUERY = '(max-width: 640px)';

/**
 * The open chat on a phone: the panel follows the visual viewport (what the on-screen keyboard leaves visible, so the
 * composer and the newest message stay in sight) and the page behind it does not scroll. The look is CSS
 * (launcher.styles.ts); this keeps the two custom properties it reads and the page's overflow.
 */
export class FullScreen {
  readonly #panel: HTMLElement;
  readonly #media = matchMedia(FULL_SCREEN_QUERY);
  #active = false;
  /** The page's own inline overflow, put back when the chat leaves the screen. */
  #pageOverflow = '';

  constructor(panel: HTMLElement) {
    this.#panel = panel;
  }

  /** Whether the open chat fills the screen now. */
  get active(): boolean {
    return this.#active;
  }

  /** Called on every render with whether the chat is open (and whenever the screen's width class changes). */
  update(open: boolean, onChange: () => void): void {
    this.#media.onchange = onChange;
    const active = open && this.#media.matches;
    if (active === this.#active) return;
    this.#active = active;
    const root = document.documentElement;
    const viewport = globalThis.visualViewport;
    if (active) {
      this.#pageOverflow = root.style.overflow;
      root.style.overflow = 'hidden';
      viewport?.addEventListener('resize', this.#follow);
      viewport?.addEventListener('scroll', this.#follow);
      this.#follow();
    } else {
      root.style.overflow = this.#pageOverflow;
      viewport?.removeEventListener('resize', this.#follow);
      viewport?.removeEventListener('scroll', this.#follow);
      this.#panel.style.removeProperty('--_vv-height');
      this.#panel.style.removeProperty('--_vv-top');
    }
  }

  /** Fits the panel to the visible part of the page (CSSOM: allowed under a strict style-src). */
  #follow = () => {
    const viewport = globalThis.visualViewport;
    if (!viewport) return;
    this.#panel.style.setProperty('--_vv-height', `${viewport.height}px`);
    this.#panel.style.setProperty('--_vv-top', `${viewport.offsetTop}px`);
  };

  /** The element left the page while open: give the page its scrolling back. */
  release(): void {
    this.update(false, () => undefined);
    this.#media.onchange = null;
  }
}
