import type { AuthSession } from '../auth/session.js';
import type { Operations } from '../core/operations.js';
import type { Management } from './service.js';

type AdminEvents =
  | 'admin:console'
  | 'admin:settings'
  | 'admin:origin-check'
  | 'admin:employee-save'
  | 'admin:apikey-create'
  | 'admin:apikey-revoke'
  | 'admin:sso-set'
  | 'admin:sso-remove';

/**
 * The workbench's settings tile: what the management API and the CLI do, for a signed-in admin of the corp (the
 * gateway has checked the role, afresh, before any of these runs).
 */
export function adminOperations(
  management: Management,
  options: { publicBase: (session: AuthSession) => string },
): Pick<Operations, AdminEvents> {
  return {
    'admin:console': (_payload, session) => management.console(session.corp.id, options.publicBase(session)),
    'admin:settings': (payload, session) => management.updateSettings(session.corp.id, payload),
    'admin:origin-check': (payload, session) => management.checkOrigin(session.corp.id, payload.origin),
    async 'admin:employee-save'(payload, session) {
      const { employeeId, ...employee } = payload;
      return (await management.upsertEmployee(session.corp.id, employeeId, employee)).employee;
    },
    'admin:apikey-create': (payload, session) =>
      management.createApiKey(session.corp.id, payload.name, payload.scope, session.id),
    'admin:apikey-revoke': (payload, session) => management.revokeApiKey(session.corp.id, payload.keyId),
    'admin:sso-set': (payload, session) => management.setSso(session.corp.id, payload, options.publicBase(session)),
    'admin:sso-remove': (_payload, session) => management.removeSso(session.corp.id),
  };
}
