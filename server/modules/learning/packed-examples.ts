/**
 * Training examples in flat arrays over SharedArrayBuffers: what worker threads share without a
 * copy when they train label ranges of the same examples at once.
 */
import type { TrainingExample } from './classifier';

export interface PackedExamples {
  offsets: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
  labelOffsets: Uint32Array;
  labels: Uint16Array;
  rejectedOffsets: Uint32Array;
  rejected: Uint16Array;
}

function shared<T extends Uint32Array | Float32Array | Uint16Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

export function packExamples(examples: readonly TrainingExample[]): PackedExamples {
  const n = examples.length;
  const offsets = shared(Uint32Array, n + 1);
  const labelOffsets = shared(Uint32Array, n + 1);
  const rejectedOffsets = shared(Uint32Array, n + 1);
  examples.forEach((e, i) => {
    offsets[i + 1] = offsets[i] + e.vector.indices.length;
    labelOffsets[i + 1] = labelOffsets[i] + e.labels.length;
    rejectedOffsets[i + 1] = rejectedOffsets[i] + (e.rejected?.length ?? 0);
  });
  const indices = shared(Uint32Array, offsets[n]);
  const values = shared(Float32Array, offsets[n]);
  const labels = shared(Uint16Array, labelOffsets[n]);
  const rejected = shared(Uint16Array, rejectedOffsets[n]);
  examples.forEach((e, i) => {
    indices.set(e.vector.indices, offsets[i]);
    values.set(e.vector.values, offsets[i]);
    labels.set(e.labels, labelOffsets[i]);
    if (e.rejected?.length) rejected.set(e.rejected, rejectedOffsets[i]);
  });
  return { offsets, indices, values, labelOffsets, labels, rejectedOffsets, rejected };
}

/** Views over the packed arrays (no copy). */
export function unpackExamples(p: PackedExamples): TrainingExample[] {
  const n = p.offsets.length - 1;
  const out: TrainingExample[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      vector: { indices: p.indices.subarray(p.offsets[i], p.offsets[i + 1]), values: p.values.subarray(p.offsets[i], p.offsets[i + 1]) },
      labels: Array.from(p.labels.subarray(p.labelOffsets[i], p.labelOffsets[i + 1])),
      rejected: Array.from(p.rejected.subarray(p.rejectedOffsets[i], p.rejectedOffsets[i + 1])),
    });
  }
  return out;
}
