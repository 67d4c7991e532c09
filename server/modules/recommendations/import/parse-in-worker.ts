/**
 * Parsing an import file off the calling thread: in a worker thread with a
 * capped heap. Reading a large file is CPU work that would otherwise stop the
 * server from answering anything else (health checks included) until it is
 * done; and should a file get past the limits checked while reading
 * (limits.ts), the worker runs out of memory, not the server: the import
 * fails with a clear reason and the server carries on.
 *
 * The web import and `npm run import` both come through here.
 */
import { Worker } from 'node:worker_threads';
import { englishReason } from './reasons';
import type { ParsedFile } from './parse-file';
import { ImportFileError, type ImportFormat } from './types';

/**
 * The worker's heap: several times what reading a file within the limits
 * takes, and far below what would put the server at risk.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 32 };

/**
 * Parses `input` in a worker; the file's hash comes back with the records.
 * With `handOver`, the bytes move to the worker without a copy when they own
 * their memory (a file read or uploaded whole): `input` is empty afterwards.
 */
export function parseInWorker(input: Buffer, fileName: string, format?: ImportFormat, handOver = false): Promise<ParsedFile> {
  const own = handOver && input.byteOffset === 0 && input.byteLength === input.buffer.byteLength && input.buffer instanceof ArrayBuffer;
  const bytes = own ? new Uint8Array(input.buffer) : new Uint8Array(input);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const worker = new Worker(new URL('./parse.worker.mjs', import.meta.url), {
      workerData: { input: bytes, fileName, format: format ?? null },
      transferList: [bytes.buffer as ArrayBuffer],
      resourceLimits: WORKER_LIMITS,
    });
    worker.on('message', (m: { ok?: ParsedFile; fileError?: string; error?: string; stack?: string }) => settle(() => {
      if (m.ok) resolve(m.ok);
      else if (m.fileError !== undefined) reject(new ImportFileError(m.fileError));
      else reject(Object.assign(new Error(m.error), { stack: m.stack }));
    }));
    worker.on('error', (error: Error & { code?: string }) => settle(() => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new ImportFileError(englishReason('limit_memory')));
      else reject(error);
    }));
    worker.on('exit', (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))));
  });
}
