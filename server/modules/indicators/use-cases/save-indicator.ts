/**
 * Define an indicator for an institution, or change it (with the version the
 * editor started from), with its links to recommendations and to the
 * institution's own actions. One transaction with its audit row.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { indicatorInputSchema, indicatorPatchSchema } from '../../../../shared/indicators';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import { findInstitution } from '../../institutions/institutions.repository';
import * as repository from '../indicators.repository';

type Input = z.infer<typeof indicatorInputSchema>;
type Patch = z.infer<typeof indicatorPatchSchema>;

async function checked(tx: pg.PoolClient, institutionId: number, input: Omit<Input, 'institution_id'>): Promise<repository.IndicatorValues> {
  if (input.sdg_indicator && !(await repository.sdgIndicatorExists(tx, input.sdg_indicator))) {
    throw badRequest('indicator_sdg_unknown', { code: input.sdg_indicator });
  }
  if (input.baseline && input.target && input.target.date < input.baseline.date) throw badRequest('indicator_target_before_baseline');
  const missing = await repository.missingRecommendations(tx, input.recommendation_ids);
  if (missing) throw badRequest('indicator_recommendations_unknown', { count: missing });
  const foreign = await repository.foreignActions(tx, institutionId, input.action_ids);
  if (foreign) throw badRequest('indicator_actions_foreign', { count: foreign });
  return {
    name: input.name as Record<string, string>, kind: input.kind, unit: input.unit,
    baseline_value: input.baseline?.value ?? null, baseline_date: input.baseline?.date ?? null,
    target_value: input.target?.value ?? null, target_date: input.target?.date ?? null,
    disaggregation: [...new Set(input.disaggregation)], sdg_indicator: input.sdg_indicator ?? null,
    data_source: input.data_source ?? null, frequency: input.frequency,
  };
}

export async function createIndicator(pool: pg.Pool, actor: Actor, input: Input): Promise<number> {
  authorize(actor, 'indicator:manage', { institutionId: input.institution_id });
  return inTransaction(pool, async (tx) => {
    if (!(await findInstitution(tx, input.institution_id))) throw badRequest('institution_unknown');
    const id = await repository.insertIndicator(tx, input.institution_id, await checked(tx, input.institution_id, input), actor.userId);
    await repository.replaceLinks(tx, id, [...new Set(input.recommendation_ids)], [...new Set(input.action_ids)]);
    await writeAudit(tx, { actor, action: 'create', entity: 'indicator', entityId: id, after: await repository.findIndicator(tx, id) });
    return id;
  });
}

export async function updateIndicator(pool: pg.Pool, actor: Actor, id: number, patch: Patch): Promise<void> {
  requireSignedIn(actor);
  await inTransaction(pool, async (tx) => {
    const before = await repository.findIndicator(tx, id, true);
    if (!before) throw notFound();
    authorize(actor, 'indicator:manage', { institutionId: before.institution_id });
    if (before.version !== patch.version) throw staleVersion(before.version);
    const pick = <K extends keyof Patch>(key: K, fallback: NonNullable<Patch[K]> | null) => (patch[key] === undefined ? fallback : patch[key]);
    const amount = (value: string | null, date: string | null) => (value === null || date === null ? null : { value: Number(value), date });
    const merged = {
      name: patch.name ?? before.name,
      kind: patch.kind ?? before.kind as Input['kind'],
      unit: patch.unit ?? before.unit,
      baseline: pick('baseline', amount(before.baseline_value, before.baseline_date)),
      target: pick('target', amount(before.target_value, before.target_date)),
      disaggregation: patch.disaggregation ?? before.disaggregation,
      sdg_indicator: pick('sdg_indicator', before.sdg_indicator),
      data_source: pick('data_source', before.data_source),
      frequency: patch.frequency ?? before.frequency as Input['frequency'],
      recommendation_ids: patch.recommendation_ids ?? before.recommendation_ids,
      action_ids: patch.action_ids ?? before.actions.map((a) => Number(a.id)),
    } as Omit<Input, 'institution_id'>;
    const values = await checked(tx, before.institution_id, merged);
    if (!(await repository.updateIndicator(tx, id, patch.version, values))) throw staleVersion(before.version);
    await repository.replaceLinks(tx, id, [...new Set(merged.recommendation_ids)], [...new Set(merged.action_ids)]);
    await writeAudit(tx, { actor, action: 'update', entity: 'indicator', entityId: id, before, after: await repository.findIndicator(tx, id) });
  });
}
