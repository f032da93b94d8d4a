import type { InteropClient } from '../../client/interop-client.js';
import type { Message } from '../../protocol/index.js';

/**
 * The unread messages across the visitor's conversations on one client, kept from the conversation list and the
 * updates pushed after it. Tells its owner when the total changes, and of every message that arrives.
 */
export class UnreadCount {
  /** The total, across the visitor's conversations. */
  count = 0;
  #client: InteropClient | undefined;
  #unfollow: (() => void) | undefined;
  #byConversation = new Map<string, number>();
  readonly #changed: (count: number) => void;
  readonly #arrived: (message: Message) => void;

  constructor(changed: (count: number) => void, arrived: (message: Message) => void) {
    this.#changed = changed;
    this.#arrived = arrived;
  }

  /** Follows `client` (undefined: none, and the count is 0); following the same one again changes nothing. */
  follow(client: InteropClient | undefined): void {
    if (client === this.#client) return;
    this.#unfollow?.();
    this.#unfollow = undefined;
    this.#client = client;
    this.#byConversation = new Map();
    this.#recount();
    if (!client) return;
    const refresh = () => {
      client
        .request('conversation:list', { limit: 50 })
        .then(({ conversations }) => {
          this.#byConversation = new Map(conversations.map((conversation) => [conversation.id, conversation.unread]));
          this.#recount();
        })
        .catch(() => {
          // Offline or refused: the badge keeps its last count and refreshes on the next connect.
        });
    };
    const offs = [
      client.on('status', (status) => {
        if (status === 'online') refresh();
      }),
      client.on('conversation', (conversation) => {
        this.#byConversation.set(conversation.id, conversation.unread);
        this.#recount();
      }),
      client.on('message', (message) => this.#arrived(message)),
    ];
    if (client.status === 'online') refresh();
    this.#unfollow = () => offs.forEach((off) => off());
  }

  #recount() {
    const count = [...this.#byConversation.values()].reduce((sum, unread) => sum + unread, 0);
    if (count === this.count) return;
    this.count = count;
    this.#changed(count);
  }
}
