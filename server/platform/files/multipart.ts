/**
 * The one way a multipart upload is read (evidence files of action reports and
 * contributions, the web import): one `file`, with the text fields sent before
 * it. The size limit is enforced while reading (413), so an oversized file is
 * never held whole in memory. A body that is not the multipart it claims
 * (no boundary, a boundary other than the header's, a part cut short) is a
 * 400 in the reader's language, and the field values and the file's name go
 * through the same edge rule as any other input (platform/http/input-guard.ts).
 * Nothing is written before all of this has passed.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest, HttpError } from '../http/errors';
import { isReadableText, unreadableText } from '../http/input-guard';

export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  /** The text fields sent before the file. */
  fields: Record<string, string>;
}

const tooLarge = (maxBytes: number) => new HttpError(413, 'payload_too_large', 'file_too_large', { max: Math.round(maxBytes / 1024 / 1024) });

/** An error of the multipart parser itself (busboy gives plain errors): the body is malformed. */
function refuseMalformed(error: unknown, maxBytes: number): never {
  if (error instanceof HttpError) throw error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
  // Limits of the multipart plugin (too many parts, fields or files) keep their own 4xx.
  if (statusCode && statusCode >= 400 && statusCode < 500 && code !== 'FST_MP_PREMATURE_CLOSE') throw error;
  throw badRequest('upload_malformed');
}

/**
 * The file's bytes, copied into one buffer as they arrive. When the request
 * says its length (a browser always does), the buffer is allocated once at that
 * size, so a large upload is held once rather than as chunks plus their
 * concatenation (twice its size at the end, as `toBuffer` does).
 */
async function readWhole(stream: AsyncIterable<Buffer> & { truncated?: boolean }, contentLength: string | undefined, maxBytes: number): Promise<Buffer> {
  const declared = Number(contentLength);
  if (!Number.isSafeInteger(declared) || declared <= 0) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    if (stream.truncated) throw tooLarge(maxBytes);
    return Buffer.concat(chunks);
  }
  // The file is part of the body, so never longer than it (nor than the limit, which the parser enforces).
  let whole = Buffer.allocUnsafe(Math.min(declared, maxBytes + 1));
  let length = 0;
  for await (const chunk of stream) {
    if (length + chunk.length > whole.length) { // a body longer than it said: grow (the parser stops at the limit)
      const grown = Buffer.allocUnsafe(Math.min(Math.max(whole.length * 2, length + chunk.length), maxBytes + 1 + chunk.length));
      whole.copy(grown, 0, 0, length);
      whole = grown;
    }
    chunk.copy(whole, length);
    length += chunk.length;
  }
  if (stream.truncated) throw tooLarge(maxBytes);
  return whole.subarray(0, length);
}

/** `fieldSize`: the longest text field accepted, when a form carries more than short fields (default: the app's limit). */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number, options: { fieldSize?: number } = {}): Promise<UploadedFile> {
  if (!request.isMultipart()) throw badRequest('file_missing');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  let bytes: Buffer;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, ...(options.fieldSize ? { fieldSize: options.fieldSize } : {}) } });
    if (!part) throw badRequest('file_missing');
    bytes = await readWhole(part.file, request.headers['content-length'], maxBytes);
  } catch (error) {
    refuseMalformed(error, maxBytes);
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(part.fields)) {
    if (name === part.fieldname || !value || Array.isArray(value) || !('value' in value)) continue;
    fields[name] = String(value.value);
    if (!isReadableText(name) || !isReadableText(fields[name])) throw unreadableText(isReadableText(name) ? name : 'body');
  }
  if (!isReadableText(part.filename)) throw unreadableText('filename');
  return { bytes, fileName: part.filename, fields };
}
