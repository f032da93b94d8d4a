import type { Session } from '@interop-kit/elements/protocol';
import { businessHoursStatus } from '../corps/business-hours.js';
import { customerDisplayName, type CorpStore } from '../corps/store.js';
import type { Connection, Operations } from '../core/operations.js';
import type { Presence } from '../presence/presence.js';
import type { AuthSession } from '../auth/session.js';

export interface SessionDeps {
  corps: CorpStore;
  presence: Presence;
  uploadMaxBytes: number;
}

/**
 * An employee's presence follows their connections: online when one opens, gone with the last. Returns what to call
 * when the connection closes.
 */
export function trackPresence(
  presence: Presence,
  connection: Connection,
  session: AuthSession,
): (() => void) | undefined {
  if (session.kind !== 'employee') return undefined;
  void presence.set(session.corp.id, session.id, connection.id, 'online');
  return () => void presence.set(session.corp.id, session.id, connection.id, 'gone');
}

export function sessionOperations({
  corps,
  presence,
  uploadMaxBytes,
}: SessionDeps): Pick<Operations, 'session:get' | 'corp:info' | 'profile:update' | 'presence:set'> {
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
      const statuses = await presence.statuses(
        corp.id,
        team.map(({ id }) => id),
      );
      return {
        id: corp.id,
        name: corp.name,
        hours: { ...businessHoursStatus(corp.businessHours), timezone: corp.businessHours?.timezone ?? null },
        prechat: corp.prechat,
        welcome: corp.welcome,
        brand: { accentColor: corp.accentColor, logoUrl: corp.logoUrl },
        uploadMaxBytes,
        team: team.map(({ id, name, title, avatarUrl }, index) => ({
          id,
          name,
          title,
          avatarUrl,
          presence: statuses[index]!,
        })),
      };
    },

    async 'profile:update'(payload, session) {
      const customer = await corps.updateProfile(session.corp.id, session.id, payload);
      session.name = customerDisplayName(customer);
      return sessionView(session);
    },

    async 'presence:set'(payload, session, connection) {
      await presence.set(session.corp.id, session.id, connection.id, payload.status);
      return {};
    },
  };
}
