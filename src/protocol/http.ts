import * as z from 'zod/mini';
import { errorBodySchema } from './errors.js';

/** POST /api/corps/:corp/sessions/visitor */
/** The page a visitor is on (without its query or fragment, which may carry secrets), their time zone and language. */
export const visitSchema = z.object({
  pageUrl: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
  pageTitle: z.optional(z.string().check(z.maxLength(200))),
  timezone: z.optional(z.string().check(z.maxLength(64))),
  language: z.optional(z.string().check(z.maxLength(35))),
});
export type Visit = z.infer<typeof visitSchema>;

export const visitorSessionRequestSchema = z.object({
  /** The anonymous visitor key this browser was given before; omitted on a first visit. */
  visitorKey: z.optional(z.string().check(z.minLength(16), z.maxLength(128))),
  /** The company's own user id, vouched for by `userHash` = hex HMAC-SHA256(corp secret, userId). */
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  userHash: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/i))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** Where the visitor is, as their browser says: shown to employees beside the conversation. */
  visit: z.optional(visitSchema),
});
export type VisitorSessionRequest = z.infer<typeof visitorSessionRequestSchema>;

export const sessionTokenSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  /** Present for anonymous visitors: keep it to be the same visitor next time. */
  visitorKey: z.optional(z.string()),
});
export type SessionToken = z.infer<typeof sessionTokenSchema>;

/** POST /api/corps/:corp/sessions/employee-dev — development only. */
export const employeeDevLoginRequestSchema = z.object({
  employeeId: z.string().check(z.minLength(1), z.maxLength(128)),
});

/** GET /api/corps/:corp/dev/employees — development only. */
export const devEmployeesSchema = z.object({
  employees: z.array(z.object({ id: z.string(), name: z.string(), title: z.nullable(z.string()) })),
});

export const httpErrorSchema = z.object({ error: errorBodySchema });

/** POST /api/corps/:corp/uploads (raw body, `content-type` = the file's type, `x-file-name` = its URI-encoded name). */
export const uploadResultSchema = z.object({
  uploadId: z.uuid(),
  kind: z.enum(['image', 'file']),
  name: z.string(),
  size: z.int(),
  mime: z.string(),
  url: z.string(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;
