import { html, nothing } from 'lit';
import type { InteropClient } from '../../client/index.js';
import type { WorkbenchTerms } from '../../locales/workbench/index.js';
import type { TeamMember } from '../../protocol/index.js';
import { CHAT_EXPORT_PARTS } from '../base/chat-parts.js';
import { renderCustomerPanel, type CustomerPanel } from './customer-panel.js';
import { renderInboxList, type InboxList } from './inbox.js';

export interface InboxTileView {
  inbox: InboxList;
  panel: CustomerPanel;
  client: InteropClient | undefined;
  terms: WorkbenchTerms;
  lang: string;
  /** The signed-in employee's id. */
  me: string | undefined;
  team: TeamMember[];
  /** The open conversation's id. */
  selected: string | undefined;
  theme: string | undefined;
  select(conversationId: string): void;
}

/** The inbox tile: the conversation list, the open conversation's chat window, and its customer's panel. */
export function renderInboxTile(view: InboxTileView) {
  const { inbox, client, terms, select } = view;
  const conversation = view.selected ? inbox.get(view.selected) : undefined;
  // A narrow inbox shows one pane at a time; opening a conversation moves on to it (the bars only show there).
  const pick = (id: string) => (select(id), inbox.showPane('chat'));
  const pane = view.selected ? inbox.pane : 'list';
  const bar = (back: () => void, label: string, next?: () => void, nextLabel?: string) =>
    html`<div class="pane-bar">
      <button type="button" class="back" @click=${back}><span aria-hidden="true">←</span> ${label}</button>
      ${next ? html`<button type="button" @click=${next}>${nextLabel} <span aria-hidden="true">→</span></button>` : nothing}
    </div>`;
  return html`<div class="inbox" data-pane=${pane}>
    ${renderInboxList({ inbox, client, terms, lang: view.lang, selected: view.selected, select: pick })}
    <div class="chat-pane">
      ${bar(
        () => inbox.showPane('list'),
        terms.conversations,
        () => inbox.showPane('customer'),
        terms.customer,
      )}
      <ix-chat-window
      part="chat"
      exportparts=${CHAT_EXPORT_PARTS}
      .client=${client}
      conversation=${view.selected ?? nothing}
      theme=${view.theme ?? nothing}
    ></ix-chat-window>
    </div>
    <aside class="customer-panel" part="customer-panel" aria-label=${terms.customer}>
      ${bar(() => inbox.showPane('chat'), terms.backToConversation)}
      ${
        client
          ? renderCustomerPanel({
              panel: view.panel,
              client,
              terms,
              lang: view.lang,
              me: view.me,
              team: view.team,
              conversation,
              select,
            })
          : nothing
      }
    </aside>
  </div>`;
}
