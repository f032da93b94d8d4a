import { html, nothing } from 'lit';
import type { InteropClient } from '../../client/interop-client.js';
import { InteropError } from '../../client/interop-error.js';
import type {
  AdminConsole,
  ApiKeyScope,
  BusinessHours,
  CorpSettingsUpdate,
  OriginCheck,
  PrechatConfig,
} from '../../protocol/index.js';
import {
  asOrigin,
  field,
  onSubmit,
  renderTransferRules,
  renderWebhooks,
  type SettingsTerms,
} from './settings-parts.js';

const DAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
const PRECHAT_FIELDS = ['name', 'email', 'phone'] as const;
const ROLES = ['agent', 'admin'] as const;
const SCOPES: readonly ApiKeyScope[] = ['read', 'write', 'admin'];

/**
 * The workbench's settings tile, for admins: the company's name, accent colour and logo, allowed origins (with a
 * check), business hours, the pre-chat form, employees and roles, API keys and webhook subscriptions with their
 * recent deliveries. Loaded on demand (nobody else downloads it); everything goes through the admin socket events,
 * which check the admin's role afresh. Plain forms: keyboard and screen reader work as the browser's own controls do.
 */
export class SettingsTile {
  readonly #host: { requestUpdate(): void };
  readonly client: InteropClient;
  #view: AdminConsole | undefined;
  #status = '';
  #error = '';
  #createdKey: { name: string; key: string } | undefined;
  #check: OriginCheck | undefined;

  constructor(host: { requestUpdate(): void }, client: InteropClient) {
    this.#host = host;
    this.client = client;
    void this.#load();
  }

  async #load() {
    try {
      this.#view = await this.client.request('admin:console', {});
    } catch (error) {
      this.#error = InteropError.of(error).message;
    }
    this.#host.requestUpdate();
  }

  /** Runs a change, says it was saved (politely), and reads the settings afresh; a refusal is shown as it came. */
  async #do(action: () => Promise<unknown>, done: string) {
    this.#error = '';
    this.#status = '';
    try {
      await action();
      this.#status = done;
      await this.#load();
    } catch (error) {
      this.#error = InteropError.of(error).message;
      this.#host.requestUpdate();
    }
  }

  #save(change: CorpSettingsUpdate, t: SettingsTerms) {
    void this.#do(() => this.client.request('admin:settings', change), t.saved);
  }

  /** `t`: the workbench's words in its language (one localization mechanism for every element and tile). */
  render(t: SettingsTerms, lang: string) {
    const view = this.#view;
    const problem = this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing;
    if (!view)
      return html`${problem}${this.#error ? nothing : html`<p class="muted" aria-busy="true">${t.loading}</p>`}`;
    return html`<div class="settings">
      ${problem}
      <p class="visually-hidden" role="status">${this.#status}</p>
      ${this.#company(t, view)} ${this.#origins(t, view)} ${this.#hours(t, view)} ${this.#welcome(t, view)} ${this.#prechat(t, view)} ${renderTransferRules(t, view, (update) => this.#save(update, t))} ${this.#people(t, view)}
      ${this.#keys(t, view, lang)} ${renderWebhooks(t, view, lang)}
      ${this.#sso(t, view)}
    </div>`;
  }

  #company(t: SettingsTerms, { settings }: AdminConsole) {
    return html`<form
      class="settings-form"
      @submit=${onSubmit((data) => {
        const logo = field(data, 'logo');
        this.#save(
          {
            name: field(data, 'name'),
            accentColor: data.get('use-accent') ? field(data, 'accent') : null,
            logoUrl: logo || null,
          },
          t,
        );
      })}
    >
      <fieldset>
        <legend>${t.company}</legend>
        <label>${t.name} <input name="name" required maxlength="100" .value=${settings.name} /></label>
        <label><input type="checkbox" name="use-accent" .checked=${!!settings.accentColor} /> ${t.useAccent}</label>
        <label>${t.accent} <input type="color" name="accent" .value=${settings.accentColor?.length === 7 ? settings.accentColor : '#1d4ed8'} /></label>
        <label>${t.logo} <input type="url" name="logo" placeholder="https://" .value=${settings.logoUrl ?? ''} /></label>
        <button type="submit">${t.save}</button>
      </fieldset>
    </form>`;
  }

  /** A visitor's first screen: the greeting and the suggested topics (one per line). */
  #welcome(t: SettingsTerms, { settings }: AdminConsole) {
    return html`<form
      class="settings-form"
      @submit=${onSubmit((data) => {
        const greeting = field(data, 'greeting');
        const topics = field(data, 'topics')
          .split('\n')
          .map((topic) => topic.trim())
          .filter(Boolean);
        this.#save({ welcome: greeting ? { greeting, topics } : null }, t);
      })}
    >
      <fieldset>
        <legend>${t.welcome}</legend>
        <label>${t.greeting} <textarea name="greeting" rows="2" maxlength="500" .value=${settings.welcome?.greeting ?? ''}></textarea></label>
        <label>${t.topics} <textarea name="topics" rows="4" .value=${settings.welcome?.topics.join('\n') ?? ''}></textarea></label>
        <button type="submit">${t.save}</button>
      </fieldset>
    </form>`;
  }

  /** Single sign-on with the company's OpenID provider: set (the secret is typed each time), shown, turned off. */
  #sso(t: SettingsTerms, { sso }: AdminConsole) {
    return html`<form
      class="settings-form"
      @submit=${onSubmit((data, form) => {
        const config = {
          displayName: field(data, 'sso-name'),
          issuer: field(data, 'sso-issuer'),
          clientId: field(data, 'sso-client'),
          clientSecret: field(data, 'sso-secret'),
          claim: field(data, 'sso-claim') || 'email',
          matchBy: field(data, 'sso-match') === 'id' ? ('id' as const) : ('email' as const),
          createEmployees: data.get('sso-create') === 'on',
        };
        // Saved: the secret leaves the page (it is never shown back, and a change needs it typed again).
        void this.#do(() => this.client.request('admin:sso-set', config), t.saved).then(() => {
          if (!this.#error) form.querySelector<HTMLInputElement>('input[name="sso-secret"]')!.value = '';
        });
      })}
    >
      <fieldset>
        <legend>${t.sso}</legend>
        <p>${sso ? t.ssoOn(sso.displayName, sso.issuer) : t.ssoOff}</p>
        ${sso ? html`<p class="muted">${t.ssoRedirect(sso.redirectUri)}</p>` : nothing}
        <label>${t.ssoName} <input name="sso-name" required maxlength="60" .value=${sso?.displayName ?? ''} /></label>
        <label>${t.ssoIssuer} <input name="sso-issuer" type="url" required placeholder="https://" .value=${sso?.issuer ?? ''} /></label>
        <label>${t.ssoClientId} <input name="sso-client" required maxlength="255" .value=${sso?.clientId ?? ''} /></label>
        <label>${t.ssoClientSecret} <input name="sso-secret" type="password" required maxlength="1024" autocomplete="off" /></label>
        <label>${t.ssoClaim} <input name="sso-claim" maxlength="64" .value=${sso?.claim ?? 'email'} /></label>
        <label>${t.ssoMatchBy}
          <select name="sso-match">
            <option value="email" ?selected=${sso?.matchBy !== 'id'}>${t.ssoMatchEmail}</option>
            <option value="id" ?selected=${sso?.matchBy === 'id'}>${t.ssoMatchId}</option>
          </select>
        </label>
        <label><input type="checkbox" name="sso-create" .checked=${!!sso?.createEmployees} /> ${t.ssoCreate}</label>
        <button type="submit">${t.ssoSave}</button>
        ${
          sso
            ? html`<button type="button" class="danger" @click=${() => void this.#do(() => this.client.request('admin:sso-remove', {}), t.saved)}>${t.ssoRemove}</button>`
            : nothing
        }
      </fieldset>
    </form>`;
  }

  #origins(t: SettingsTerms, { settings }: AdminConsole) {
    const origins = settings.allowedOrigins;
    return html`<fieldset>
      <legend>${t.origins}</legend>
      <p class="muted">${t.originsHelp}</p>
      ${origins.length === 0 ? html`<p class="muted">${t.noOrigins}</p>` : nothing}
      <ul class="origins">
        ${origins.map(
          (origin) => html`<li>
            <code>${origin}</code>
            <button type="button" class="link-button" @click=${() => this.#save({ allowedOrigins: origins.filter((other) => other !== origin) }, t)}>
              ${t.remove(origin)}
            </button>
          </li>`,
        )}
      </ul>
      <form class="inline-form" @submit=${onSubmit((data, form) => {
        this.#save({ allowedOrigins: [...origins, asOrigin(field(data, 'origin'))] }, t);
        form.reset();
      })}>
        <label>${t.origin} <input type="url" name="origin" required placeholder="https://shop.example.com" /></label>
        <button type="submit">${t.add}</button>
      </form>
      <form class="inline-form" @submit=${onSubmit(
        (data) =>
          void this.#do(
            async () =>
              (this.#check = await this.client.request('admin:origin-check', {
                origin: asOrigin(field(data, 'check')),
              })),
            '',
          ),
      )}>
        <label>${t.checkOrigin} <input type="url" name="check" required placeholder="https://" /></label>
        <button type="submit">${t.check}</button>
      </form>
      ${
        this.#check
          ? html`<p class="origin-check" role="status" data-allowed=${String(this.#check.allowed)}>${this.#check.allowed ? t.allowed : t.refused}: ${this.#check.reason}</p>`
          : nothing
      }
    </fieldset>`;
  }

  #hours(t: SettingsTerms, { settings }: AdminConsole) {
    const hours = settings.businessHours;
    const zone = hours?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<form
      class="settings-form"
      @submit=${onSubmit((data) => {
        const weekly: BusinessHours['weekly'] = {};
        for (const day of DAYS)
          if (data.get(`open-${day}`)) weekly[day] = [[field(data, `from-${day}`), field(data, `to-${day}`)]];
        this.#save({ businessHours: data.get('always') ? null : { timezone: field(data, 'timezone'), weekly } }, t);
      })}
    >
      <fieldset>
        <legend>${t.hours}</legend>
        <label><input type="checkbox" name="always" .checked=${!hours} /> ${t.alwaysOpen}</label>
        <label>${t.timezone} <input name="timezone" required .value=${zone} /></label>
        <div class="days">
          ${DAYS.map((day) => {
            const name = t.weekdays[Number(day)]!;
            const [from, to] = hours?.weekly[day]?.[0] ?? ['09:00', '18:00'];
            return html`<div class="day">
              <label><input type="checkbox" name=${`open-${day}`} .checked=${!!hours?.weekly[day]?.length} /> ${t.openOn(name)}</label>
              <label><span class="visually-hidden">${t.from(name)}</span><input type="time" name=${`from-${day}`} .value=${from} /></label>
              <label><span class="visually-hidden">${t.until(name)}</span><input type="time" name=${`to-${day}`} .value=${to === '24:00' ? '23:59' : to} /></label>
            </div>`;
          })}
        </div>
        <button type="submit">${t.save}</button>
      </fieldset>
    </form>`;
  }

  #prechat(t: SettingsTerms, { settings }: AdminConsole) {
    const prechat = settings.prechat;
    return html`<form
      class="settings-form"
      @submit=${onSubmit((data) => {
        const form: PrechatConfig = {
          fields: PRECHAT_FIELDS.filter((name) => data.get(`ask-${name}`)),
          consentText: field(data, 'consent'),
        };
        this.#save({ prechat: data.get('enabled') ? form : null }, t);
      })}
    >
      <fieldset>
        <legend>${t.prechat}</legend>
        <label><input type="checkbox" name="enabled" .checked=${!!prechat} /> ${t.askBeforeChat}</label>
        ${PRECHAT_FIELDS.map(
          (name) =>
            html`<label><input type="checkbox" name=${`ask-${name}`} .checked=${prechat?.fields.includes(name) ?? name !== 'phone'} /> ${t.askFor(t.fields[name])}</label>`,
        )}
        <label>${t.consentText} <textarea name="consent" maxlength="1000" rows="2" .value=${prechat?.consentText ?? ''}></textarea></label>
        <button type="submit">${t.save}</button>
      </fieldset>
    </form>`;
  }

  #people(t: SettingsTerms, { employees }: AdminConsole) {
    return html`<fieldset>
      <legend>${t.people}</legend>
      <ul class="people">
        ${employees.map(
          (employee) => html`<li data-id=${employee.id}>
            <span>${employee.name}${employee.title ? html` · <span class="muted">${employee.title}</span>` : nothing}</span>
            <code>${employee.id}</code>
            ${
              employee.status === 'active' && employee.email
                ? html`<label
                  ><span class="visually-hidden">${t.roleOf(employee.name)}</span>
                  <select
                    @change=${(event: Event) =>
                      void this.#do(
                        () =>
                          this.client.request('admin:employee-save', {
                            employeeId: employee.id,
                            name: employee.name,
                            email: employee.email!,
                            role: (event.target as HTMLSelectElement).value as (typeof ROLES)[number],
                          }),
                        t.saved,
                      )}
                  >
                    ${ROLES.map((role) => html`<option value=${role} ?selected=${employee.role === role}>${t.roles[role]}</option>`)}
                  </select></label
                >`
                : html`<span class="muted">${employee.status === 'active' ? t.roles[employee.role] : t.departed}</span>`
            }
          </li>`,
        )}
      </ul>
      <form class="inline-form" @submit=${onSubmit((data, form) => {
        void this.#do(
          () =>
            this.client.request('admin:employee-save', {
              employeeId: field(data, 'id'),
              name: field(data, 'name'),
              email: field(data, 'email'),
              ...(field(data, 'title') ? { title: field(data, 'title') } : {}),
              role: field(data, 'role') as (typeof ROLES)[number],
            }),
          t.saved,
        ).then(() => !this.#error && form.reset());
      })}>
        <label>${t.employeeId} <input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,127}" /></label>
        <label>${t.name} <input name="name" required maxlength="100" /></label>
        <label>${t.email} <input type="email" name="email" required /></label>
        <label>${t.title} <input name="title" maxlength="100" /></label>
        <label>${t.role} <select name="role">${ROLES.map((role) => html`<option value=${role}>${t.roles[role]}</option>`)}</select></label>
        <button type="submit">${t.addEmployee}</button>
      </form>
    </fieldset>`;
  }

  #keys(t: SettingsTerms, { apiKeys }: AdminConsole, lang: string) {
    const when = (iso: string) => new Date(iso).toLocaleString(lang);
    return html`<fieldset>
      <legend>${t.apiKeys}</legend>
      ${apiKeys.length === 0 ? html`<p class="muted">${t.noKeys}</p>` : nothing}
      <ul class="keys">
        ${apiKeys.map(
          (key) => html`<li data-id=${key.id}>
            <span>${key.name}</span> <code>${key.prefix}…</code> <span class="muted">${t.scopes[key.scope]} · ${key.lastUsedAt ? t.lastUsed(when(key.lastUsedAt)) : t.neverUsed}</span>
            ${
              key.revokedAt
                ? html`<span class="muted">${t.revoked}</span>`
                : html`<button type="button" class="link-button" @click=${() => void this.#do(() => this.client.request('admin:apikey-revoke', { keyId: key.id }), t.saved)}>
                  ${t.revoke(key.name)}
                </button>`
            }
          </li>`,
        )}
      </ul>
      <form class="inline-form" @submit=${onSubmit((data, form) => {
        void this.#do(async () => {
          const made = await this.client.request('admin:apikey-create', {
            name: field(data, 'name'),
            scope: field(data, 'scope') as ApiKeyScope,
          });
          this.#createdKey = { name: made.name, key: made.key };
          form.reset();
        }, '');
      })}>
        <label>${t.keyName} <input name="name" required maxlength="100" /></label>
        <label>${t.scope} <select name="scope">${SCOPES.map((scope) => html`<option value=${scope}>${t.scopes[scope]}</option>`)}</select></label>
        <button type="submit">${t.createKey}</button>
      </form>
      ${
        this.#createdKey
          ? html`<p class="new-key" role="status">${t.newKey(this.#createdKey.name)} <output><code>${this.#createdKey.key}</code></output></p>`
          : nothing
      }
    </fieldset>`;
  }
}
