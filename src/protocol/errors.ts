import * as z from 'zod/mini';
import { ERROR_CODES, ERROR_REASONS, type ErrorBody, type ErrorIssue } from './interop-error.js';

export * from './interop-error.js';
export * from './parse-failure.js';

/** The wire form of `ErrorIssue` (typed as it, so the schema and the zod-free type cannot drift apart). */
export const errorIssueSchema: z.ZodMiniType<ErrorIssue> = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.optional(z.string()),
});

/** The wire form of `ErrorBody`. */
export const errorBodySchema: z.ZodMiniType<ErrorBody> = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(z.array(errorIssueSchema)),
  reason: z.optional(z.enum(ERROR_REASONS)),
  retryAfterMs: z.optional(z.number().check(z.nonnegative())),
});

/** Every client→server event is answered with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ackSchema = <T extends z.ZodMiniType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);
