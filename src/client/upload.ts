import { httpErrorSchema, uploadResultSchema, type UploadResult } from '../protocol/index.js';
import { InteropError } from './interop-error.js';

export interface UploadOptions {
  /** Called with the fraction sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file with the session token over XMLHttpRequest (for its progress events, which fetch does not give for
 * uploads) and reads the answer: the stored upload, or the server's typed error.
 */
export function uploadFile(
  url: string,
  token: string,
  file: Blob,
  name: string,
  options: UploadOptions,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(name));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 200) {
        const result = uploadResultSchema.safeParse(xhr.response);
        if (result.success) resolve(result.data);
        else reject(new InteropError('internal', 'The upload answer is malformed'));
        return;
      }
      const error = httpErrorSchema.safeParse(xhr.response);
      reject(
        error.success
          ? InteropError.from(error.data.error)
          : new InteropError('unavailable', `Upload failed (HTTP ${xhr.status})`),
      );
    };
    xhr.onerror = () => reject(new InteropError('unavailable', 'The upload did not reach the interop service'));
    xhr.onabort = () => reject(new InteropError('unavailable', 'The upload was canceled'));
    if (options.signal?.aborted) return reject(new InteropError('unavailable', 'The upload was canceled'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
