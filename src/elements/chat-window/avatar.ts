import { html, nothing } from 'lit';
import type { CorpInfo } from '../../protocol/index.js';
import { httpUrl } from '../base/http-url.js';
import { initials } from '../base/initials.js';

/** An employee's photo from the company's team list, as an http(s) URL on the backend (`baseUrl`); else undefined. */
export const teamPhoto = (corp: CorpInfo | undefined, id: string | null | undefined, baseUrl: string) =>
  httpUrl(corp?.team.find((member) => member.id === id)?.avatarUrl, `${baseUrl}/`);

/** An employee's presence as far as it is known: only while connected ('unknown' otherwise, never a stale 'online'). */
export const knownPresence = <P extends string>(
  online: boolean,
  presence: ReadonlyMap<string, P>,
  id: string,
): P | 'offline' | 'unknown' => (online ? (presence.get(id) ?? 'offline') : 'unknown');

/** Someone's face: their photo (an http(s) URL) or their initials, with a presence dot when it is known. */
export function renderAvatar(name: string, photo: string | undefined, presence?: string) {
  return html`<span class="avatar" part="avatar" aria-hidden="true"
    >${photo ? html`<img src=${photo} alt="" />` : initials(name)}${
      presence ? html`<span class="status" data-presence=${presence}></span>` : nothing
    }</span
  >`;
}
