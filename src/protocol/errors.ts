import * as z from 'zod/mini';
import { ERROR_CODES, type ErrorBody, type ErrorIssue } from './interop-error.js';

export * from './interop-error.js';

export const errorIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.optional(z.string()),
});

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(z.array(errorIssueSchema)),
});

/** Every client→server event is answered with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ackSchema = <T extends z.ZodMiniType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);

/** Compile-time check: the schemas parse to the plain types `interop-error.ts` declares for zod-free imports. */
export type SchemaMatchesTypes<A extends B, B> = A;
export type ErrorBodyChecked = SchemaMatchesTypes<z.infer<typeof errorBodySchema>, ErrorBody>;
export type ErrorIssueChecked = SchemaMatchesTypes<z.infer<typeof errorIssueSchema>, ErrorIssue>;
