import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the page is seen (`document.visibilityState`), followed while the host is in the document: the host renders
 * again when it changes, and `changed` hears of it (a read mark waits until the reader can see; an employee whose tab
 * is hidden shows as away).
 */
export class PageVisibility implements ReactiveController {
  visible = document.visibilityState === 'visible';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly changed?: (visible: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#follow);
    this.visible = document.visibilityState === 'visible';
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#follow);
  }

  #follow = () => {
    this.visible = document.visibilityState === 'visible';
    this.changed?.(this.visible);
    this.host.requestUpdate();
  };
}
