/**
 * Reads one import file in a worker thread (see parse-in-worker.ts). Plain
 * JavaScript so that Node starts it as it is, under the app and under the
 * test runner; the parsers themselves are TypeScript, loaded through tsx.
 *
 * In: `workerData` { input (bytes), fileName, format }. Out: one message,
 * { ok: ParsedFile } or { fileError: message } (an ImportFileError, its
 * English reason) or { error: message, stack }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseFile } = await import('./parse-file.ts');
const { ImportFileError } = await import('./types.ts');

const { input, fileName, format } = workerData;
try {
  const parsed = await parseFile(Buffer.from(input.buffer, input.byteOffset, input.byteLength), fileName, format ?? undefined);
  parentPort.postMessage({ ok: parsed });
} catch (error) {
  if (error instanceof ImportFileError) parentPort.postMessage({ fileError: error.message });
  else parentPort.postMessage({ error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
}
