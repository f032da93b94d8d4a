/**
 * Every part the chat window renders: its `::part()` styling API. Elements that nest a chat window (the launcher,
 * the workbench) export all of them with a `chat-` prefix from this one list; the manifest check keeps it equal to
 * the parts the chat window documents.
 */
export const CHAT_WINDOW_PARTS = [
  'base',
  'header',
  'logo',
  'title',
  'subtitle',
  'actions',
  'dismiss',
  'notice',
  'ongoing',
  'messages',
  'day',
  'message',
  'message-own',
  'message-peer',
  'message-system',
  'message-payment',
  'new-messages',
  'add-todo',
  'avatar',
  'bubble',
  'image',
  'file',
  'meta',
  'typing',
  'composer',
  'input',
  'attach',
  'upload',
  'send',
  'prechat',
  'rating',
  'conversation-list',
  'tools',
  'send-card',
  'send-product',
  'request-payment',
  'quick-replies',
  'product-picker',
  'quick-reply-list',
] as const;

/** The `exportparts` value that exposes every chat window part as `chat-<part>`. */
export const CHAT_EXPORT_PARTS = CHAT_WINDOW_PARTS.map((part) => `${part}: chat-${part}`).join(', ');
