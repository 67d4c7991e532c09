/**
 * A focal point reports an action (it starts as a draft) or edits it while it
 * is with its authors. One transaction with its audit row; edits carry the
 * version the editor started from and a stale one gets 409.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { actionInputSchema, actionPatchSchema } from '../../../../shared/actions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, staleVersion } from '../../../platform/http/errors';
import * as repository from '../actions.repository';
import { lockActionFor, requireEditable } from './access';

type Input = z.infer<typeof actionInputSchema>;
type Patch = z.infer<typeof actionPatchSchema>;
type Fields = Omit<Input, 'institution_id'>;

function content(fields: Fields): repository.ActionContent {
  if (!fields.title[fields.original_language]) throw badRequest('action_title_original_language');
  if (fields.start_date && fields.end_date && fields.end_date < fields.start_date) throw badRequest('action_dates_order');
  // Empty translations are dropped: "no text in this language" has one spelling.
  const nonEmpty = (texts: Record<string, string> | undefined) => Object.fromEntries(Object.entries(texts ?? {}).filter(([, text]) => text));
  return {
    action_type: fields.action_type,
    reach: fields.reach,
    title: nonEmpty(fields.title),
    description: nonEmpty(fields.description),
    original_language: fields.original_language,
    start_date: fields.start_date ?? null,
    end_date: fields.end_date ?? null,
    progress: fields.progress ?? null,
    budget_amount: fields.budget?.amount ?? null,
    budget_currency: fields.budget?.currency ?? null,
    budget_programme: fields.budget?.programme ?? null,
    plan_activity_id: fields.plan_activity_id ?? null,
    completes_activity: fields.completes_activity ?? false,
  };
}

/** The planned activity an action carries out must be one of the plan's, led or shared by the action's institution. */
async function checkActivity(tx: pg.PoolClient, institutionId: number, values: repository.ActionContent) {
  if (values.plan_activity_id === null) {
    if (values.completes_activity) throw badRequest('action_completes_without_activity');
    return;
  }
  if (!(await repository.activityOpenTo(tx, values.plan_activity_id, institutionId))) throw badRequest('action_plan_activity_not_institution');
}

async function checkAssigned(tx: pg.PoolClient, institutionId: number, recommendationIds: number[]) {
  const missing = await repository.unassignedRecommendations(tx, institutionId, [...new Set(recommendationIds)]);
  if (missing.length) throw badRequest('action_recommendations_not_assigned', { count: missing.length });
}

export async function createAction(pool: pg.Pool, actor: Actor, input: Input): Promise<number> {
  authorize(actor, 'action:create', { institutionId: input.institution_id });
  const values = content(input);
  return inTransaction(pool, async (tx) => {
    await checkAssigned(tx, input.institution_id, input.recommendation_ids);
    await checkActivity(tx, input.institution_id, values);
    const id = await repository.insertAction(tx, input.institution_id, values, actor.userId);
    await repository.replaceRecommendations(tx, id, [...new Set(input.recommendation_ids)]);
    await writeAudit(tx, { actor, action: 'create', entity: 'action_report', entityId: id, after: await repository.findAction(tx, id) });
    return id;
  });
}

export async function updateAction(pool: pg.Pool, actor: Actor, id: number, patch: Patch): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, action: before } = await lockActionFor(tx, actor, id, 'action:update');
    requireEditable(editor, before);
    if (before.version !== patch.version) throw staleVersion(before.version);
    const merged: Fields = {
      title: patch.title ?? before.title,
      description: patch.description ?? before.description,
      original_language: patch.original_language ?? before.original_language,
      action_type: (patch.action_type ?? before.action_type) as Fields['action_type'],
      reach: (patch.reach ?? before.reach) as Fields['reach'],
      start_date: patch.start_date === undefined ? before.start_date : patch.start_date,
      end_date: patch.end_date === undefined ? before.end_date : patch.end_date,
      progress: patch.progress === undefined ? before.progress : patch.progress,
      budget: patch.budget !== undefined ? patch.budget
        : before.budget_amount === null ? null
          : { amount: Number(before.budget_amount), currency: before.budget_currency!, programme: before.budget_programme },
      recommendation_ids: patch.recommendation_ids ?? before.recommendation_ids,
      plan_activity_id: patch.plan_activity_id === undefined ? before.plan_activity_id : patch.plan_activity_id,
      completes_activity: patch.completes_activity ?? before.completes_activity,
    };
    const values = content(merged);
    if (patch.recommendation_ids) await checkAssigned(tx, before.institution_id, patch.recommendation_ids);
    if (patch.plan_activity_id !== undefined || patch.completes_activity !== undefined) await checkActivity(tx, before.institution_id, values);
    if (!(await repository.updateAction(tx, id, patch.version, values, editor.userId))) throw staleVersion(before.version);
    if (patch.recommendation_ids) await repository.replaceRecommendations(tx, id, [...new Set(patch.recommendation_ids)]);
    await writeAudit(tx, { actor: editor, action: 'update', entity: 'action_report', entityId: id, before, after: await repository.findAction(tx, id) });
  });
}
