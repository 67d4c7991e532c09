/**
 * Sparse vectors: indices ascending and unique, values beside them. The format every part of the
 * learning module passes around (classifier input, nearest examples, recurrence scores).
 */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export const emptyVector = (): SparseVector => ({ indices: new Uint32Array(0), values: new Float32Array(0) });

/** A sparse vector from index → value pairs (any order; zeros dropped). */
export function fromEntries(entries: Iterable<[number, number]>): SparseVector {
  const pairs = [...entries].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  const indices = new Uint32Array(pairs.length);
  const values = new Float32Array(pairs.length);
  pairs.forEach(([i, v], k) => {
    indices[k] = i;
    values[k] = v;
  });
  return { indices, values };
}

export function norm(v: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < v.values.length; k++) sum += v.values[k] * v.values[k];
  return Math.sqrt(sum);
}

/** The vector divided by its Euclidean length (a zero vector stays zero). Returns a new vector. */
export function l2Normalise(v: SparseVector): SparseVector {
  const n = norm(v);
  const values = new Float32Array(v.values.length);
  if (n > 0) for (let k = 0; k < values.length; k++) values[k] = v.values[k] / n;
  return { indices: v.indices, values };
}

/** Dot product of two sparse vectors (merge of the sorted indices). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const ai = a.indices;
  const bi = b.indices;
  while (i < ai.length && j < bi.length) {
    if (ai[i] === bi[j]) sum += a.values[i++] * b.values[j++];
    else if (ai[i] < bi[j]) i++;
    else j++;
  }
  return sum;
}

/** Cosine similarity in [-1, 1] (0 when either vector is zero). */
export function cosine(a: SparseVector, b: SparseVector): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

/** The k entries of largest value, renormalised to length 1: a compact stand-in for similarity search. */
export function keepLargest(v: SparseVector, k: number): SparseVector {
  if (v.values.length <= k) return v;
  const order = [...v.values.keys()].sort((x, y) => v.values[y] - v.values[x]).slice(0, k);
  order.sort((x, y) => v.indices[x] - v.indices[y]);
  return l2Normalise({ indices: Uint32Array.from(order, (x) => v.indices[x]), values: Float32Array.from(order, (x) => v.values[x]) });
}
