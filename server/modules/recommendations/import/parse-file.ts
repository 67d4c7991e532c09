/**
 * Bytes → records: detect the format (unless given), parse, and hash the file.
 * Runs in the import worker (parse.worker.mjs, started by parse-in-worker.ts).
 */
import { createHash } from 'node:crypto';
import { detectFormat, parsers } from './formats/detect';
import type { ImportFormat, ParseResult } from './types';

export interface ParsedFile extends ParseResult {
  format: ImportFormat;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

export async function parseFile(input: Buffer, fileName: string, format?: ImportFormat): Promise<ParsedFile> {
  const sha256 = createHash('sha256').update(input).digest('hex');
  const detected = format ?? (await detectFormat(input, fileName));
  const parsed = await parsers[detected](input, fileName);
  return { ...parsed, format: detected, sha256 };
}
