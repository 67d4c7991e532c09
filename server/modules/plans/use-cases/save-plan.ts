/**
 * The secretariat creates a plan (as a draft), edits it, adopts it, closes or
 * reopens it, or deletes a draft. One transaction each, with its audit row;
 * once adopted, each change is also a revision of the plan with its reason.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { planInputSchema, planPatchSchema, planStatusInputSchema } from '../../../../shared/plans';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, staleVersion } from '../../../platform/http/errors';
import * as repository from '../plans.repository';
import { lockPlanFor, recordChange, requireReason } from './access';

type Input = z.infer<typeof planInputSchema>;
type Patch = z.infer<typeof planPatchSchema>;

const nonEmpty = (texts: Record<string, string> | undefined) => Object.fromEntries(Object.entries(texts ?? {}).filter(([, text]) => text));

function content(fields: Input): repository.PlanContent {
  if (!fields.title[fields.original_language]) throw badRequest('plan_title_original_language');
  if (fields.period_start && fields.period_end && fields.period_end < fields.period_start) throw badRequest('plan_period_order');
  return {
    kind: fields.kind,
    title: nonEmpty(fields.title),
    description: nonEmpty(fields.description),
    original_language: fields.original_language,
    period_start: fields.period_start ?? null,
    period_end: fields.period_end ?? null,
    adopted_on: fields.adopted_on ?? null,
    legal_instrument: fields.legal_instrument?.trim() || null,
    adoption_url: fields.adoption_url ?? null,
  };
}

export async function createPlan(pool: pg.Pool, actor: Actor, input: Input): Promise<number> {
  authorize(actor, 'plan:manage');
  const values = content(input);
  return inTransaction(pool, async (tx) => {
    const id = await repository.insertPlan(tx, values, actor.userId);
    await writeAudit(tx, { actor, action: 'create', entity: 'plan', entityId: id, after: await repository.findPlan(tx, id) });
    return id;
  });
}

export async function updatePlan(pool: pg.Pool, actor: Actor, id: number, patch: Patch): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan: before } = await lockPlanFor(tx, actor, id);
    if (before.version !== patch.version) throw staleVersion(before.version);
    const reason = requireReason(before, patch.revision_reason);
    const pick = <K extends keyof Input>(key: K): Input[K] => (patch[key] === undefined ? before[key as keyof repository.PlanRow] : patch[key]) as Input[K];
    const values = content({
      kind: pick('kind'), title: pick('title'), description: pick('description'), original_language: pick('original_language'),
      period_start: pick('period_start'), period_end: pick('period_end'), adopted_on: pick('adopted_on'),
      legal_instrument: pick('legal_instrument'), adoption_url: pick('adoption_url'),
    });
    if (before.status !== 'draft' && !values.adopted_on) throw badRequest('plan_adoption_date_required');
    if (!(await repository.updatePlan(tx, id, patch.version, values, editor.userId))) throw staleVersion(before.version);
    await recordChange(tx, editor, before, reason, { kind: 'update_plan', entity: 'plan', id, before, after: await repository.findPlan(tx, id) });
  });
}

/** The moves of a plan's status; anything else is refused. Leaving 'draft' needs the adoption date. */
const STATUS_MOVES: Record<string, string[]> = { draft: ['adopted'], adopted: ['closed'], closed: ['adopted'] };

export async function setPlanStatus(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof planStatusInputSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan: before } = await lockPlanFor(tx, actor, id);
    if (before.version !== input.version) throw staleVersion(before.version);
    if (!STATUS_MOVES[before.status]?.includes(input.status)) {
      throw new HttpError(409, 'conflict', 'plan_status_not_allowed', { from: before.status, to: input.status }, { current_version: before.version, status: before.status });
    }
    const reason = requireReason(before, input.revision_reason);
    const adoptedOn = input.adopted_on ?? before.adopted_on;
    if (!adoptedOn) throw badRequest('plan_adoption_date_required');
    if (!(await repository.setPlanStatus(tx, id, input.version, input.status, adoptedOn, editor.userId))) throw staleVersion(before.version);
    const after = await repository.findPlan(tx, id);
    // Adoption starts the plan's revisions; it is itself audited, not revised.
    await recordChange(tx, editor, before, reason, { kind: input.status === 'adopted' && before.status === 'draft' ? 'adopt' : `status_${input.status}`, entity: 'plan', id, before, after });
  });
}

/** Only a draft is deleted; nothing an action report says it carries out goes with it. */
export async function deletePlan(pool: pg.Pool, actor: Actor, id: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan } = await lockPlanFor(tx, actor, id);
    if (plan.status !== 'draft') throw new HttpError(409, 'conflict', 'plan_not_draft', {}, { current_version: plan.version, status: plan.status });
    if (await repository.actionsCarryingOut(tx, await repository.activityIdsOfPlan(tx, id))) throw new HttpError(409, 'conflict', 'plan_activity_has_actions');
    await repository.deletePlan(tx, id);
    await writeAudit(tx, { actor: editor, action: 'delete', entity: 'plan', entityId: id, before: plan });
  });
}
