/**
 * Uploaded files: checked on their bytes against an allow-list, stored under a
 * generated name, read back only as downloads.
 *
 * The type the browser claims and the file's extension are not trusted: the
 * type is detected from the content (file-type reads the signatures, and looks
 * inside ZIP containers to tell a DOCX from any ZIP). Plain text has no
 * signature, so it is accepted only when named .txt or .csv and its bytes
 * are valid UTF-8 without control characters.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** Media types accepted as evidence, with the extension a download gets. */
export const ALLOWED_MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

export interface StoredUpload {
  storedName: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export type UploadRefusal = 'file_empty' | 'file_type_not_allowed';

const STORED_NAME = /^[0-9a-f-]{36}\.[a-z]{3,4}$/;
const TEXT_EXTENSIONS: Record<string, string> = { '.txt': 'text/plain', '.csv': 'text/csv' };

/** The media type of the bytes if it is on the allow-list, else why not. */
export async function detectMediaType(bytes: Buffer, fileName: string): Promise<{ mediaType: string } | { refused: UploadRefusal }> {
  if (bytes.length === 0) return { refused: 'file_empty' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return ALLOWED_MEDIA_TYPES[detected.mime] ? { mediaType: detected.mime } : { refused: 'file_type_not_allowed' };
  const textType = TEXT_EXTENSIONS[path.extname(fileName).toLowerCase()];
  if (textType && isPlainText(bytes)) return { mediaType: textType };
  return { refused: 'file_type_not_allowed' };
}

function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Tabs, line breaks and form feeds are text; any other control character means binary.
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/**
 * A display name safe to show and to put in a download header: no path, no
 * control characters, at most 200 characters, never empty.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(-200);
  return clean || 'file';
}

/** UPLOAD_DIR cannot take files: the server does not start. */
export class UploadDirUnwritable extends Error {}

export class UploadStore {
  constructor(readonly directory: string) {}

  /**
   * Creates the directory if needed and proves it takes a file (a probe written
   * and removed): checked at start-up, so a missing mount or a read-only share
   * stops the server with a plain sentence instead of failing the first upload.
   */
  async ensureWritable(): Promise<void> {
    const probe = path.join(this.directory, `.write-check-${randomUUID()}`);
    try {
      await fs.promises.mkdir(this.directory, { recursive: true, mode: 0o700 });
      await fs.promises.writeFile(probe, 'ok', { flag: 'wx', mode: 0o600 });
      await fs.promises.rm(probe, { force: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UploadDirUnwritable(`UPLOAD_DIR ${this.directory} is not a writable directory (${reason}): evidence files could not be stored. `
        + 'Create it and let the server write there (with several app servers, mount the same shared directory on each).');
    }
  }

  /** Writes the bytes under a new random name (never overwriting) and describes them. */
  async store(bytes: Buffer, fileName: string, mediaType: string): Promise<StoredUpload> {
    await fs.promises.mkdir(this.directory, { recursive: true, mode: 0o700 });
    const storedName = `${randomUUID()}.${ALLOWED_MEDIA_TYPES[mediaType]}`;
    await fs.promises.writeFile(this.pathOf(storedName), bytes, { flag: 'wx', mode: 0o600 });
    return { storedName, fileName: cleanFileName(fileName), mediaType, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  /** Removes a stored file; a file already gone is not an error. */
  async remove(storedName: string): Promise<void> {
    await fs.promises.rm(this.pathOf(storedName), { force: true });
  }

  open(storedName: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(storedName));
  }

  exists(storedName: string): boolean {
    return fs.existsSync(this.pathOf(storedName));
  }

  /** Stored files last written before `before` (candidates for the orphan sweep). */
  async filesOlderThan(before: Date): Promise<string[]> {
    const names = await fs.promises.readdir(this.directory).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names.filter((n) => STORED_NAME.test(n))) {
      const stat = await fs.promises.stat(path.join(this.directory, name)).catch(() => null);
      if (stat && stat.mtime < before) old.push(name);
    }
    return old;
  }

  private pathOf(storedName: string): string {
    // Stored names are generated here (uuid + known extension); refuse anything else as a path.
    if (!STORED_NAME.test(storedName)) throw new Error(`not a stored file name: ${storedName}`);
    return path.join(this.directory, storedName);
  }
}
