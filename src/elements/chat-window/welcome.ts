import { html, nothing } from 'lit';
import type { CorpInfo } from '../../protocol/index.js';
import type { Terms } from '../../locales/chat/index.js';
import { knownPresence, renderAvatar, teamPhoto } from './avatar.js';

/** What a visitor's first screen is made from. */
export interface WelcomeView {
  corp: CorpInfo | undefined;
  terms: Terms;
  /** The backend's base URL: team photos are relative to it. */
  baseUrl: string;
  /** Live presence by employee id (corp:info's, updated by pushes). */
  presence: ReadonlyMap<string, string>;
  /** Whether the connection is up: presence and "replies in minutes" are only claimed while it is. */
  online: boolean;
  canWrite: boolean;
  /** Sends a suggested topic as the first message. */
  send(text: string): void;
}

/** Most faces the first screen shows. */
const FACES = 4;

/**
 * A visitor's first screen, before the first message: who answers (faces and presence), the company's greeting, when
 * to expect a reply (from business hours and who is online), and topics to start from.
 */
export function renderWelcome(view: WelcomeView) {
  const { corp, terms } = view;
  const team = (corp?.team ?? []).slice(0, FACES);
  const presenceOf = (id: string) => knownPresence(view.online, view.presence, id);
  const someoneOnline = team.some((member) => presenceOf(member.id) === 'online');
  const replyTime = !corp
    ? undefined
    : !corp.hours.open
      ? terms.replyWhenBack
      : someoneOnline
        ? terms.replyMinutes
        : terms.replyHours;
  const topics = corp?.welcome?.topics ?? [];
  return html`<div class="welcome" part="welcome">
    ${
      team.length
        ? html`<ul class="faces" aria-label=${terms.team}>
          ${team.map(
            (member) => html`<li title=${member.name}>
              ${renderAvatar(member.name, teamPhoto(corp, member.id, view.baseUrl), presenceOf(member.id))}
              <span class="visually-hidden">${member.name}${view.online ? `, ${terms.presence[presenceOf(member.id) as 'online']}` : ''}</span>
            </li>`,
          )}
        </ul>`
        : nothing
    }
    <p class="greeting" dir="auto">${corp?.welcome?.greeting ?? terms.emptyVisitor}</p>
    ${replyTime ? html`<p class="reply-time">${replyTime}</p>` : nothing}
    ${
      topics.length
        ? html`<div class="topics" role="group" aria-label=${terms.suggestedTopics}>
          ${topics.map(
            (topic) =>
              html`<button type="button" class="topic" part="topic" dir="auto" ?disabled=${!view.canWrite} @click=${() => view.send(topic)}>${topic}</button>`,
          )}
        </div>`
        : nothing
    }
  </div>`;
}
