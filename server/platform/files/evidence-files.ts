/**
 * Evidence files in and out over HTTP, the same for action reports and
 * civil-society contributions. In: an optional `title` field, then the
 * `file`, read by the one multipart reader (multipart.ts: size limit while
 * reading, malformed bodies refused). Out: an attachment with the type found in its
 * bytes, sandboxed, never cached by shared caches.
 */
import { attachment } from '../http/content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../http/errors';
import { readUploadedFile } from './multipart';
import type { UploadStore } from './uploads';

export interface EvidenceUpload { bytes: Buffer; fileName: string; title: string | null }

/** The OpenAPI description of such an endpoint. */
export const evidenceUploadDescription = (maxUploadBytes: number) =>
  `multipart/form-data with an optional \`title\` field, then one \`file\`. At most ${Math.round(maxUploadBytes / 1024 / 1024)} MB. The type is read from the bytes: PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, ODT, ODS, and UTF-8 .txt/.csv.`;

export async function readEvidenceUpload(request: FastifyRequest, maxUploadBytes: number): Promise<EvidenceUpload> {
  const { bytes, fileName, fields } = await readUploadedFile(request, maxUploadBytes);
  return { bytes, fileName, title: fields.title ?? null };
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
