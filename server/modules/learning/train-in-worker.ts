/**
 * Training off the server's thread. trainInWorker runs trainSuggester in a worker thread, which
 * trains label ranges in further workers (settings.parts, one per core by default), all reading
 * the same examples from shared memory. A request never waits on training, and a training that
 * fails (out of memory included) fails alone: the caller keeps the model it had.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { LinearModel, type TrainingExample, type TrainOptions } from './classifier';
import { type PackedExamples, packExamples } from './packed-examples';
import type { LabelledText, SuggesterSettings } from './suggester';

/** Heap of a training worker: the 27.5k-record benchmark peaks far below it. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 64 };

function run<T>(file: string, message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
  const worker = new Worker(new URL(file, import.meta.url), { resourceLimits: WORKER_LIMITS });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (m: { ok?: T; error?: string; stack?: string }) => {
      void worker.terminate();
      if (m.ok !== undefined) resolve(m.ok);
      else reject(Object.assign(new Error(m.error), { stack: m.stack }));
    });
    worker.once('error', (error) => {
      void worker.terminate();
      reject(error);
    });
    worker.once('exit', (code) => reject(new Error(`the training worker stopped (exit code ${code})`)));
    worker.postMessage(message, transfer);
  });
}

const packed = new WeakMap<readonly TrainingExample[], PackedExamples>();

/** Trains one label range in its own worker; the examples are packed once into shared memory. */
export async function trainPartInWorker(
  examples: readonly TrainingExample[],
  labelCount: number,
  options: Partial<TrainOptions>,
): Promise<LinearModel> {
  let shared = packed.get(examples);
  if (!shared) {
    shared = packExamples(examples);
    packed.set(examples, shared);
  }
  const m = await run<{ labelCount: number; features: Uint32Array; weights: Float32Array; bias: Float64Array }>('./train-part.worker.mjs', {
    examples: shared,
    labelCount,
    options,
  });
  return new LinearModel(m.labelCount, m.features, m.weights, m.bias);
}

export interface WorkerTraining {
  bytes: Uint8Array;
  timings: { vectoriseMs: number; heldBackTrainMs: number; finalTrainMs: number };
}

/** Trains a suggester in a worker thread; resolves with the serialised suggester. */
export function trainInWorker(
  items: readonly LabelledText[],
  labels: readonly string[],
  settings: Partial<SuggesterSettings> = {},
): Promise<WorkerTraining> {
  const parts = settings.parts ?? Math.max(1, Math.min(2, os.availableParallelism()));
  return run<WorkerTraining>('./train.worker.mjs', { items, labels, settings: { ...settings, parts } });
}
