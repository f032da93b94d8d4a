import { randomUUID } from 'node:crypto';
import { InteropError, type QuickReply } from '@interop-kit/elements/protocol';
import { isUniqueViolation, type Queryable } from '../db/database.js';

/** The corp's canned answers, by title. */
export function createQuickReplyStore(db: Queryable) {
  return {
    async list(corpId: string): Promise<QuickReply[]> {
      const { rows } = await db.query<QuickReply>(
        'SELECT id, title, text FROM quick_replies WHERE corp_id = $1 ORDER BY title',
        [corpId],
      );
      return rows;
    },

    async save(corpId: string, reply: { id?: string | undefined; title: string; text: string }): Promise<QuickReply> {
      try {
        const { rows } = reply.id
          ? await db.query<QuickReply>(
              'UPDATE quick_replies SET title = $3, text = $4 WHERE corp_id = $1 AND id = $2 RETURNING id, title, text',
              [corpId, reply.id, reply.title, reply.text],
            )
          : await db.query<QuickReply>(
              'INSERT INTO quick_replies (id, corp_id, title, text) VALUES ($1, $2, $3, $4) RETURNING id, title, text',
              [randomUUID(), corpId, reply.title, reply.text],
            );
        if (!rows[0]) throw new InteropError('not_found', 'No such quick reply');
        return rows[0];
      } catch (error) {
        if (isUniqueViolation(error))
          throw new InteropError('conflict', `A quick reply is already called "${reply.title}"`);
        throw error;
      }
    },

    async remove(corpId: string, id: string): Promise<void> {
      await db.query('DELETE FROM quick_replies WHERE corp_id = $1 AND id = $2', [corpId, id]);
    },
  };
}
export type QuickReplyStore = ReturnType<typeof createQuickReplyStore>;
