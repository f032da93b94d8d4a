export { InteropClient, type InteropClientOptions, type InteropClientEvents, type ConnectionStatus } from './interop-client.js';
export { ConversationFeed, type FeedItem } from './conversation-feed.js';
export { InteropError, isTransient } from './interop-error.js';
export { Outbox, type OutboxEntry } from './outbox.js';
export { postJson, visitorTokenProvider, type VisitorSessionOptions } from './visitor-session.js';
export type { KeyValueStorage } from './storage.js';
