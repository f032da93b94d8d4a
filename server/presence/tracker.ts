import type { PresenceStatus } from '@interop-kit/elements/protocol';

/**
 * Which employees are connected, and whether they said they are away, counted per socket (an employee may have the
 * workbench open in several tabs). Kept in this process: with several nodes each one knows its own sockets only —
 * see the README's scale-out notes.
 */
export class PresenceTracker {
  #sockets = new Map<string, Map<string, 'online' | 'away'>>();

  status(employeeId: string): PresenceStatus {
    const sockets = this.#sockets.get(employeeId);
    if (!sockets || sockets.size === 0) return 'offline';
    return [...sockets.values()].includes('online') ? 'online' : 'away';
  }

  /** Records a socket's state; returns the employee's new status if it changed. */
  set(employeeId: string, socketId: string, state: 'online' | 'away' | 'gone'): PresenceStatus | undefined {
    const before = this.status(employeeId);
    let sockets = this.#sockets.get(employeeId);
    if (state === 'gone') sockets?.delete(socketId);
    else {
      if (!sockets) this.#sockets.set(employeeId, (sockets = new Map()));
      sockets.set(socketId, state);
    }
    if (sockets?.size === 0) this.#sockets.delete(employeeId);
    const after = this.status(employeeId);
    return after === before ? undefined : after;
  }
}
