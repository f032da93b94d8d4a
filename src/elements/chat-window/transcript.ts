import type { Message } from '../../protocol/index.js';
import { messagePlainText } from '../../protocol/message-text.js';

export interface TranscriptOptions {
  title: string;
  lang: string;
  you: string;
  isOwn(message: Message): boolean;
}

/** A conversation as plain text: one line per message with its time and sender, every kind in its text form. */
export function transcriptText(messages: readonly Message[], options: TranscriptOptions): string {
  const format = new Intl.DateTimeFormat(options.lang, { dateStyle: 'medium', timeStyle: 'short' });
  const lines = messages.map((message) => {
    const who = message.sender.kind === 'system' ? '—' : options.isOwn(message) ? options.you : (message.sender.name ?? message.sender.kind);
    return `[${format.format(new Date(message.createdAt))}] ${who}: ${messagePlainText(message)}`;
  });
  return `${options.title}\n\n${lines.join('\n')}\n`;
}
