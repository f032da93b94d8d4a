// No zod here: elements import these limits without carrying the schemas (which check them).

/** Longest text message, in UTF-16 code units (what `String.length` counts). */
export const MAX_TEXT_LENGTH = 4000;

/** Conversation states, in the order an inbox filters them. */
export const CONVERSATION_STATUSES = ['open', 'pending', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MAX_TOPIC_LENGTH = 200;
export const MAX_RATING_COMMENT_LENGTH = 1000;

/** Uploads: what the server accepts. Images render inline; the rest are offered for download. */
export const UPLOAD_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const UPLOAD_FILE_TYPES = [
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const UPLOAD_TYPES: readonly string[] = [...UPLOAD_IMAGE_TYPES, ...UPLOAD_FILE_TYPES];
/** Default upload limit (the server's `UPLOAD_MAX_BYTES` may lower or raise it). */
export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
