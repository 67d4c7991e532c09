import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/seeded-random';
import { LinearModel, mergeLabelRanges, objective, sigmoid, type TrainingExample, trainOneVsRest } from './classifier';
import { fromEntries } from './text';

/**
 * The reference: Newton's method on the same objective, dense, for one label
 * (C Σ log(1 + exp(−y (w·x + b))) + ½‖w‖², b not penalised). Converges to machine precision on a
 * small problem, so the optimiser under test is compared with the true minimum.
 */
function newton(X: number[][], y: number[], C: number): { w: number[]; b: number } {
  const d = X[0].length;
  let theta = new Array(d + 1).fill(0); // w then b
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Array(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    for (let j = 0; j < d; j++) {
      grad[j] = theta[j];
      H[j][j] = 1;
    }
    X.forEach((row, i) => {
      const xi = [...row, 1];
      const z = xi.reduce((s, v, j) => s + v * theta[j], 0);
      const p = sigmoid(z);
      const t = y[i] > 0 ? 1 : 0;
      for (let a = 0; a <= d; a++) {
        grad[a] += C * (p - t) * xi[a];
        for (let b = 0; b <= d; b++) H[a][b] += C * p * (1 - p) * xi[a] * xi[b];
      }
    });
    // Solve H · step = grad (Gaussian elimination with partial pivoting).
    const A = H.map((row, k) => [...row, grad[k]]);
    const m = d + 1;
    for (let c = 0; c < m; c++) {
      let pivot = c;
      for (let r = c + 1; r < m; r++) if (Math.abs(A[r][c]) > Math.abs(A[pivot][c])) pivot = r;
      [A[c], A[pivot]] = [A[pivot], A[c]];
      for (let r = c + 1; r < m; r++) {
        const factor = A[r][c] / A[c][c];
        for (let k = c; k <= m; k++) A[r][k] -= factor * A[c][k];
      }
    }
    const step = new Array(m).fill(0);
    for (let r = m - 1; r >= 0; r--) {
      let s = A[r][m];
      for (let k = r + 1; k < m; k++) s -= A[r][k] * step[k];
      step[r] = s / A[r][r];
    }
    theta = theta.map((v, k) => v - step[k]);
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  return { w: theta.slice(0, d), b: theta[d] };
}

function problem(seed: number, n: number, d: number) {
  const random = seededRandom(seed);
  const trueW = [
    [2, -1, 0.5, 0, 1.5],
    [-1, 2, 0, 1, -0.5],
  ];
  const X: number[][] = [];
  const examples: TrainingExample[] = [];
  for (let i = 0; i < n; i++) {
    // sparse rows: each feature present with probability 0.6
    const row = Array.from({ length: d }, () => (random() < 0.6 ? random() * 2 - 0.5 : 0));
    X.push(row);
    const labels: number[] = [];
    trueW.forEach((w, l) => {
      const z = row.reduce((s, v, j) => s + v * w[j], -0.3);
      if (random() < sigmoid(2 * z)) labels.push(l);
    });
    examples.push({ vector: fromEntries(row.map((v, j) => [j * 7 + 3, v] as [number, number])), labels });
  }
  return { X, examples };
}

describe('one-vs-rest logistic regression', () => {
  const d = 5;
  const C = 1.5;
  const { X, examples } = problem(7, 120, d);

  it('reaches the minimum that Newton’s method finds, label by label', () => {
    const model = trainOneVsRest(examples, 2, { C, epochs: 400, learningRate: 0.3, seed: 3, skipBelow: 0 });
    for (const label of [0, 1]) {
      const reference = newton(
        X,
        examples.map((e) => (e.labels.includes(label) ? 1 : -1)),
        C,
      );
      const learned = Array.from({ length: d }, (_, j) => model.weight(j * 7 + 3, label));
      for (let j = 0; j < d; j++) expect(Math.abs(learned[j] - reference.w[j])).toBeLessThan(0.03);
      expect(Math.abs(model.bias[label] - reference.b)).toBeLessThan(0.03);
      // The objective at the learned point is within 0.01% of the minimum.
      const referenceModel = new LinearModel(
        1,
        Uint32Array.from({ length: d }, (_, j) => j * 7 + 3),
        Float32Array.from(reference.w),
        Float64Array.of(reference.b),
      );
      const jMin = objective(
        referenceModel,
        0,
        examples.map((e) => ({ ...e, labels: e.labels.includes(label) ? [0] : [] })),
        C,
      );
      const jLearned = objective(model, label, examples, C);
      expect(jLearned).toBeGreaterThanOrEqual(jMin - 1e-9);
      expect((jLearned - jMin) / jMin).toBeLessThan(1e-4);
    }
  });

  it('stays close to the minimum when it skips examples already classified with a margin', () => {
    const model = trainOneVsRest(examples, 2, { C, epochs: 400, learningRate: 0.3, seed: 3, skipBelow: 1e-3 });
    const reference = newton(
      X,
      examples.map((e) => (e.labels.includes(0) ? 1 : -1)),
      C,
    );
    for (let j = 0; j < d; j++) expect(Math.abs(model.weight(j * 7 + 3, 0) - reference.w[j])).toBeLessThan(0.05);
  });

  it('weighs a label more when C is larger (less penalty), as the objective says', () => {
    const weak = trainOneVsRest(examples, 2, { C: 0.01, epochs: 200, learningRate: 0.3 });
    const strong = trainOneVsRest(examples, 2, { C: 10, epochs: 200, learningRate: 0.3 });
    const size = (m: LinearModel) => Math.hypot(...m.weights);
    expect(size(weak)).toBeLessThan(size(strong) / 5);
  });

  it('trains label ranges apart and merges them into the model trained whole', () => {
    const whole = trainOneVsRest(examples, 2, { C, epochs: 30, seed: 5 });
    const merged = mergeLabelRanges([
      trainOneVsRest(examples, 2, { C, epochs: 30, seed: 5, labelRange: [0, 1] }),
      trainOneVsRest(examples, 2, { C, epochs: 30, seed: 5, labelRange: [1, 2] }),
    ]);
    expect([...merged.features]).toEqual([...whole.features]);
    expect(Math.max(...merged.weights.map((w, k) => Math.abs(w - whole.weights[k])))).toBeLessThan(1e-6);
    expect([...merged.bias]).toEqual([...whole.bias].map((b) => expect.closeTo(b, 9)));
  });

  it('pushes a rejected label down on the example a person rejected it on', () => {
    const plain = trainOneVsRest(examples, 2, { C, epochs: 50, seed: 2 });
    const target = examples.findIndex((e) => !e.labels.includes(0));
    const withRejection = examples.map((e, i) => (i === target ? { ...e, rejected: [0] } : e));
    const rejected = trainOneVsRest(withRejection, 2, { C, epochs: 50, seed: 2, rejectedWeight: 20 });
    expect(rejected.scores(examples[target].vector)[0]).toBeLessThan(plain.scores(examples[target].vector)[0]);
  });
});
