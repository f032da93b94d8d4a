import { InteropError } from '../../client/interop-error.js';
import type { ConversationFeed } from '../../client/index.js';
import type { ChatActions } from './chat-actions.js';
import type { MessageViewContext } from './message-view.js';

/**
 * The customer's answers to transfer notices ("Sara is handing you over to Omar"): which questions in the thread are
 * still open — not once a later notice names the same transfer (done, refused) or the customer answered here — and
 * answering one.
 */
export class TransferAnswers {
  readonly #host: ChatActions;
  readonly #answered = new Set<string>();

  constructor(host: ChatActions) {
    this.#host = host;
  }

  /** What the message view needs; undefined unless the reader is the customer. */
  context(
    feed: ConversationFeed | undefined,
    viewer: 'visitor' | 'employee' | undefined,
  ): MessageViewContext['transfer'] {
    if (viewer !== 'visitor' || !feed) return undefined;
    const decided = new Set<string>();
    for (const item of feed.items) {
      if (item.state !== 'sent' || item.message.kind !== 'system') continue;
      const { event, transferId } = item.message.body;
      if (transferId && event !== 'transfer_pending') decided.add(transferId);
    }
    return {
      isOpen: (transferId) => !decided.has(transferId) && !this.#answered.has(transferId),
      answer: (transferId, accept) => void this.#answer(transferId, accept),
    };
  }

  async #answer(transferId: string, accept: boolean) {
    const client = this.#host.currentClient();
    if (!client) return;
    this.#answered.add(transferId);
    this.#host.requestUpdate();
    try {
      await client.request('transfer:answer', { transferId, accept });
    } catch (error) {
      // Decided already (the window passed, another tab answered): the question is closed either way.
      if (!(error instanceof InteropError && error.code === 'conflict')) this.#answered.delete(transferId);
      this.#host.fail(error);
      this.#host.requestUpdate();
    }
  }
}
