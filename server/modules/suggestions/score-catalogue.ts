/**
 * Writes the current model's pending suggestions for the recommendations it has not scored yet:
 * after a training every record, later only what imports brought (at once, when the import asked for
 * it: scoreRecommendations). The scoring runs in a worker
 * thread (score.worker.mjs); each batch's suggestions are written in one transaction.
 */
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { SUGGESTIONS_PER_FIELD, type SuggestionField } from '../../../shared/suggestions';
import { inTransaction } from '../../platform/db/database';
import * as repository from './suggestions.repository';

const BATCH = 2000;

interface Scored {
  recommendation_id: number;
  field: SuggestionField;
  key: string;
  confidence: number;
  band: 'high' | 'medium';
}

function scoreInWorker(fields: { field: string; bytes: Buffer }[], records: unknown[]): Promise<Scored[]> {
  const worker = new Worker(new URL('./score.worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return new Promise<Scored[]>((resolve, reject) => {
    worker.once('message', (m: { ok?: Scored[]; error?: string; stack?: string }) => {
      if (m.ok) resolve(m.ok);
      else reject(Object.assign(new Error(m.error), { stack: m.stack }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the scoring worker stopped (exit code ${code})`)));
    worker.postMessage({ fields: fields.map((f) => ({ field: f.field, bytes: new Uint8Array(f.bytes) })), records, limit: SUGGESTIONS_PER_FIELD });
  }).finally(() => void worker.terminate());
}

/** Scores what the newest model has not; returns how many recommendations it scored. */
export async function scoreCatalogue(pool: pg.Pool): Promise<{ model: number | null; scored: number; pending: number }> {
  const model = await repository.latestModel(pool);
  if (!model) return { model: null, scored: 0, pending: 0 };
  const fields = await repository.modelFields(pool, model.id);
  let scored = 0;
  let pending = 0;
  for (;;) {
    const ids = await repository.unscored(pool, model.id, BATCH);
    if (ids.length === 0) break;
    const written = await scoreBatch(pool, model.id, fields, ids);
    if (written === null) break;
    scored += ids.length;
    pending += written;
  }
  return { model: model.id, scored, pending };
}

/**
 * Scores these recommendations with the newest model now, whether it scored them before or not
 * (an import's new and changed records, right after the import committed).
 */
export async function scoreRecommendations(pool: pg.Pool, ids: number[]): Promise<{ model: number | null; scored: number; pending: number }> {
  const model = await repository.latestModel(pool);
  if (!model || ids.length === 0) return { model: model?.id ?? null, scored: 0, pending: 0 };
  const fields = await repository.modelFields(pool, model.id);
  let scored = 0;
  let pending = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const written = await scoreBatch(pool, model.id, fields, batch);
    if (written === null) break; // a newer model stored meanwhile scores them all again
    scored += batch.length;
    pending += written;
  }
  return { model: model.id, scored, pending };
}

/** Scores one batch and writes its pending suggestions; null when a newer model was stored meanwhile. */
async function scoreBatch(pool: pg.Pool, modelId: number, fields: { field: string; bytes: Buffer }[], ids: number[]): Promise<number | null> {
  const texts = await repository.textsOf(pool, ids);
  const exclude = new Map<number, Record<string, string[]>>();
  for (const k of await repository.confirmedKeys(pool, ids)) {
    const e = exclude.get(k.recommendation_id) ?? {};
    (e[k.field] ??= []).push(k.key);
    exclude.set(k.recommendation_id, e);
  }
  const records = texts.map((t) => ({ id: t.id, text: t.text, language: t.language, exclude: exclude.get(t.id) ?? {} }));
  const suggestions = await scoreInWorker(fields, records);
  const termIds = await repository.termIds(pool);
  const rows: repository.PendingRow[] = [];
  for (const s of suggestions) {
    const value = s.field === 'institution' || s.field === 'sdg_goal' || s.field === 'sdg_target'
      ? s.key
      : termIds.get(`${repository.LABEL_VOCABULARY[s.field]}:${s.key}`);
    if (value !== undefined) rows.push({ ...s, value });
  }
  // Only records that still exist: one deleted since it was read gets no suggestions.
  const present = new Set(texts.map((t) => t.id));
  return inTransaction(pool, async (tx) => {
    // A newer model stored meanwhile scores everything again: this batch is not written.
    const now = await repository.latestModel(tx);
    if (now?.id !== modelId) return null;
    await repository.replacePending(tx, modelId, ids.filter((id) => present.has(id)), rows);
    return rows.length;
  });
}
