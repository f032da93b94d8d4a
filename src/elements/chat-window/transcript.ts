import type { ConversationFeed } from '../../client/conversation-feed.js';
import type { Message, SystemBody } from '../../protocol/index.js';
import { messagePlainText } from '../../protocol/message-text.js';

export interface TranscriptOptions {
  title: string;
  lang: string;
  you: string;
  isOwn(message: Message): boolean;
  /** A system notice in the reader's language. */
  notice(body: SystemBody): string;
}

/** A conversation as plain text: one line per message with its time and sender, every kind in its text form. */
export function transcriptText(messages: readonly Message[], options: TranscriptOptions): string {
  const format = new Intl.DateTimeFormat(options.lang, { dateStyle: 'medium', timeStyle: 'short' });
  const lines = messages.map((message) => {
    const who =
      message.sender.kind === 'system'
        ? '—'
        : options.isOwn(message)
          ? options.you
          : (message.sender.name ?? message.sender.kind);
    const text = message.kind === 'system' ? options.notice(message.body) : messagePlainText(message);
    return `[${format.format(new Date(message.createdAt))}] ${who}: ${text}`;
  });
  return `${options.title}\n\n${lines.join('\n')}\n`;
}

/** Saves the whole conversation (every page loaded first) as a text file. */
export async function downloadTranscript(feed: ConversationFeed, options: TranscriptOptions): Promise<void> {
  await feed.loadAll();
  const url = URL.createObjectURL(
    new Blob([transcriptText(feed.messages, options)], { type: 'text/plain;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = `transcript-${feed.conversationId.slice(0, 8)}.txt`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
