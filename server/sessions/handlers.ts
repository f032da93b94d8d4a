import type { Server, Socket } from 'socket.io';
import type { Session } from '@interop-kit/elements/protocol';
import { businessHoursStatus } from '../corps/business-hours.js';
import { customerDisplayName, type CorpStore } from '../corps/store.js';
import type { PresenceTracker } from '../presence/tracker.js';
import { emitTo, type Handlers } from '../socket/gateway.js';
import { rooms } from '../socket/rooms.js';
import type { AuthSession } from '../auth/session.js';

export interface SessionDeps {
  corps: CorpStore;
  presence: PresenceTracker;
  uploadMaxBytes: number;
}

/** Tells the corp's staff and visitors when an employee's presence changes. */
function announcePresence(io: Server, corpId: string, employeeId: string, status: ReturnType<PresenceTracker['status']>) {
  emitTo(io, [rooms.staff(corpId), rooms.visitors(corpId)], 'presence', { employeeId, status });
}

/** Tracks an employee socket's presence from connect to disconnect. */
export function trackPresence(io: Server, presence: PresenceTracker, socket: Socket, session: AuthSession) {
  if (session.kind !== 'employee') return;
  const update = (state: 'online' | 'away' | 'gone') => {
    const changed = presence.set(session.corp.id, session.id, socket.id, state);
    if (changed) announcePresence(io, session.corp.id, session.id, changed);
  };
  update('online');
  socket.on('disconnect', () => update('gone'));
}

export function sessionHandlers(io: Server, { corps, presence, uploadMaxBytes }: SessionDeps): Pick<
  Handlers,
  'session:get' | 'corp:info' | 'profile:update' | 'presence:set'
> {
  async function sessionView(session: AuthSession): Promise<Session> {
    const customer = session.kind === 'visitor' ? await corps.getCustomer(session.corp.id, session.id) : undefined;
    return {
      kind: session.kind,
      corpId: session.corp.id,
      corpName: session.corp.name,
      id: session.id,
      name: customer ? customerDisplayName(customer) : session.name,
      verified: session.verified,
      consentAt: customer?.consentAt ?? null,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  return {
    'session:get': (_payload, session) => sessionView(session),

    async 'corp:info'(_payload, session) {
      const corp = (await corps.getCorp(session.corp.id)) ?? session.corp;
      const employees = await corps.listEmployees(corp.id);
      return {
        id: corp.id,
        name: corp.name,
        hours: { ...businessHoursStatus(corp.businessHours), timezone: corp.businessHours?.timezone ?? null },
        prechat: corp.prechat,
        brand: { accentColor: corp.accentColor, logoUrl: corp.logoUrl },
        uploadMaxBytes,
        team: employees
          .filter((employee) => employee.status === 'active')
          .map(({ id, name, title }) => ({ id, name, title, presence: presence.status(corp.id, id) })),
      };
    },

    async 'profile:update'(payload, session) {
      const customer = await corps.updateProfile(session.corp.id, session.id, payload);
      session.name = customerDisplayName(customer);
      return sessionView(session);
    },

    async 'presence:set'(payload, session, socket) {
      const changed = presence.set(session.corp.id, session.id, socket.id, payload.status);
      if (changed) announcePresence(io, session.corp.id, session.id, changed);
      return {};
    },
  };
}
