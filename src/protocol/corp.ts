import * as z from 'zod/mini';

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

export const PRECHAT_FIELDS = ['name', 'email', 'phone'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/));

/** Opening hours in the corp's time zone; `weekly` is keyed by weekday, 0 = Sunday. */
export const businessHoursSchema = z.object({
  timezone: z.string().check(z.minLength(1), z.maxLength(64)),
  weekly: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.array(z.tuple([hhmm, hhmm]))),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** A pre-chat form: which contact fields it asks for, and the consent the visitor must give. */
export const prechatConfigSchema = z.object({
  fields: z.array(z.enum(PRECHAT_FIELDS)),
  consentText: z.string().check(z.minLength(1), z.maxLength(1000)),
});
export type PrechatConfig = z.infer<typeof prechatConfigSchema>;

/** What a visitor's chat shows before the first message: the company's greeting and topics to start from. */
export const welcomeSchema = z.object({
  greeting: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  /** Suggested first messages; pressing one sends it. */
  topics: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))).check(z.maxLength(6)),
});
export type Welcome = z.infer<typeof welcomeSchema>;

/** What a chat window needs to know about the company before the first message. */
export const corpInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Whether someone answers now, and if not, when they will (null: always open, or no hours set). */
  hours: z.object({
    open: z.boolean(),
    nextOpenAt: z.nullable(z.iso.datetime({ offset: true })),
    timezone: z.nullable(z.string()),
  }),
  prechat: z.nullable(prechatConfigSchema),
  /** The company's greeting and suggested topics (null: the kit's own greeting). */
  welcome: z.nullable(welcomeSchema),
  /** The company's brand (its admin sets it): the elements' accent colour unless the page sets one, and its logo. */
  brand: z.object({ accentColor: z.nullable(z.string()), logoUrl: z.nullable(z.string()) }),
  /** The server's upload limit, so a window can refuse an oversized file before sending it. */
  uploadMaxBytes: z.int().check(z.positive()),
  team: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      title: z.nullable(z.string()),
      /** Their photo (relative to the backend), or null: initials. */
      avatarUrl: z.nullable(z.string()),
      presence: z.enum(PRESENCE_STATUSES),
    }),
  ),
});
export type CorpInfo = z.infer<typeof corpInfoSchema>;

export const MAX_NAME_LENGTH = 100;

/** The pre-chat form's answers. Consent is required: the company talks to a customer only with their consent. */
export const profileUpdateSchema = z.object({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH))),
  email: z.optional(z.email().check(z.maxLength(254))),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,32}$/))),
  consent: z.literal(true),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;
