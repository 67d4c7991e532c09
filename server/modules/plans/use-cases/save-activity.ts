/**
 * Planned activities. The secretariat adds, edits and removes activities of a
 * plan directly; a focal point proposes one for their institution, which then
 * moves through the validation chain of action reports
 * (shared/workflows/action-review.ts): the institution's validator validates
 * it, the secretariat accepts it into the plan ('published') or returns it.
 * On an adopted plan every change, acceptance included, is a revision with its reason.
 */
import type pg from 'pg';
import type { z } from 'zod';
import {
  PROPOSAL_TRANSITION_PERMISSIONS, type activityDeleteSchema, type activityInputSchema, type activityPatchSchema, type proposalInputSchema,
  type proposalPatchSchema, type proposalTransitionInputSchema,
} from '../../../../shared/plans';
import { canEdit, canView, checkTransition, COMMENT_MAX_LENGTH, type TransitionName } from '../../../../shared/workflows/action-review';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../../platform/auth/policy';
import type { Action } from '../../../../shared/permissions';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { chainContext } from '../../actions/use-cases/access';
import * as repository from '../plans.repository';
import { lockPlan, lockPlanFor, missingLinks, recordChange, requireOpen, requireReason } from './access';

type Fields = z.infer<typeof proposalInputSchema>;

const nonEmpty = (texts: Record<string, string> | undefined) => Object.fromEntries(Object.entries(texts ?? {}).filter(([, text]) => text));

/** Checks an activity's fields against the plan and the records it links; gives what to store. */
export async function activityValues(
  tx: Pick<pg.PoolClient, 'query'>, planId: number, fields: Fields,
): Promise<{ content: repository.ActivityContent; links: repository.ActivityLinks }> {
  if (!fields.title[fields.original_language]) throw badRequest('plan_activity_title_original_language');
  if (fields.start_date && fields.end_date && fields.end_date < fields.start_date) throw badRequest('plan_activity_dates_order');
  if (fields.objective_id != null) {
    const objective = await repository.findObjective(tx, fields.objective_id);
    if (!objective || objective.plan_id !== planId) throw badRequest('plan_objective_unknown');
  }
  const coResponsible = [...new Set(fields.co_responsible_ids ?? [])].filter((id) => id !== fields.institution_id);
  const recommendations = [...new Set(fields.recommendation_ids ?? [])];
  const targets = [...new Set(fields.sdg_targets ?? [])];
  const indicators = [...new Set(fields.indicator_ids ?? [])];
  const unknownInstitutions = await repository.missingInstitutions(tx, [fields.institution_id, ...coResponsible]);
  if (unknownInstitutions.length) missingLinks('institutions', unknownInstitutions);
  const unknownRecommendations = await repository.missingRecommendations(tx, recommendations);
  if (unknownRecommendations.length) missingLinks('recommendations', unknownRecommendations);
  const unknownTargets = await repository.missingSdgTargets(tx, targets);
  if (unknownTargets.length) missingLinks('sdg_targets', unknownTargets);
  const unknownIndicators = await repository.missingIndicators(tx, indicators);
  if (unknownIndicators.length) missingLinks('indicators', unknownIndicators);
  return {
    content: {
      objective_id: fields.objective_id ?? null,
      title: nonEmpty(fields.title),
      description: nonEmpty(fields.description),
      original_language: fields.original_language,
      start_date: fields.start_date ?? null,
      end_date: fields.end_date ?? null,
      milestones: fields.milestones ?? [],
      budget_amount: fields.budget?.amount ?? null,
      budget_currency: fields.budget?.currency ?? null,
      budget_programme: fields.budget?.programme?.trim() || null,
      position: fields.position ?? 0,
    },
    links: { co_responsible_ids: coResponsible, recommendation_ids: recommendations, sdg_targets: targets, indicator_ids: indicators },
  };
}

/** The stored activity with a patch on top: fields left out keep their values. */
function merged(before: repository.ActivityRow, patch: Partial<Fields> & { institution_id?: number }): Fields {
  const keep = <K extends keyof Fields>(key: K, stored: Fields[K]): Fields[K] => (patch[key] === undefined ? stored : patch[key]) as Fields[K];
  return {
    objective_id: keep('objective_id', before.objective_id),
    institution_id: keep('institution_id', before.institution_id),
    co_responsible_ids: keep('co_responsible_ids', before.co_responsible_ids),
    title: keep('title', before.title),
    description: keep('description', before.description),
    original_language: keep('original_language', before.original_language),
    start_date: keep('start_date', before.start_date),
    end_date: keep('end_date', before.end_date),
    milestones: keep('milestones', before.milestones),
    budget: keep('budget', before.budget_amount === null ? null
      : { amount: Number(before.budget_amount), currency: before.budget_currency!, programme: before.budget_programme }),
    recommendation_ids: keep('recommendation_ids', before.recommendation_ids),
    sdg_targets: keep('sdg_targets', before.sdg_targets),
    indicator_ids: keep('indicator_ids', before.indicator_ids),
    position: keep('position', before.position),
  };
}

/** The secretariat adds an activity straight into the plan. */
export async function createActivity(pool: pg.Pool, actor: Actor, planId: number, input: z.infer<typeof activityInputSchema>): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const { actor: editor, plan } = await lockPlanFor(tx, actor, planId);
    const reason = requireReason(plan, input.revision_reason);
    const { content, links } = await activityValues(tx, planId, input);
    const id = await repository.insertActivity(tx, planId, input.institution_id, 'published', content, editor.userId);
    await repository.replaceActivityLinks(tx, id, links);
    await recordChange(tx, editor, plan, reason, { kind: 'create_activity', entity: 'plan_activity', id, before: null, after: await repository.findActivity(tx, id) });
    return id;
  });
}

/**
 * An existing activity for a write: signed in, hidden (404) from whoever may not see it, refused (403)
 * without `permission` for its institution; its plan and then itself locked for the transaction.
 */
async function lockActivityFor(tx: pg.PoolClient, actor: Actor, id: number, permission: Action) {
  requireSignedIn(actor);
  const found = await repository.findActivity(tx, id);
  if (!found || !canView(chainContext(actor), { state: found.state, institutionId: found.institution_id })) throw notFound();
  authorize(actor, permission, { institutionId: found.institution_id });
  const plan = await lockPlan(tx, found.plan_id);
  const activity = await repository.findActivity(tx, id, true);
  if (!activity) throw notFound();
  return { actor, plan, activity };
}

/** Proposals change through their chain; the secretariat's direct edits are for activities of the plan. */
function requireAccepted(activity: repository.ActivityRow) {
  if (activity.state !== 'published') {
    throw new HttpError(409, 'conflict', 'plan_activity_is_proposal', {}, { current_version: activity.version, state: activity.state });
  }
}

export async function updateActivity(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof activityPatchSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan, activity: before } = await lockActivityFor(tx, actor, id, 'plan:manage');
    requireAccepted(before);
    if (before.version !== patch.version) throw staleVersion(before.version);
    const reason = requireReason(plan, patch.revision_reason);
    const fields = merged(before, patch);
    const { content, links } = await activityValues(tx, plan.id, fields);
    if (!(await repository.updateActivity(tx, id, patch.version, fields.institution_id, content, editor.userId))) throw staleVersion(before.version);
    await repository.replaceActivityLinks(tx, id, links);
    await recordChange(tx, editor, plan, reason, { kind: 'update_activity', entity: 'plan_activity', id, before, after: await repository.findActivity(tx, id) });
  });
}

/** Removes an activity (or a proposal) unless an action report says it carries it out. */
export async function deleteActivity(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof activityDeleteSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan, activity: before } = await lockActivityFor(tx, actor, id, 'plan:manage');
    if (before.version !== input.version) throw staleVersion(before.version);
    const reason = before.state === 'published' ? requireReason(plan, input.revision_reason) : null;
    if (await repository.actionsCarryingOut(tx, [id])) throw new HttpError(409, 'conflict', 'plan_activity_has_actions');
    await repository.deleteActivity(tx, id);
    const change = { kind: 'delete_activity', entity: 'plan_activity', id, before, after: null };
    if (before.state === 'published') await recordChange(tx, editor, plan, reason, change);
    else await writeAudit(tx, { actor: editor, action: change.kind, entity: change.entity, entityId: id, before });
  });
}

/** A focal point proposes an activity for their institution: a draft of the chain, seen only by its authors. */
export async function proposeActivity(pool: pg.Pool, actor: Actor, planId: number, input: Fields): Promise<number> {
  authorize(actor, 'plan:propose', { institutionId: input.institution_id });
  return inTransaction(pool, async (tx) => {
    const plan = await lockPlan(tx, planId);
    requireOpen(plan);
    const { content, links } = await activityValues(tx, planId, input);
    const id = await repository.insertActivity(tx, planId, input.institution_id, 'draft', content, actor.userId);
    await repository.replaceActivityLinks(tx, id, links);
    await writeAudit(tx, { actor, action: 'propose', entity: 'plan_activity', entityId: id, after: await repository.findActivity(tx, id) });
    return id;
  });
}

/** Its authors edit a proposal while it is with them (draft or returned), as they edit an action report. */
export async function updateProposal(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof proposalPatchSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: editor, plan, activity: before } = await lockActivityFor(tx, actor, id, 'plan:propose');
    if (!canEdit(chainContext(editor), { state: before.state, institutionId: before.institution_id })) {
      throw new HttpError(409, 'conflict', 'plan_proposal_not_editable', {}, { current_version: before.version, state: before.state });
    }
    if (before.version !== patch.version) throw staleVersion(before.version);
    requireOpen(plan);
    const fields = merged(before, patch);
    const { content, links } = await activityValues(tx, plan.id, fields);
    if (!(await repository.updateActivity(tx, id, patch.version, fields.institution_id, content, editor.userId))) throw staleVersion(before.version);
    await repository.replaceActivityLinks(tx, id, links);
    await writeAudit(tx, { actor: editor, action: 'update', entity: 'plan_activity', entityId: id, before, after: await repository.findActivity(tx, id) });
  });
}

/**
 * One step of a proposal through the chain, decided by shared/workflows/action-review.ts. Accepting
 * it ('publish') into an adopted plan is a revision of the plan: the comment is its reason, required.
 */
export async function moveProposal(
  pool: pg.Pool, actor: Actor, id: number, transition: TransitionName, input: z.infer<typeof proposalTransitionInputSchema>,
): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { actor: mover, plan, activity } = await lockActivityFor(tx, actor, id, PROPOSAL_TRANSITION_PERMISSIONS[transition]);
    const check = checkTransition(chainContext(mover), { state: activity.state, institutionId: activity.institution_id }, transition, input.comment);
    if (!check.ok) {
      switch (check.reason) {
        case 'comment_required': throw badRequest('comment_required');
        case 'comment_too_long': throw badRequest('comment_too_long', { max: COMMENT_MAX_LENGTH });
        case 'not_allowed_from_state':
          throw new HttpError(409, 'conflict', 'transition_not_allowed_from_state', {}, { current_version: activity.version, state: activity.state });
        default: throw new HttpError(403, 'forbidden', 'forbidden');
      }
    }
    if (activity.version !== input.version) throw staleVersion(activity.version);
    const comment = input.comment?.trim() || null;
    const accepting = check.to === 'published';
    if (accepting) requireOpen(plan);
    const reason = accepting ? requireReason(plan, comment) : null;
    if (!(await repository.moveActivity(tx, activity, transition, check.to, mover.userId, comment))) throw staleVersion(activity.version);
    await writeAudit(tx, {
      actor: mover, action: transition, entity: 'plan_activity', entityId: id,
      before: { state: activity.state, version: activity.version }, after: { state: check.to, version: activity.version + 1, comment },
    });
    if (accepting && reason !== null) {
      await repository.insertRevision(tx, {
        planId: plan.id, actorId: mover.userId, reason: reason!, kind: 'accept_proposal',
        changes: { entity: 'plan_activity', id, before: null, after: await repository.findActivity(tx, id) },
      });
    }
  });
}
