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
import { importReason, type Reason } from './reasons';
import type { ParsedFile } from './parse-file';
import { ImportFileError, type ImportFormat } from './types';

/**
 * The worker's heap: several times what reading a file within the limits
 * takes, and far below what would put the server at risk.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 32 };

/**
 * A worker is kept between imports (starting one and loading the parsers
 * takes about a second); it parses one file at a time, and an import that
 * finds it busy starts another. A worker that failed (out of memory,
 * crashed) is not reused.
 */
let idle: Worker | null = null;

function startWorker(): Worker {
  const worker = new Worker(new URL('./parse.worker.mjs', import.meta.url), { resourceLimits: WORKER_LIMITS });
  worker.unref(); // an idle worker does not keep the process alive
  worker.on('error', () => undefined); // an idle worker's failure is no one's: it is just not reused
  worker.on('exit', () => { if (idle === worker) idle = null; });
  return worker;
}

/**
 * Parses `input` in a worker; the file's hash comes back with the records.
 * With `handOver`, the bytes move to the worker without a copy when they own
 * their memory (a file read or uploaded whole): `input` is empty afterwards.
 */
export function parseInWorker(input: Buffer, fileName: string, format?: ImportFormat, handOver = false): Promise<ParsedFile> {
  // Its own memory: the whole ArrayBuffer, or one larger than Node's shared pool of small buffers (an upload read
  // into a buffer of the request's declared length holds the file and a little more: the view keeps the file).
  const own = handOver && input.buffer instanceof ArrayBuffer
    && (input.byteLength === input.buffer.byteLength || input.buffer.byteLength > Buffer.poolSize);
  const bytes = own ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  const worker = idle ?? startWorker();
  idle = null;
  worker.ref(); // busy: the process waits for its answer
  return new Promise((resolve, reject) => {
    const done = (reusable: boolean, fn: () => void) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && !idle) {
        worker.unref();
        idle = worker;
      } else void worker.terminate();
      fn();
    };
    const onMessage = (m: { ready?: true; ok?: ParsedFile; fileError?: Reason | string; error?: string; stack?: string }) => {
      if (m.ready) return;
      if (m.ok) done(true, () => resolve(m.ok!));
      else if (m.fileError !== undefined) done(true, () => reject(new ImportFileError(m.fileError!)));
      else done(false, () => reject(Object.assign(new Error(m.error), { stack: m.stack })));
    };
    const onError = (error: Error & { code?: string }) => done(false, () => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new ImportFileError(importReason('limit_memory')));
      else reject(error);
    });
    const onExit = (code: number) => done(false, () => reject(new Error(`the import worker stopped (exit code ${code})`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ input: bytes, fileName, format: format ?? null }, [bytes.buffer as ArrayBuffer]);
  });
}
