/**
 * Training the instance's suggestion model (decision 0011): one version for every field, learned
 * from the labels confirmed in the instance (imported, set or accepted by a person; assignments
 * for institutions), with rejected suggestions as negative examples and the vocabularies' names
 * and SDG texts as a cold start. Each field trains in a worker thread (trainInWorker): a request
 * never waits on it. The model is stored in one transaction after every field trained: a
 * training that fails stores nothing, and the previous model stays the current one.
 */
import type pg from 'pg';
import { SUGGESTION_FIELDS, type SuggestionField } from '../../../shared/suggestions';
import { type AuditActor, writeAudit } from '../../platform/audit/audit';
import { inTransaction } from '../../platform/db/database';
import { type ReferenceField, referenceTexts } from '../learning/reference-texts';
import type { LabelledText, Quality, SuggesterSettings } from '../learning/suggester';
import { Suggester } from '../learning/suggester';
import { trainInWorker } from '../learning/train-in-worker';
import * as repository from './suggestions.repository';

/** Models whose bytes are kept (older versions keep their row: date, size, quality). */
const MODELS_KEPT = 3;

export type Train = (items: readonly LabelledText[], labels: readonly string[], settings?: Partial<SuggesterSettings>) => Promise<{ bytes: Uint8Array }>;

export interface TrainOptions {
  actor: Extract<AuditActor, string>;
  /** Trains a field (a worker thread; tests may pass another). */
  train?: Train;
  settings?: Partial<SuggesterSettings>;
}

export interface FieldQuality {
  training_size: number;
  labels: number;
  held_back: number;
  micro_f1: number;
  precision_at_1: number;
  recall_at_5: number;
  high_precision: number;
  high_coverage: number;
}

export interface TrainedModel {
  version: number;
  trainingSize: number;
  byteSize: number;
  millis: number;
  quality: Partial<Record<SuggestionField, FieldQuality>>;
}

const REFERENCE_FIELD: Partial<Record<SuggestionField, ReferenceField>> = {
  theme: 'theme', affected: 'affected_persons', sdg_goal: 'sdg_goal', sdg_target: 'sdg_target', upr_info_issue: 'upr_info_issue',
};

/** What each field learns from: labelled records with their rejections, and the field's reference texts. */
export async function trainingData(pool: pg.Pool): Promise<Map<SuggestionField, { items: LabelledText[]; labels: string[]; records: number }>> {
  const keys = await repository.confirmedKeys(pool);
  const byRecord = new Map<number, Map<SuggestionField, { labels: string[]; rejected: string[] }>>();
  for (const k of keys) {
    let fields = byRecord.get(k.recommendation_id);
    if (!fields) byRecord.set(k.recommendation_id, (fields = new Map()));
    let entry = fields.get(k.field);
    if (!entry) fields.set(k.field, (entry = { labels: [], rejected: [] }));
    (k.kind === 'label' ? entry.labels : entry.rejected).push(k.key);
  }
  const texts = new Map((await repository.textsOf(pool, [...byRecord.keys()])).map((t) => [t.id, t]));
  const usesUpr = await repository.usesUprInfoIssues(pool);
  const out = new Map<SuggestionField, { items: LabelledText[]; labels: string[]; records: number }>();
  for (const field of SUGGESTION_FIELDS) {
    if (field === 'upr_info_issue' && !usesUpr) continue;
    const labels = await repository.labelSpace(pool, field);
    if (labels.length === 0) continue;
    const items: LabelledText[] = [];
    for (const [id, fields] of byRecord) {
      const entry = fields.get(field);
      const text = texts.get(id);
      if (!entry || entry.labels.length === 0 || !text?.text) continue;
      items.push({ id, text: text.text, language: text.language, labels: entry.labels, rejected: entry.rejected });
    }
    const records = items.length;
    const reference = REFERENCE_FIELD[field];
    if (reference) items.push(...referenceTexts(reference));
    if (items.length === 0) continue;
    out.set(field, { items, labels, records });
  }
  return out;
}

function qualityOf(q: Quality, records: number, labels: number): FieldQuality {
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    training_size: records, labels, held_back: q.heldBack, micro_f1: r(q.microF1), precision_at_1: r(q.precisionAt1),
    recall_at_5: r(q.recallAt5), high_precision: r(q.highPrecision), high_coverage: r(q.highCoverage),
  };
}

/** Trains every field and stores the new model version; throws (storing nothing) when a field fails. */
export async function trainModel(pool: pg.Pool, options: TrainOptions): Promise<TrainedModel> {
  const started = performance.now();
  const confirmedLabels = await repository.confirmedLabelCount(pool);
  const data = await trainingData(pool);
  if (data.size === 0) throw new Error('nothing to learn from: no vocabulary, SDG or assignment');
  const train = options.train ?? trainInWorker;
  const fields: { field: SuggestionField; bytes: Uint8Array }[] = [];
  const quality: Partial<Record<SuggestionField, FieldQuality>> = {};
  let trainingSize = 0;
  for (const [field, { items, labels, records }] of data) {
    const { bytes } = await train(items, labels, options.settings);
    const suggester = Suggester.deserialise(bytes); // a model that cannot be read back is a failed training
    fields.push({ field, bytes });
    quality[field] = qualityOf(suggester.quality, records, labels.length);
    trainingSize = Math.max(trainingSize, records);
  }
  const millis = Math.round(performance.now() - started);
  const version = await inTransaction(pool, async (tx) => {
    const id = await repository.insertModel(tx, { trainedBy: options.actor, trainingSize, millis, confirmedLabels, quality, fields });
    await repository.pruneModelBytes(tx, MODELS_KEPT);
    await writeAudit(tx, {
      actor: options.actor, action: 'train', entity: 'suggestion_model', entityId: id,
      after: { training_size: trainingSize, fields: Object.keys(quality), quality },
    });
    return id;
  });
  return { version, trainingSize, byteSize: fields.reduce((n, f) => n + f.bytes.byteLength, 0), millis, quality };
}
