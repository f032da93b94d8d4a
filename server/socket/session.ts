import type { Corp } from '../corps/store.js';
import type { Side } from '../conversations/store.js';

/** Who a socket is, established once at the handshake from its signed token. */
export interface SocketSession {
  kind: 'visitor' | 'employee';
  corp: Corp;
  /** customer id for visitors, employee id for employees */
  id: string;
  name: string;
  verified: boolean;
  expiresAt: Date;
}

export const sideOf = (session: SocketSession): Side => (session.kind === 'visitor' ? 'customer' : 'employee');

/** Rooms are derived from the token, so a socket can only ever be in rooms it is authorized for. */
export const rooms = {
  customer: (customerId: string) => `customer:${customerId}`,
  staff: (corpId: string) => `staff:${corpId}`,
  /** One employee's sockets (every tab): their own to-dos, and cutting them off when they leave. */
  employee: (employeeId: string) => `employee:${employeeId}`,
  /** Every visitor of a corp: for the team's presence. */
  visitors: (corpId: string) => `visitors:${corpId}`,
};
