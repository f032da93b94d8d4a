import type { ReactiveControllerHost } from 'lit';
import type { InteropClient } from '../../client/interop-client.js';
import type { Terms } from '../../locales/chat/index.js';
import type { OutgoingContent } from '../../protocol/index.js';

/** What the chat window offers its parts (composer, tools, forms, list): the one way each of them acts. */
export interface ChatActions extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly terms: Terms;
  readonly lang: string;
  /** The connection, when there is one. */
  currentClient(): InteropClient | undefined;
  /** Queues a message in the conversation (started now if need be) unless a listener cancels `ix-send`. */
  sendContent(content: OutgoingContent): Promise<boolean>;
  /** Shows a failure in the window and reports it as `ix-error`: the window's one error path. */
  fail(error: unknown): void;
  /** Runs what the user asked for: its result, or (after `fail`) undefined. A success clears the last failure. */
  attempt<T>(action: () => Promise<T>): Promise<T | undefined>;
}
