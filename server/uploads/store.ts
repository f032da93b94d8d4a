import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { InteropError, UPLOAD_IMAGE_TYPES, type MessageBody } from '@interop-kit/elements/protocol';
import type { Queryable } from '../db/database.js';
import type { Side } from '../conversations/messages.js';

export interface UploadRecord {
  id: string;
  corpId: string;
  uploaderKind: Side;
  uploaderId: string;
  name: string;
  mime: string;
  size: number;
}

interface UploadRow {
  id: string;
  corp_id: string;
  uploader_kind: Side;
  uploader_id: string;
  name: string;
  mime: string;
  size: number;
}

const toRecord = (row: UploadRow): UploadRecord => ({
  id: row.id,
  corpId: row.corp_id,
  uploaderKind: row.uploader_kind,
  uploaderId: row.uploader_id,
  name: row.name,
  mime: row.mime,
  size: row.size,
});

export const isImageType = (mime: string) => (UPLOAD_IMAGE_TYPES as readonly string[]).includes(mime);

/**
 * Files live in the database (every node serves them) and are fetched through capability URLs: the id plus an HMAC
 * of it, so `<img src>` works without a token while nobody can enumerate other people's files.
 */
export function createUploadStore(db: Queryable, secret: string) {
  const signature = (id: string) =>
    createHmac('sha256', secret).update(`upload:${id}`).digest('base64url').slice(0, 32);

  const urlOf = (record: Pick<UploadRecord, 'corpId' | 'id' | 'name'>) =>
    `/api/corps/${encodeURIComponent(record.corpId)}/files/${record.id}/${encodeURIComponent(record.name)}?sig=${signature(record.id)}`;

  return {
    urlOf,

    async create(upload: Omit<UploadRecord, 'id' | 'size'>, data: Buffer): Promise<UploadRecord> {
      const { rows } = await db.query<UploadRow>(
        `INSERT INTO uploads (id, corp_id, uploader_kind, uploader_id, name, mime, size, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, corp_id, uploader_kind, uploader_id, name, mime, size`,
        [
          randomUUID(),
          upload.corpId,
          upload.uploaderKind,
          upload.uploaderId,
          upload.name,
          upload.mime,
          data.length,
          data,
        ],
      );
      return toRecord(rows[0]!);
    },

    /** The file behind a capability URL, or undefined when the id or signature is wrong. */
    async read(corpId: string, id: string, sig: string): Promise<(UploadRecord & { data: Uint8Array }) | undefined> {
      const expected = Buffer.from(signature(id));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const { rows } = await db.query<UploadRow & { data: Uint8Array }>(
        'SELECT * FROM uploads WHERE corp_id = $1 AND id = $2',
        [corpId, id],
      );
      return rows[0] && { ...toRecord(rows[0]), data: rows[0].data };
    },

    /**
     * The message body for an upload being sent: only its own uploader may send it, and an image message must carry
     * an image. Name, size, type and URL come from the stored record, never from the sender.
     */
    async attachmentBody(
      corpId: string,
      uploadId: string,
      kind: 'image' | 'file',
      sender: { kind: Side; id: string },
    ): Promise<MessageBody<'file'>> {
      const { rows } = await db.query<UploadRow>(
        'SELECT id, corp_id, uploader_kind, uploader_id, name, mime, size FROM uploads WHERE corp_id = $1 AND id = $2',
        [corpId, uploadId],
      );
      const record = rows[0] && toRecord(rows[0]);
      if (!record || record.uploaderKind !== sender.kind || record.uploaderId !== sender.id) {
        throw new InteropError('not_found', 'No such upload');
      }
      if (kind === 'image' && !isImageType(record.mime))
        throw new InteropError('invalid_payload', 'This upload is not an image');
      return { url: urlOf(record), name: record.name, size: record.size, mime: record.mime };
    },
  };
}
export type UploadStore = ReturnType<typeof createUploadStore>;
