/**
 * `npm run bench:suggest`: quality and cost of label suggestions (server/modules/learning) on real
 * labelled recommendations, read from ../shared/data at run time (their texts are not in this
 * repository).
 *
 *   1. UPR Info, 54 issues: train on sessions 1–15 (27,510 recommendations), test on sessions
 *      16–20 (13,556). Trained as the server trains: in a worker thread, label ranges in further
 *      workers. Micro-F1 (the decision threshold tuned on held-back training records, the top label
 *      always kept), P@1, R@5, and the high band's precision and coverage on the test sessions;
 *      training time (wall and CPU), peak memory of the process (workers included), suggestion
 *      latency per recommendation (all labels scored, three examples and the weighing words for
 *      each of the five best).
 *   2. OHCHR's thematic list for Slovenia, UPR cycle 3 (215 recommendations), 5-fold
 *      cross-validation on the instance's canonical term keys (variant wordings mapped through the
 *      vocabulary's aliases), with the reference texts a new instance has (vocabulary labels in
 *      four languages, SDG goal and target texts): themes and affected persons P@1 and R@5, SDG
 *      goals R@5.
 *
 * Prints one JSON object on stdout, then a one-line summary with met/missed per target; progress
 * on stderr. Says so plainly and stops when ../shared/data (or SHARED_DATA) is absent.
 *
 * Options: --quick (BENCH_QUICK=1): UPR Info training on 4,000 recommendations, tested on 2,000.
 *          --slovenia (BENCH_SLOVENIA=1): the Slovenia part only (seconds rather than minutes), its
 *          figures and targets only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainOneVsRest } from '../server/modules/learning/classifier';
import { referenceTexts } from '../server/modules/learning/reference-texts';
import {
  bandQuality,
  type LabelledText,
  microF1,
  predictedSets,
  rankingQuality,
  Suggester,
  trainSuggester,
} from '../server/modules/learning/suggester';
import { trainInWorker } from '../server/modules/learning/train-in-worker';
import { termKey, vocabularySources } from '../server/db/seeds/reference';
import { normaliseLabel } from '../shared/labels';
import { readBenchOptions } from './lib/options';
import { readSlovenia, readUprInfo, sharedDataRoot, sloveniaFile, uprInfoFile } from './lib/suggest-data';
import { log, machine, round, summarise } from './lib/stats';

const TARGETS = {
  upr_micro_f1: 0.88,
  upr_p_at_1: 0.93,
  upr_r_at_5: 0.96,
  upr_high_precision: 0.97,
  upr_high_coverage: 0.6,
  slovenia_themes_p_at_1: 0.75,
  slovenia_themes_r_at_5: 0.8,
  slovenia_sdg_goals_r_at_5: 0.95,
  training_seconds: 120,
  training_peak_mb: 1024,
  suggestion_ms: 5,
};

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = readBenchOptions(['quick', 'slovenia']);
const quick = options.flag('quick', 'BENCH_QUICK');
const sloveniaOnly = options.flag('slovenia', 'BENCH_SLOVENIA');
const root = sharedDataRoot(projectRoot);
const loadAtStart = os.loadavg()[0];

if (!fs.existsSync(uprInfoFile(root)) || !fs.existsSync(sloveniaFile(root))) {
  console.log(
    JSON.stringify(
      { skipped: 'the shared data is absent: this benchmark needs the UPR Info corpus and the Slovenia thematic list', looked_in: root },
      null,
      2,
    ),
  );
  console.log(`suggest benchmark skipped: ../shared/data is absent (looked in ${root}; set SHARED_DATA to point elsewhere)`);
  process.exit(0);
}

const r3 = (v: number | null | undefined) => round(v ?? null, 3);

async function uprInfo() {
  const rows = readUprInfo(uprInfoFile(root));
  let train = rows.filter((r) => r.session <= 15);
  let test = rows.filter((r) => r.session >= 16);
  if (quick) {
    train = train.filter((_, i) => i % Math.ceil(train.length / 4000) === 0);
    test = test.filter((_, i) => i % Math.ceil(test.length / 2000) === 0);
  }
  const labels = [...new Set(rows.flatMap((r) => r.labels))].sort();
  log(`UPR Info: training on ${train.length} recommendations, ${labels.length} issues, in worker threads`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { bytes, timings } = await trainInWorker(
    train.map((r) => ({ id: r.id, text: r.text, language: r.language, labels: r.labels })),
    labels,
  );
  const trainingMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const suggester = Suggester.deserialise(bytes);
  log(`trained in ${Math.round(trainingMs / 1000)} s; testing on ${test.length}`);

  const index = new Map(labels.map((l, i) => [l, i]));
  const gold = test.map((r) => r.labels.map((l) => index.get(l)!).filter((l) => l !== undefined));
  const scoring: number[] = [];
  const probabilities = test.map((r) => {
    const t = performance.now();
    const p = suggester.probabilities(suggester.vector(r));
    scoring.push(performance.now() - t);
    return p;
  });
  const ranking = rankingQuality(probabilities, gold);
  const high = bandQuality(probabilities, gold, suggester.highThreshold);
  const withReasons: number[] = [];
  for (const r of test.slice(0, 500)) {
    const t = performance.now();
    suggester.suggest(r, 5);
    withReasons.push(performance.now() - t);
  }
  return {
    train_records: train.length,
    test_records: test.length,
    labels: labels.length,
    micro_f1: r3(microF1(predictedSets(probabilities, suggester.threshold), gold)),
    p_at_1: r3(ranking.precisionAt1),
    r_at_5: r3(ranking.recallAtK),
    high_precision: r3(high.precision),
    high_coverage: r3(high.coverage),
    decision_threshold: r3(suggester.threshold),
    high_threshold: r3(suggester.highThreshold),
    held_back_quality: suggester.quality,
    training_wall_s: round(trainingMs / 1000, 1),
    training_cpu_s: round((cpu.user + cpu.system) / 1e6, 1),
    training_phases_s: {
      features: round(timings.vectoriseMs / 1000, 1),
      held_back_fit: round(timings.heldBackTrainMs / 1000, 1),
      final_fit: round(timings.finalTrainMs / 1000, 1),
    },
    peak_rss_mb: Math.round(peakMb),
    model_mb: round(bytes.byteLength / 2 ** 20, 1),
    scoring_ms: summarise(scoring),
    suggestion_with_reasons_ms: summarise(withReasons),
  };
}

/** Slovenia cycle 3, 5 folds (seeded), one field: P@1 and R@5 over the test folds. */
async function sloveniaField(records: { id: number; text: string; labels: string[] }[], references: LabelledText[]) {
  const labels = [...new Set([...records.flatMap((r) => r.labels), ...references.flatMap((r) => r.labels)])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const folds = 5;
  const probabilities: Float64Array[] = [];
  const gold: number[][] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = records.filter((_, i) => i % folds !== fold);
    const test = records.filter((_, i) => i % folds === fold);
    const { suggester } = await trainSuggester(
      [...train.map((r) => ({ ...r, language: 'en' })), ...references],
      labels,
      async (examples, count, o) => trainOneVsRest(examples, count, o),
      { train: { epochs: 20 } },
    );
    for (const r of test) {
      probabilities.push(suggester.probabilities(suggester.vector({ text: r.text, language: 'en' })));
      gold.push(r.labels.map((l) => index.get(l)!));
    }
  }
  const ranking = rankingQuality(probabilities, gold);
  // Where it falls short: the gold labels most often outside the five best, and the wrong first labels most often given.
  const missed = new Map<string, number>();
  const wrongFirst = new Map<string, number>();
  const seen = new Map<string, number>();
  probabilities.forEach((p, k) => {
    const order = [...p.keys()].sort((a, b) => p[b] - p[a]);
    const top = new Set(order.slice(0, 5));
    for (const l of gold[k]) {
      seen.set(labels[l], (seen.get(labels[l]) ?? 0) + 1);
      if (!top.has(l)) missed.set(labels[l], (missed.get(labels[l]) ?? 0) + 1);
    }
    if (!gold[k].includes(order[0])) wrongFirst.set(labels[order[0]], (wrongFirst.get(labels[order[0]]) ?? 0) + 1);
  });
  const most = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 8)
    .map(([label, n]) => ({ label, n, of: seen.get(label) ?? 0 }));
  return {
    records: records.length,
    labels_seen: new Set(records.flatMap((r) => r.labels)).size,
    p_at_1: r3(ranking.precisionAt1),
    r_at_5: r3(ranking.recallAtK),
    ...(sloveniaOnly ? { missed_in_top_5: most(missed), wrong_first: most(wrongFirst) } : {}),
  };
}

async function slovenia() {
  const sources = vocabularySources();
  const canonical = (vocabulary: string, label: string) => {
    const source = sources.find((s) => s.vocabulary === vocabulary)!;
    return termKey(source.variants.get(normaliseLabel(label)) ?? label);
  };
  // Interleave the order once (seeded by position) so that folds mix the list's headings.
  const rows = readSlovenia(sloveniaFile(root)).filter((r) => r.cycle === 3);
  const shuffled = rows
    .map((r, i) => ({ r, k: (i * 7919) % 997 }))
    .sort((a, b) => a.k - b.k)
    .map(({ r }) => r);
  log(`Slovenia cycle 3: ${rows.length} recommendations, 5 folds per field`);
  const field = (pick: (r: (typeof rows)[number]) => string[]) =>
    shuffled.map((r) => ({ id: r.id, text: r.text, labels: pick(r) })).filter((r) => r.labels.length > 0);
  return {
    themes: await sloveniaField(
      field((r) => r.themes.map((t) => canonical('theme', t))),
      referenceTexts('theme'),
    ),
    affected_persons: await sloveniaField(
      field((r) => r.affected.map((t) => canonical('affected_persons', t))),
      referenceTexts('affected_persons'),
    ),
    sdg_goals: await sloveniaField(
      field((r) => r.sdgGoals),
      referenceTexts('sdg_goal'),
    ),
  };
}

if (sloveniaOnly) {
  const slo = await slovenia();
  const met = {
    slovenia_themes_p_at_1: (slo.themes.p_at_1 ?? 0) >= TARGETS.slovenia_themes_p_at_1,
    slovenia_themes_r_at_5: (slo.themes.r_at_5 ?? 0) >= TARGETS.slovenia_themes_r_at_5,
    slovenia_sdg_goals_r_at_5: (slo.sdg_goals.r_at_5 ?? 0) >= TARGETS.slovenia_sdg_goals_r_at_5,
  };
  console.log(JSON.stringify({ corpus: 'Slovenia cycle 3 only', machine: machine(loadAtStart), slovenia_cycle3: slo, met }, null, 2));
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`suggest (Slovenia only): themes P@1 ${slo.themes.p_at_1} (${mark(met.slovenia_themes_p_at_1)}) R@5 ${slo.themes.r_at_5} `
    + `(${mark(met.slovenia_themes_r_at_5)}), affected P@1 ${slo.affected_persons.p_at_1} R@5 ${slo.affected_persons.r_at_5}, `
    + `SDG goals R@5 ${slo.sdg_goals.r_at_5} (${mark(met.slovenia_sdg_goals_r_at_5)}); load ${round(loadAtStart, 1)} on ${os.cpus().length} CPUs`);
  process.exit(0);
}
const upr = await uprInfo();
const slo = await slovenia();
const met = {
  upr_micro_f1: (upr.micro_f1 ?? 0) >= TARGETS.upr_micro_f1,
  upr_p_at_1: (upr.p_at_1 ?? 0) >= TARGETS.upr_p_at_1,
  upr_r_at_5: (upr.r_at_5 ?? 0) >= TARGETS.upr_r_at_5,
  upr_high_precision: (upr.high_precision ?? 0) >= TARGETS.upr_high_precision,
  upr_high_coverage: (upr.high_coverage ?? 0) >= TARGETS.upr_high_coverage,
  slovenia_themes_p_at_1: (slo.themes.p_at_1 ?? 0) >= TARGETS.slovenia_themes_p_at_1,
  slovenia_themes_r_at_5: (slo.themes.r_at_5 ?? 0) >= TARGETS.slovenia_themes_r_at_5,
  slovenia_sdg_goals_r_at_5: (slo.sdg_goals.r_at_5 ?? 0) >= TARGETS.slovenia_sdg_goals_r_at_5,
  training_seconds: (upr.training_wall_s ?? Infinity) <= TARGETS.training_seconds,
  training_peak_mb: upr.peak_rss_mb <= TARGETS.training_peak_mb,
  suggestion_ms: (upr.suggestion_with_reasons_ms.p50_ms ?? Infinity) <= TARGETS.suggestion_ms,
};
const report = {
  corpus: quick
    ? 'UPR Info (quick: 4,000 training, 2,000 test recommendations) + Slovenia cycle 3'
    : 'UPR Info sessions 1-15 → 16-20 + Slovenia cycle 3',
  machine: machine(loadAtStart),
  method:
    'word 1-2-gram + character 3-5-gram TF-IDF (hashed, Snowball stems for words), one-vs-rest logistic regression (C=8, AdaGrad, 5 epochs), Platt calibration, one decision threshold (micro-F1) and a high band (≥ 97.5% precise) tuned on 10% of the training records held back, then refit on all; top label always kept',
  upr_info: upr,
  slovenia_cycle3: slo,
  targets: TARGETS,
  met,
};
console.log(JSON.stringify(report, null, 2));
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log(
  `suggest: UPR Info micro-F1 ${upr.micro_f1} (${mark(met.upr_micro_f1)}), P@1 ${upr.p_at_1} (${mark(met.upr_p_at_1)}), R@5 ${upr.r_at_5} (${mark(met.upr_r_at_5)}), ` +
    `high band ${upr.high_precision} precise (${mark(met.upr_high_precision)}) covering ${upr.high_coverage} (${mark(met.upr_high_coverage)}); ` +
    `Slovenia themes P@1 ${slo.themes.p_at_1} (${mark(met.slovenia_themes_p_at_1)}) R@5 ${slo.themes.r_at_5} (${mark(met.slovenia_themes_r_at_5)}), ` +
    `SDG goals R@5 ${slo.sdg_goals.r_at_5} (${mark(met.slovenia_sdg_goals_r_at_5)}); ` +
    `training ${upr.training_wall_s} s wall / ${upr.training_cpu_s} s CPU (${mark(met.training_seconds)}), peak ${upr.peak_rss_mb} MB (${mark(met.training_peak_mb)}), ` +
    `suggestion p50 ${upr.suggestion_with_reasons_ms.p50_ms} ms (${mark(met.suggestion_ms)}); load ${round(loadAtStart, 1)} on ${os.cpus().length} CPUs`,
);
