/**
 * Trains a whole suggester in a worker thread (see train-in-worker.ts): the texts' features, the
 * held-back fit and the final fit, label ranges in further workers. The server's thread only
 * sends the texts and receives the model's bytes.
 *
 * In: { items, labels, settings }. Out: { ok: { bytes, timings } } or { error, stack }.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainSuggester } = await import('./suggester.ts');
const { trainPartInWorker } = await import('./train-in-worker.ts');

parentPort.on('message', async ({ items, labels, settings }) => {
  try {
    const { suggester, timings } = await trainSuggester(items, labels, trainPartInWorker, settings);
    const bytes = suggester.serialise();
    parentPort.postMessage({ ok: { bytes, timings } }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
});
