import type { Server, Socket } from 'socket.io';
import type { Session } from '@interop-kit/elements/protocol';
import { businessHoursStatus } from '../corps/business-hours.js';
import { customerDisplayName, type CorpStore } from '../corps/store.js';
import type { PresenceStatus } from '@interop-kit/elements/protocol';
import type { Presence } from '../presence/presence.js';
import { emitTo, type Handlers } from '../socket/gateway.js';
import { rooms } from '../socket/rooms.js';
import type { AuthSession } from '../auth/session.js';

export interface SessionDeps {
  corps: CorpStore;
  presence: Presence;
  uploadMaxBytes: number;
}

/** Tells the corp's staff and visitors when an employee's presence changes (on whichever node it changed). */
export function announcePresence(io: Server, corpId: string, employeeId: string, status: PresenceStatus) {
  emitTo(io, [rooms.staff(corpId), rooms.visitors(corpId)], 'presence', { employeeId, status });
}

/** Tracks an employee socket's presence from connect to disconnect. */
export function trackPresence(presence: Presence, socket: Socket, session: AuthSession) {
  if (session.kind !== 'employee') return;
  void presence.set(session.corp.id, session.id, socket.id, 'online');
  socket.on('disconnect', () => void presence.set(session.corp.id, session.id, socket.id, 'gone'));
}

export function sessionHandlers({ corps, presence, uploadMaxBytes }: SessionDeps): Pick<
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
      const team = (await corps.listEmployees(corp.id)).filter((employee) => employee.status === 'active');
      const statuses = await presence.statuses(corp.id, team.map(({ id }) => id));
      return {
        id: corp.id,
        name: corp.name,
        hours: { ...businessHoursStatus(corp.businessHours), timezone: corp.businessHours?.timezone ?? null },
        prechat: corp.prechat,
        brand: { accentColor: corp.accentColor, logoUrl: corp.logoUrl },
        uploadMaxBytes,
        team: team.map(({ id, name, title }, index) => ({ id, name, title, presence: statuses[index]! })),
      };
    },

    async 'profile:update'(payload, session) {
      const customer = await corps.updateProfile(session.corp.id, session.id, payload);
      session.name = customerDisplayName(customer);
      return sessionView(session);
    },

    async 'presence:set'(payload, session, socket) {
      await presence.set(session.corp.id, session.id, socket.id, payload.status);
      return {};
    },
  };
}
