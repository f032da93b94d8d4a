import { html, nothing } from 'lit';
import { localizePreview } from '../../protocol/message-text.js';
import type { Conversation } from '../../protocol/index.js';
import type { Terms } from '../../locales/chat/index.js';

/** Visitors: their conversations, newest first, each with its state and unread count; and "start a new one". */
export function renderConversationList(
  terms: Terms,
  conversations: Conversation[],
  pick: (conversationId: string | undefined) => void,
) {
  return html`<div class="conversation-list" part="conversation-list">
    <h3>${terms.conversations}</h3>
    <ul>
      ${conversations.map(
        (conversation) => html`<li>
          <button type="button" data-id=${conversation.id} @click=${() => pick(conversation.id)}>
            <span class="subject">${conversation.subject ?? localizePreview(conversation.lastMessagePreview ?? terms.conversation, terms.previewTags)}</span>
            <span class="status" data-status=${conversation.status}>${terms.statusLabel[conversation.status]}</span>
            ${conversation.unread ? html`<span class="badge">${terms.unreadCount(conversation.unread)}</span>` : nothing}
          </button>
        </li>`,
      )}
    </ul>
    ${conversations.length === 0 ? html`<p class="empty">${terms.noConversations}</p>` : nothing}
    <button class="primary" type="button" @click=${() => pick(undefined)}>${terms.startNew}</button>
  </div>`;
}
