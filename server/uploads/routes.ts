import * as z from 'zod/mini';
import { InteropError, UPLOAD_TYPES, uploadResultSchema, type UploadResult } from '@interop-kit/elements/protocol';
import { sideOf } from '../auth/session.js';
import { corpOf, corpParams, signedQuery } from '../http/corp-api.js';
import { acceptRawBodies, type HttpApp } from '../http/fastify.js';
import { isImageType, type UploadStore } from './store.js';

function fileName(header: string | string[] | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(String(header ?? ''));
  } catch {
    throw new InteropError('invalid_payload', 'x-file-name is not URI-encoded');
  }
  // Path separators and control characters (C0, DEL and C1) never reach a download's file name.
  name = name
    .replace(/[/\\\p{Cc}]/gu, '_')
    .trim()
    .slice(0, 255);
  if (!name) throw new InteropError('invalid_payload', 'x-file-name is required');
  return name;
}

const mimeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Uploads and the signed links to them, under /api/corps/:corp. */
export async function uploadRoutes(
  app: HttpApp,
  options: { uploads: UploadStore; uploadMaxBytes: number },
): Promise<void> {
  /** A file for a conversation: the bytes as the body, typed by content-type and named by x-file-name. */
  await app.register(async (uploads) => {
    acceptRawBodies(uploads, options.uploadMaxBytes);
    uploads.post(
      '/uploads',
      {
        schema: { params: corpParams, response: { 200: uploadResultSchema } },
        config: { auth: 'session' },
        // Type, name and declared size are refused before a byte of the body is read.
        onRequest: async (request) => {
          const mime = mimeOf(request.headers['content-type']);
          if (!UPLOAD_TYPES.includes(mime))
            throw new InteropError('invalid_payload', `Files of type "${mime || 'unknown'}" are not accepted`);
          fileName(request.headers['x-file-name']);
          if (Number(request.headers['content-length'] ?? 0) > options.uploadMaxBytes) {
            throw new InteropError('too_large', `Files are limited to ${options.uploadMaxBytes} bytes`);
          }
        },
      },
      async (request) => {
        const session = request.session!;
        const data = request.body as Buffer | undefined;
        if (!data?.length) throw new InteropError('invalid_payload', 'The file is empty');
        const mime = mimeOf(request.headers['content-type']);
        const name = fileName(request.headers['x-file-name']);
        const record = await options.uploads.create(
          { corpId: session.corp.id, uploaderKind: sideOf(session), uploaderId: session.id, name, mime },
          data,
        );
        return {
          uploadId: record.id,
          kind: isImageType(mime) ? 'image' : 'file',
          name,
          size: record.size,
          mime,
          url: options.uploads.urlOf(record),
        } satisfies UploadResult;
      },
    );
  });

  app.get(
    '/files/:id/:name',
    { schema: { params: z.object({ corp: z.string(), id: z.string(), name: z.string() }), querystring: signedQuery } },
    async (request, reply) => {
      const { id } = request.params;
      const record = z.uuid().safeParse(id).success
        ? await options.uploads.read(corpOf(request).id, id, request.query.sig)
        : undefined;
      if (!record) throw new InteropError('not_found', 'No such file');
      return reply
        .headers({
          'content-type': record.mime,
          // Images show inline; everything else downloads. Nothing uploaded can run script on our origin.
          'content-disposition': `${isImageType(record.mime) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(record.name)}`,
          'content-security-policy': "default-src 'none'; sandbox",
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, max-age=31536000, immutable',
          'cross-origin-resource-policy': 'cross-origin',
        })
        .send(record.data);
    },
  );
}
