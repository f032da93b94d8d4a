import { InteropError, type BusinessCard } from '../../src/protocol/index.js';
import type { CorpStore } from '../corps/store.js';
import type { Handlers } from '../socket/gateway.js';

export function cardHandlers(corps: CorpStore): Pick<Handlers, 'card:get'> {
  return {
    async 'card:get'(payload, session) {
      const employee = await corps.getEmployee(session.corp.id, payload.employeeId);
      if (!employee) throw new InteropError('not_found', `No employee ${payload.employeeId}`);
      const successor = employee.successorId ? await corps.getEmployee(session.corp.id, employee.successorId) : undefined;
      return {
        id: employee.id,
        name: employee.name,
        title: employee.title,
        avatarUrl: employee.avatarUrl,
        // A departed employee's direct lines are no longer the company's to hand out.
        phone: employee.status === 'active' ? employee.phone : null,
        email: employee.status === 'active' ? employee.email : null,
        bio: employee.bio,
        company: { id: session.corp.id, name: session.corp.name, verified: true },
        status: employee.status,
        successor: successor ? { id: successor.id, name: successor.name, title: successor.title } : null,
      } satisfies BusinessCard;
    },
  };
}
