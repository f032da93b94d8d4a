import type { PresenceStatus } from '@interop-kit/elements/protocol';

/**
 * Which employees are connected, and whether they said they are away, counted per socket (an employee may have the
 * workbench open in several tabs). Kept in this process: with several nodes each one knows its own sockets only —
 * see the README's scale-out notes.
 */
export class PresenceTracker {
  /** By `<corp>:<employee id>`: employee ids are unique within their corp only. */
  #sockets = new Map<string, Map<string, 'online' | 'away'>>();

  status(corpId: string, employeeId: string): PresenceStatus {
    const sockets = this.#sockets.get(`${corpId}:${employeeId}`);
    if (!sockets || sockets.size === 0) return 'offline';
    return [...sockets.values()].includes('online') ? 'online' : 'away';
  }

  /** Records a socket's state; returns the employee's new status if it changed. */
  set(corpId: string, employeeId: string, socketId: string, state: 'online' | 'away' | 'gone'): PresenceStatus | undefined {
    const key = `${corpId}:${employeeId}`;
    const before = this.status(corpId, employeeId);
    let sockets = this.#sockets.get(key);
    if (state === 'gone') sockets?.delete(socketId);
    else {
      if (!sockets) this.#sockets.set(key, (sockets = new Map()));
      sockets.set(socketId, state);
    }
    if (sockets?.size === 0) this.#sockets.delete(key);
    const after = this.status(corpId, employeeId);
    return after === before ? undefined : after;
  }
}
