export {
  InteropClient,
  type InteropClientOptions,
  type InteropClientEvents,
  type ConnectionStatus,
} from './interop-client.js';
export type { UploadOptions } from './upload.js';
export { ConversationFeed, type FeedItem, type Typist } from './conversation-feed.js';
export { InteropError, isTransient } from './interop-error.js';
export { Outbox, type OutboxEntry } from './outbox.js';
export { postJson, visitorTokenProvider, type VisitorSessionOptions } from './visitor-session.js';
export { visitorKeyName, type KeyValueStorage } from './storage.js';
export { followBrand } from './brand.js';
