import * as z from 'zod/mini';
import { describeDevice } from './device.js';
import {
  InteropError,
  devEmployeesSchema,
  employeeDevLoginRequestSchema,
  sessionTokenSchema,
  visitorSessionRequestSchema,
} from '@interop-kit/elements/protocol';
import { signEmployeeToken, signToken, verifyUserHash } from '../auth/tokens.js';
import type { CorpStore } from '../corps/store.js';
import { corpOf, corpParams } from '../http/corp-api.js';
import type { HttpApp } from '../http/fastify.js';

export interface SessionRoutesOptions {
  corps: CorpStore;
  tokenSecret: string;
  visitorTokenTtl: number;
  employeeTokenTtl: number;
  /** Development conveniences (employee login without a password) exist only outside production. */
  production: boolean;
}

/** Each session request may create a customer: counted per client address, so scripts cannot mint them freely. */
const sessionLimit = { limitPerAddress: 'sessions' } as const;

/**
 * Session tokens, under /api/corps/:corp: a visitor's (anonymous, or a verified identity the company's backend signed),
 * and outside production the development login of an employee.
 */
export async function sessionRoutes(app: HttpApp, options: SessionRoutesOptions): Promise<void> {
  const { corps, tokenSecret } = options;

  app.post(
    '/sessions/visitor',
    {
      schema: {
        params: corpParams,
        body: z.optional(visitorSessionRequestSchema),
        response: { 200: sessionTokenSchema },
      },
      config: sessionLimit,
    },
    async (request) => {
      const corp = corpOf(request);
      const body = request.body ?? {};
      // Where the visitor is, for the employee who answers: what their browser said, and its user agent's device.
      const visit = (customerId: string) =>
        corps.recordVisit(corp.id, customerId, {
          ...body.visit,
          // Never a query or a fragment, whoever sent it: they may carry a reset link's token.
          pageUrl:
            body.visit?.pageUrl && `${new URL(body.visit.pageUrl).origin}${new URL(body.visit.pageUrl).pathname}`,
          device: describeDevice(request.headers['user-agent']),
          at: new Date().toISOString(),
        });
      if (body.userId !== undefined || body.userHash !== undefined) {
        if (
          body.userId === undefined ||
          body.userHash === undefined ||
          !verifyUserHash(corp.secret, body.userId, body.userHash)
        ) {
          throw new InteropError('unauthorized', 'userHash does not verify userId');
        }
        const customer = await corps.resolveVerifiedCustomer(corp.id, body.userId, body.name);
        await visit(customer.id);
        return signToken(
          tokenSecret,
          { corp: corp.id, kind: 'visitor', sub: customer.id, uid: body.userId },
          options.visitorTokenTtl,
        );
      }
      const { customer, visitorKey } = await corps.resolveAnonymousCustomer(corp.id, body.visitorKey);
      await visit(customer.id);
      const session = signToken(
        tokenSecret,
        { corp: corp.id, kind: 'visitor', sub: customer.id },
        options.visitorTokenTtl,
      );
      return { ...session, visitorKey };
    },
  );

  if (!options.production) {
    app.post(
      '/sessions/employee-dev',
      {
        schema: { params: corpParams, body: employeeDevLoginRequestSchema, response: { 200: sessionTokenSchema } },
        config: sessionLimit,
      },
      async (request) => {
        const corp = corpOf(request);
        const employee = await corps.getEmployee(corp.id, request.body.employeeId);
        if (!employee || employee.status !== 'active') throw new InteropError('not_found', 'No such active employee');
        return signEmployeeToken(tokenSecret, employee, options.employeeTokenTtl);
      },
    );
    app.get(
      '/dev/employees',
      { schema: { params: corpParams, response: { 200: devEmployeesSchema } } },
      async (request) => ({
        employees: (await corps.listEmployees(corpOf(request).id))
          .filter((employee) => employee.status === 'active')
          .map(({ id, name, title }) => ({ id, name, title })),
      }),
    );
  }
}
