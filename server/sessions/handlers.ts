import type { Handlers } from '../socket/gateway.js';

export function sessionHandlers(): Pick<Handlers, 'session:get'> {
  return {
    async 'session:get'(_payload, session) {
      return {
        kind: session.kind,
        corpId: session.corp.id,
        corpName: session.corp.name,
        id: session.id,
        name: session.name,
        verified: session.verified,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  };
}
