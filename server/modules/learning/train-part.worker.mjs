/**
 * Trains one label range of a one-vs-rest model in a worker thread (see train-in-worker.ts).
 * Plain JavaScript so that Node starts it as it is; the trainer is TypeScript, loaded through tsx.
 *
 * In: { examples (PackedExamples over SharedArrayBuffers), labelCount, options }. Out: { ok:
 * { labelCount, features, weights, bias } } (buffers transferred) or { error, stack }.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainOneVsRest } = await import('./classifier.ts');
const { unpackExamples } = await import('./packed-examples.ts');

parentPort.on('message', ({ examples, labelCount, options }) => {
  try {
    const model = trainOneVsRest(unpackExamples(examples), labelCount, options);
    const { features, weights, bias } = model;
    parentPort.postMessage({ ok: { labelCount: model.labelCount, features, weights, bias } }, [
      features.buffer,
      weights.buffer,
      bias.buffer,
    ]);
  } catch (error) {
    parentPort.postMessage({
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
});
