import * as z from 'zod/mini';

/** The closed list of error codes an ack (or a connect error) can carry. */
export const ERROR_CODES = [
  'invalid_payload',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'too_large',
  'conflict',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.optional(z.string()),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(z.array(errorIssueSchema)),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Every client→server event is answered with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ackSchema = <T extends z.ZodMiniType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);
