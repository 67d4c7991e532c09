/**
 * Reading one evidence file from a multipart request: an optional `title`
 * field, then the `file`. The size limit is enforced while reading (413), so
 * an oversized file is never held whole in memory. Action reports and
 * civil-society contributions take evidence the same way.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest, HttpError } from '../http/errors';

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
