/**
 * Evidence files in and out over HTTP, the same for action reports and
 * civil-society contributions. In: an optional `title` field, then the
 * `file`, the size limit enforced while reading (413), so an oversized file is
 * never held whole in memory. Out: an attachment with the type found in its
 * bytes, sandboxed, never cached by shared caches.
 */
import { attachment } from '../http/content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, HttpError, notFound } from '../http/errors';
import type { UploadStore } from './uploads';

export interface EvidenceUpload { bytes: Buffer; fileName: string; title: string | null }

/** The OpenAPI description of such an endpoint. */
export const evidenceUploadDescription = (maxUploadBytes: number) =>
  `multipart/form-data with an optional \`title\` field, then one \`file\`. At most ${Math.round(maxUploadBytes / 1024 / 1024)} MB. The type is read from the bytes: PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, ODT, ODS, and UTF-8 .txt/.csv.`;

export async function readEvidenceUpload(request: FastifyRequest, maxUploadBytes: number): Promise<EvidenceUpload> {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (!part) throw badRequest('file_missing');
  const bytes = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpError(413, 'payload_too_large', 'file_too_large', { max: Math.round(maxUploadBytes / 1024 / 1024) });
    }
    throw error;
  });
  const title = part.fields.title && 'value' in part.fields.title ? String(part.fields.title.value) : null;
  return { bytes, fileName: part.filename, title };
}

/** A stored evidence file as its table keeps it (action_evidence, contribution_evidence). */
export interface StoredEvidence {
  stored_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  file_name: string | null;
}

/** Sends the file, or 404 when there is none (a link, or a file a crash left without its bytes). */
export function sendEvidenceFile(reply: FastifyReply, uploads: UploadStore, file: StoredEvidence | null | undefined) {
  if (!file?.stored_name || !uploads.exists(file.stored_name)) throw notFound();
  return reply
    .header('content-type', file.media_type!)
    .header('content-length', String(file.size_bytes))
    .header('content-disposition', attachment(file.file_name ?? 'evidence'))
    // Never rendered in our origin, even if a browser ignored the attachment disposition.
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .send(uploads.open(file.stored_name));
}
