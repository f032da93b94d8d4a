import * as z from 'zod/mini';

const id = z.string().check(z.minLength(1), z.maxLength(128));

/** An employee's business card, as the company presents it (issue 4's `ix-business-card`). */
export const businessCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.nullable(z.string()),
  avatarUrl: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  email: z.nullable(z.string()),
  bio: z.nullable(z.string()),
  /** The company the card belongs to; `verified` means the interop backend vouches for it. */
  company: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  status: z.enum(['active', 'departed']),
  /** Who serves this employee's customers now, when they have left. */
  successor: z.nullable(z.object({ id: z.string(), name: z.string(), title: z.nullable(z.string()) })),
  /** The card's vCard 4.0 (relative to the backend; what "Save contact" and the QR code point to). Null once departed. */
  vcardUrl: z.nullable(z.string()),
});
export type BusinessCard = z.infer<typeof businessCardSchema>;

/** A catalog product: the only source of prices (integer minor units of an ISO 4217 currency). */
export const productSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.nullable(z.string()),
  priceMinor: z.int().check(z.nonnegative()),
  currency: z.string().check(z.length(3)),
  /** The product page ("mini-program path"), relative to the company's site. */
  pagePath: z.string(),
  available: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;

export const cardRequestSchema = z.object({ employeeId: id });
export const productRequestSchema = z.object({ productId: id });
