import type { Terms } from '../../locales/chat/index.js';
import type { SystemBody } from '../../protocol/messages.js';

/** A notice in the thread in the reader's language; events this version does not know show the stored English text. */
export function systemNoticeText(body: SystemBody, terms: Terms): string {
  const { employeeName: name, formerEmployeeName: former, corpName } = body;
  switch (body.event) {
    case 'assigned':
    case 'transferred':
      return name ? terms.noticeLookingAfterYou(name) : body.text;
    case 'departed':
      return name && former && corpName ? terms.noticeDeparted(former, corpName, name) : body.text;
    case 'closed':
      return name ? terms.noticeClosed(name) : body.text;
    case 'transfer_pending':
      if (!name || !former) return body.text;
      return body.transferKind === 'departure' && corpName
        ? terms.noticeDepartedAsk(former, corpName, name)
        : terms.noticeHandingOver(former, name);
    case 'transfer_refused':
      return name ? terms.noticeKept(name) : terms.noticeTeam;
    default:
      return body.text;
  }
}
