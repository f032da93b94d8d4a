import { html } from 'lit';
import type { PrechatConfig, ProfileUpdate } from '../../protocol/index.js';
import type { ChatActions } from './chat-actions.js';
import type { ConversationController } from './conversation-controller.js';

const TYPES = { name: 'text', email: 'email', phone: 'tel' } as const;
const AUTOCOMPLETE = { name: 'name', email: 'email', phone: 'tel' } as const;

/** Visitors, before their first conversation when the company asks: how to reach them, and their consent. */
export function renderPrechat(host: ChatActions, conversation: ConversationController, prechat: PrechatConfig) {
  const terms = host.terms;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const client = host.currentClient();
    const form = event.currentTarget as HTMLFormElement;
    if (!client || !form.reportValidity()) return;
    const data = new FormData(form);
    const profile: ProfileUpdate = { consent: true };
    for (const field of prechat.fields) {
      const value = String(data.get(field) ?? '').trim();
      if (value) profile[field] = value;
    }
    const session = await host.attempt(() => client.request('profile:update', profile));
    if (!session) return;
    conversation.updateSession(session);
    await host.updateComplete;
    host.renderRoot.querySelector('textarea')?.focus();
  };
  return html`<form class="prechat" part="prechat" @submit=${submit}>
    <h3>${terms.prechatTitle}</h3>
    <p>${terms.prechatIntro}</p>
    ${prechat.fields.map(
      (field) => html`<label>
        <span>${terms[field]}</span>
        <input name=${field} type=${TYPES[field]} autocomplete=${AUTOCOMPLETE[field]} required maxlength="254" />
      </label>`,
    )}
    <label class="consent">
      <input type="checkbox" name="consent" required />
      <span>${prechat.consentText}</span>
    </label>
    <button class="primary" type="submit">${terms.startChat}</button>
  </form>`;
}
