/**
 * The label suggestions as a scheduled job (server/platform/jobs/runner.ts, once per due time
 * across servers): retrains when the instance has no model yet, when the model is
 * SUGGEST_RETRAIN_HOURS old, or when SUGGEST_RETRAIN_LABELS labels were confirmed, assigned or
 * rejected since it trained; then scores what the model has not scored (everything after a
 * training, what imports brought otherwise). A failed training keeps the previous model, which
 * still scores new records.
 */
import type pg from 'pg';
import { scoreCatalogue } from './score-catalogue';
import * as repository from './suggestions.repository';
import { trainModel, type TrainedModel } from './train-models';

/** How often the job falls due: an import's records get suggestions within this many minutes. */
export const SUGGEST_JOB_MINUTES = 15;

export interface RetrainPolicy {
  retrainHours: number;
  retrainLabels: number;
}

/** Why a new model is due now, or null. */
export async function retrainReason(pool: pg.Pool, policy: RetrainPolicy, now: Date): Promise<string | null> {
  const model = await repository.latestModel(pool);
  if (!model) return 'no model yet';
  if (now.getTime() - model.trained_at.getTime() >= policy.retrainHours * 3_600_000) return `older than ${policy.retrainHours} hours`;
  const added = (await repository.confirmedLabelCount(pool)) - model.confirmed_labels;
  if (Math.abs(added) >= policy.retrainLabels) return `${added} labels confirmed since`;
  return null;
}

export async function runSuggestJob(pool: pg.Pool, policy: RetrainPolicy, now: Date) {
  const reason = await retrainReason(pool, policy, now);
  let trained: TrainedModel | null = null;
  let failure: unknown = null;
  if (reason) {
    try {
      trained = await trainModel(pool, { actor: 'system:suggest-train' });
    } catch (error) {
      failure = error;
    }
  }
  const scored = await scoreCatalogue(pool);
  if (failure) throw failure; // recorded in job_run; the previous model stays and scored the new records
  return { reason, trained: trained?.version ?? null, ...scored };
}
