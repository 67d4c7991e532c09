/**
 * The plan's tree of objectives (strategic axis → objective → result): the
 * secretariat adds, edits, moves and removes them. A parent must be in the
 * same plan, one level up, and never the objective itself or below it.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { OBJECTIVE_LEVELS, type objectiveDeleteSchema, type objectiveInputSchema, type objectivePatchSchema } from '../../../../shared/plans';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../plans.repository';
import { lockPlan, lockPlanFor, recordChange, requireReason } from './access';

type Fields = Omit<z.infer<typeof objectiveInputSchema>, 'revision_reason'>;

/**
 * The plan's own structure decides how deep it goes: a root may be of any level, and an objective sits
 * below its parent's level and above its children's (axis above objective above result).
 */
async function content(tx: pg.PoolClient, planId: number, fields: Fields, self: number | null): Promise<repository.ObjectiveContent> {
  const parentId = fields.parent_id ?? null;
  const depth = OBJECTIVE_LEVELS.indexOf(fields.level);
  const tree = new Map((await repository.objectivesOf(tx, planId)).map((o) => [o.id, o]));
  if (parentId !== null) {
    const parent = tree.get(parentId);
    if (!parent) throw badRequest('plan_objective_parent_unknown');
    if (OBJECTIVE_LEVELS.indexOf(parent.level) >= depth) throw badRequest('plan_objective_level_order');
    // The parent's own chain of parents must not pass through the objective being moved.
    for (let at: number | null = parentId; at !== null; at = tree.get(at)?.parent_id ?? null) {
      if (at === self) throw badRequest('plan_objective_cycle');
    }
  }
  if (self !== null && [...tree.values()].some((o) => o.parent_id === self && OBJECTIVE_LEVELS.indexOf(o.level) <= depth)) {
    throw badRequest('plan_objective_level_order');
  }
  const title = Object.fromEntries(Object.entries(fields.title).filter(([, text]) => text));
  return { parent_id: parentId, level: fields.level, code: fields.code?.trim() || null, position: fields.position ?? 0, title };
}

export async function createObjective(pool: pg.Pool, actor: Actor, planId: number, input: z.infer<typeof objectiveInputSchema>) {
  return inTransaction(pool, async (tx) => {
    const { actor: editor, plan } = await lockPlanFor(tx, actor, planId);
    const reason = requireReason(plan, input.revision_reason);
    const created = await repository.insertObjective(tx, planId, await content(tx, planId, input, null));
    await recordChange(tx, editor, plan, reason, { kind: 'create_objective', entity: 'plan_objective', id: created.id, before: null, after: created });
    return created.id;
  });
}

/** The objective, its plan locked, for plan:manage (a visitor 401 and others 403 before anything is read). */
async function lockObjective(tx: pg.PoolClient, actor: Actor, id: number) {
  authorize(actor, 'plan:manage');
  const found = await repository.findObjective(tx, id);
  if (!found) throw notFound();
  const plan = await lockPlan(tx, found.plan_id);
  const before = await repository.findObjective(tx, id, true);
  if (!before) throw notFound();
  return { actor: actor, plan, before };
}

export async function updateObjective(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof objectivePatchSchema>): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const { actor: editor, plan, before } = await lockObjective(tx, actor, id);
    if (before.version !== patch.version) throw staleVersion(before.version);
    const reason = requireReason(plan, patch.revision_reason);
    const values = await content(tx, plan.id, {
      parent_id: patch.parent_id === undefined ? before.parent_id : patch.parent_id,
      level: patch.level ?? before.level,
      code: patch.code === undefined ? before.code : patch.code,
      position: patch.position ?? before.position,
      title: patch.title ?? before.title,
    }, id);
    const after = await repository.updateObjective(tx, id, patch.version, values);
    if (!after) throw staleVersion(before.version);
    await recordChange(tx, editor, plan, reason, { kind: 'update_objective', entity: 'plan_objective', id, before, after });
    return plan.id;
  });
}

/** Removes the objective and those under it; their activities stay in the plan, without an objective. */
export async function deleteObjective(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof objectiveDeleteSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan, before } = await lockObjective(tx, actor, id);
    if (before.version !== input.version) throw staleVersion(before.version);
    const reason = requireReason(plan, input.revision_reason);
    await repository.deleteObjective(tx, id);
    await recordChange(tx, editor, plan, reason, { kind: 'delete_objective', entity: 'plan_objective', id, before, after: null });
  });
}
