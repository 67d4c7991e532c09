/**
 * What every write in a plan starts with, and how a change is recorded: an
 * audit row always, and a numbered revision (who, when, why, before and
 * after) when the plan is adopted or closed, which then requires a reason.
 */
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { badRequest, HttpError, notFound } from '../../../platform/http/errors';
import * as repository from '../plans.repository';


/** The plan locked for the rest of the transaction (its revisions are numbered under this lock). */
export async function lockPlan(tx: pg.PoolClient, planId: number): Promise<repository.PlanRow> {
  const plan = await repository.findPlan(tx, planId, true);
  if (!plan) throw notFound('plan_not_found');
  return plan;
}

/** For the secretariat's writes: plan:manage, then the plan locked. */
export async function lockPlanFor(tx: pg.PoolClient, actor: Actor, planId: number): Promise<{ actor: Actor; plan: repository.PlanRow }> {
  authorize(actor, 'plan:manage');
  return { actor: actor, plan: await lockPlan(tx, planId) };
}

/**
 * An adopted or closed plan changes only through a revision, and a revision says why. A draft's change
 * is a revision only when a reason is given.
 */
export function requireReason(plan: repository.PlanRow, reason: string | null | undefined): string | null {
  const text = reason?.trim();
  if (plan.status === 'draft') return text || null;
  if (!text) throw new HttpError(400, 'bad_request', 'plan_revision_reason_required', {}, { status: plan.status });
  return text;
}

/** Records one change inside a plan: the audit row, and the revision when there is a reason (always, once adopted). */
export async function recordChange(
  tx: pg.PoolClient, actor: Actor, plan: repository.PlanRow, reason: string | null,
  change: { kind: string; entity: string; id: number; before: unknown; after: unknown },
): Promise<void> {
  await writeAudit(tx, { actor, action: change.kind, entity: change.entity, entityId: change.id, before: change.before ?? undefined, after: change.after ?? undefined });
  if (reason !== null) {
    await repository.insertRevision(tx, {
      planId: plan.id, actorId: actor.userId, reason: reason ?? '', kind: change.kind,
      changes: { entity: change.entity, id: change.id, before: change.before ?? null, after: change.after ?? null },
    });
  }
}

/** Nothing is added to a closed plan through a proposal; it is reopened first. */
export function requireOpen(plan: repository.PlanRow): void {
  if (plan.status === 'closed') throw new HttpError(409, 'conflict', 'plan_closed', {}, { status: plan.status });
}

export function missingLinks(kind: 'recommendations' | 'institutions' | 'sdg_targets' | 'indicators', values: string[]): never {
  throw badRequest(`plan_unknown_${kind}`, { values: values.slice(0, 10).join(', ') });
}
