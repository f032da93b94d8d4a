import type { ConnectionStatus } from '../client/index.js';
import type { ErrorBody, Message, Order, OutgoingContent, PaymentStatus } from '../protocol/index.js';

/** Every event the kit's elements dispatch, with its detail type. All bubble and cross shadow roots. */
export interface IxEventDetails {
  'ix-connection-change': { status: ConnectionStatus };
  'ix-error': { error: ErrorBody };
  /** Cancelable: about to send a message. */
  'ix-send': { conversationId: string; content: OutgoingContent };
  /** A message from the other side arrived in the open conversation. */
  'ix-message': { message: Message };
  'ix-conversation-select': { conversationId: string };
  /** The launcher opened its chat window. */
  'ix-open': Record<string, never>;
  /** The launcher closed its chat window. */
  'ix-close': Record<string, never>;
  /** The number of unread messages across the visitor's conversations changed. */
  'ix-unread-change': { count: number };
  /** A chat window's close control was pressed (`dismissible`). */
  'ix-dismiss': Record<string, never>;
  /** The launcher's chat window has loaded and rendered (first open). */
  'ix-ready': Record<string, never>;
  /** Cancelable: a product card's "Contact sales about this" was pressed; by default the page's launcher opens. */
  'ix-contact-sales': { productId: string };
  /** Cancelable: a pay button was pressed; an order is about to be created. */
  'ix-pay-click': { productId: string; quantity: number };
  /** A pay button's status changed. */
  'ix-pay-status': { status: PaymentStatus; order: Order | null };
  'ix-pay-succeeded': { order: Order };
  /** The payment failed, was canceled or expired. */
  'ix-pay-failed': { order: Order };
  /** Cancelable: a business card's "Chat with me" was pressed; by default the page's launcher opens with this employee. */
  'ix-chat-request': { employeeId: string };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ix-connection-change': CustomEvent<IxEventDetails['ix-connection-change']>;
    'ix-error': CustomEvent<IxEventDetails['ix-error']>;
    'ix-send': CustomEvent<IxEventDetails['ix-send']>;
    'ix-message': CustomEvent<IxEventDetails['ix-message']>;
    'ix-conversation-select': CustomEvent<IxEventDetails['ix-conversation-select']>;
    'ix-open': CustomEvent<IxEventDetails['ix-open']>;
    'ix-close': CustomEvent<IxEventDetails['ix-close']>;
    'ix-unread-change': CustomEvent<IxEventDetails['ix-unread-change']>;
    'ix-ready': CustomEvent<IxEventDetails['ix-ready']>;
    'ix-dismiss': CustomEvent<IxEventDetails['ix-dismiss']>;
    'ix-contact-sales': CustomEvent<IxEventDetails['ix-contact-sales']>;
    'ix-pay-click': CustomEvent<IxEventDetails['ix-pay-click']>;
    'ix-pay-status': CustomEvent<IxEventDetails['ix-pay-status']>;
    'ix-pay-succeeded': CustomEvent<IxEventDetails['ix-pay-succeeded']>;
    'ix-pay-failed': CustomEvent<IxEventDetails['ix-pay-failed']>;
    'ix-chat-request': CustomEvent<IxEventDetails['ix-chat-request']>;
  }
}
