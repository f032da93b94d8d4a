import { html, nothing } from 'lit';
import type { ConversationFeed } from '../../client/conversation-feed.js';
import { MAX_RATING_COMMENT_LENGTH } from '../../protocol/limits.js';
import type { ChatActions } from './chat-actions.js';

/**
 * A closed conversation: visitors rate it (1–5 and a comment) and may start a new one; employees see the rating.
 * `startNew` starts the visitor's next conversation.
 */
export function renderClosed(
  host: ChatActions,
  feed: ConversationFeed,
  viewer: 'visitor' | 'employee' | undefined,
  startNew: () => void,
) {
  const terms = host.terms;
  const conversation = feed.conversation!;
  const visitor = viewer === 'visitor';
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const client = host.currentClient();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const score = Number(data.get('score'));
    if (!client || !(score >= 1 && score <= 5)) return;
    const comment = String(data.get('comment') ?? '').trim();
    const rated = await host.attempt(() =>
      client.request('conversation:rate', {
        conversationId: feed.conversationId,
        score,
        ...(comment ? { comment } : {}),
      }),
    );
    if (rated) feed.update(rated);
  };
  return html`<div class="closed" part="rating">
    <p>${terms.closed}</p>
    ${
      visitor && conversation.rating
        ? html`<p class="thanks" role="status">${terms.ratingThanks(conversation.rating.score)}</p>`
        : visitor
          ? html`<form class="rating" @submit=${submit}>
            <fieldset>
              <legend>${terms.rateTitle}</legend>
              <div class="stars">
                ${[1, 2, 3, 4, 5].map(
                  (score) => html`<label class="star">
                    <input type="radio" name="score" value=${score} required />
                    <span aria-hidden="true">★</span><span class="visually-hidden">${terms.rateScore(score)}</span>
                  </label>`,
                )}
              </div>
            </fieldset>
            <label class="comment">
              <span>${terms.ratingComment}</span>
              <textarea name="comment" rows="2" maxlength=${MAX_RATING_COMMENT_LENGTH}></textarea>
            </label>
            <button class="primary" type="submit">${terms.submitRating}</button>
          </form>`
          : conversation.rating
            ? html`<p class="customer-rating">${terms.customerRating(conversation.rating.score, conversation.rating.comment)}</p>`
            : nothing
    }
    ${visitor ? html`<button class="link-button" type="button" @click=${startNew}>${terms.startNew}</button>` : nothing}
  </div>`;
}
