export * from './errors.js';
export * from './messages.js';
export * from './conversations.js';
export * from './corp.js';
export * from './commerce.js';
export * from './payments.js';
export * from './events.js';
export * from './http.js';
