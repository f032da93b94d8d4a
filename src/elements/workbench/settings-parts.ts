import { html, nothing } from 'lit';
import type { WorkbenchTerms } from '../../locales/workbench/index.js';
import type { AdminConsole, TransferRules, WebhookOverview } from '../../protocol/index.js';

/** The settings tile's words: a section of the workbench's own locale packs. */
export type SettingsTerms = WorkbenchTerms['settingsTile'];

/** A form's submit, without the page navigating: hands the form's fields to `act`. */
export const onSubmit = (act: (data: FormData, form: HTMLFormElement) => void) => (event: SubmitEvent) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  act(new FormData(form), form);
};
export const field = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/** What a typed address is as an origin (`https://shop.example.com/` → `https://shop.example.com`), or as typed. */
export function asOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}

/** The webhook subscriptions with their recent deliveries (read only: the CRM API makes them). */
export function renderWebhooks(t: SettingsTerms, { webhooks }: AdminConsole, lang: string) {
  const state = (delivery: WebhookOverview['deliveries'][number]) =>
    delivery.deliveredAt ? t.delivered : delivery.failedAt ? t.failed : t.pending;
  return html`<fieldset>
    <legend>${t.webhooks}</legend>
    ${webhooks.length === 0 ? html`<p class="muted">${t.noWebhooks}</p>` : nothing}
    ${webhooks.map(
      (hook) => html`<div class="webhook" data-id=${hook.id}>
        <p><code>${hook.url}</code> <span class="muted">${hook.events.join(', ')} · ${t.failures(hook.failures)}</span></p>
        ${
          hook.deliveries.length
            ? html`<table>
              <caption class="visually-hidden">${t.recentDeliveries(hook.url)}</caption>
              <thead><tr><th scope="col">${t.deliveryEvent}</th><th scope="col">${t.deliveryState}</th><th scope="col">${t.deliveryAttempts}</th><th scope="col">${t.deliveryAnswer}</th><th scope="col">${t.deliveryTime}</th></tr></thead>
              <tbody>
                ${hook.deliveries.map(
                  (
                    delivery,
                  ) => html`<tr data-state=${delivery.deliveredAt ? 'delivered' : delivery.failedAt ? 'failed' : 'pending'}>
                    <td>${delivery.eventType}</td>
                    <td>${state(delivery)}</td>
                    <td>${delivery.attempts}</td>
                    <td>${delivery.lastStatus ?? delivery.lastError ?? '—'}</td>
                    <td>${new Date(delivery.createdAt).toLocaleString(lang)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
            : nothing
        }
      </div>`,
    )}
  </fieldset>`;
}

/** How customers change hands: the window to refuse, the limit per customer and period, each employee's capacity. */
export function renderTransferRules(
  t: SettingsTerms,
  { settings }: AdminConsole,
  save: (update: { transferRules: TransferRules }) => void,
) {
  const rules = settings.transferRules;
  const number = (name: keyof TransferRules, min: number, max: number) =>
    html`<input type="number" name=${name} min=${min} max=${max} .value=${String(rules[name] ?? '')} />`;
  return html`<form
    class="settings-form"
    @submit=${onSubmit((data) => {
      const count = (name: string) => Number(field(data, name));
      const capacity = field(data, 'customerCapacity');
      save({
        transferRules: {
          ...{ windowHours: count('windowHours'), maxPerCustomer: count('maxPerCustomer') },
          ...{ periodDays: count('periodDays'), customerCapacity: capacity ? Number(capacity) : null },
        },
      });
    })}
  >
    <fieldset>
      <legend>${t.transfers}</legend>
      <label>${t.windowHours} ${number('windowHours', 1, 720)}</label>
      <label>${t.maxPerCustomer} ${number('maxPerCustomer', 1, 100)}</label>
      <label>${t.periodDays} ${number('periodDays', 1, 3650)}</label>
      <label>${t.customerCapacity} ${number('customerCapacity', 1, 1_000_000)}</label>
      <button type="submit">${t.save}</button>
    </fieldset>
  </form>`;
}
