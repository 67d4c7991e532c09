/**
 * Reads import files in a worker thread (see parse-in-worker.ts). Plain
 * JavaScript so that Node starts it as it is, under the app and under the
 * test runner; the parsers themselves are TypeScript, loaded through tsx.
 *
 * In: messages { input (bytes), fileName, format }, one at a time. Out: one
 * message for each, { ok: ParsedFile } or { fileError: reason or message } (an
 * ImportFileError's reason, else its message) or { error: message, stack }.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseFile } = await import('./parse-file.ts');
const { ImportFileError } = await import('./types.ts');

parentPort.on('message', async ({ input, fileName, format }) => {
  try {
    const parsed = await parseFile(Buffer.from(input.buffer, input.byteOffset, input.byteLength), fileName, format ?? undefined);
    parentPort.postMessage({ ok: parsed });
  } catch (error) {
    if (error instanceof ImportFileError) parentPort.postMessage({ fileError: error.reason ?? error.message });
    else parentPort.postMessage({ error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
});
parentPort.postMessage({ ready: true });
