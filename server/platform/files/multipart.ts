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

export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!request.isMultipart()) throw badRequest('file_missing');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  let bytes: Buffer;
  try {
    part = await request.file({ limits: { fileSize: maxBytes } });
    if (!part) throw badRequest('file_missing');
    bytes = await part.toBuffer();
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
