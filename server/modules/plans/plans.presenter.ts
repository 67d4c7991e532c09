/** Plans as the API shows them, in the caller's language where the plan has it, with progress worked out. */
import type pg from 'pg';
import type { PlanActivity, PlanDetail, PlanProgress } from '../../../shared/plans';
import { availableTransitions, canEdit, type ActorContext } from '../../../shared/workflows/action-review';
import { pickText, type Locale } from '../../platform/http/locale';
import * as repository from './plans.repository';
import { activityProgress, emptyCounts, type ProgressCounts } from './progress';

type Institutions = Awaited<ReturnType<typeof repository.institutionNames>>;

/** The text in the caller's language, else in the original language, else any non-empty one. */
function translated(texts: Record<string, string>, locale: string, original: string): { language: string; text: string } {
  const language = [locale, original, ...Object.keys(texts)].find((code) => texts[code]) ?? original;
  return { language, text: texts[language] ?? '' };
}

const institutionRef = (institutions: Institutions, id: number, locale: Locale) => {
  const found = institutions.get(id);
  return { id, name: pickText(found?.name, locale), acronym: found?.acronym ?? null };
};

export function presentPlanSummary(row: repository.PlanRow, locale: Locale) {
  const title = translated(row.title, locale, row.original_language);
  return {
    id: row.id, kind: row.kind as PlanDetail['kind'], status: row.status, title: title.text, title_language: title.language,
    period_start: row.period_start, period_end: row.period_end, adopted_on: row.adopted_on, version: row.version,
    updated_at: row.updated_at.toISOString(),
  };
}

export function presentActivity(
  row: repository.ActivityRow, institutions: Institutions, facts: Map<number, repository.ActivityFacts>, today: string, locale: Locale,
): PlanActivity {
  const title = translated(row.title, locale, row.original_language);
  const known = facts.get(row.id);
  return {
    id: row.id,
    plan_id: row.plan_id,
    objective_id: row.objective_id,
    state: row.state,
    institution: institutionRef(institutions, row.institution_id, locale),
    co_responsible: row.co_responsible_ids.map((id) => institutionRef(institutions, id, locale)),
    title: title.text,
    title_language: title.language,
    titles: row.title,
    description: translated(row.description, locale, row.original_language).text,
    descriptions: row.description,
    original_language: row.original_language,
    start_date: row.start_date,
    end_date: row.end_date,
    milestones: row.milestones,
    budget: row.budget_amount === null ? null : { amount: Number(row.budget_amount), currency: row.budget_currency!, programme: row.budget_programme },
    recommendation_ids: row.recommendation_ids,
    sdg_targets: row.sdg_targets,
    indicator_ids: row.indicator_ids,
    position: row.position,
    version: row.version,
    progress: row.state === 'published' ? activityProgress(row, known, today) : null,
    action_ids: [...(known?.action_ids ?? [])],
    latest_measurement_on: known?.latest_measurement_on ?? null,
  };
}

/** Everything a list of activities needs besides themselves: institution names and progress facts. */
export async function activityContext(db: pg.Pool, rows: repository.ActivityRow[]) {
  const [institutions, facts] = await Promise.all([
    repository.institutionNames(db, [...new Set(rows.flatMap((row) => [row.institution_id, ...row.co_responsible_ids]))]),
    repository.activityFacts(db, rows.map((row) => row.id)),
  ]);
  return { institutions, facts };
}

function count(activities: PlanActivity[]): ProgressCounts {
  const counts = emptyCounts();
  for (const activity of activities) if (activity.progress) counts[activity.progress] += 1;
  return counts;
}

/**
 * A plan with its objectives and the activities `actor` may see (null: the public, who see the plan's
 * activities only). Counts are over the plan's activities, never proposals.
 */
export async function planDetail(db: pg.Pool, plan: repository.PlanRow, actor: ActorContext | null, today: string, locale: Locale): Promise<PlanDetail> {
  const [objectives, rows] = await Promise.all([repository.objectivesOf(db, plan.id), repository.activitiesOf(db, plan.id, actor)]);
  const { institutions, facts } = await activityContext(db, rows);
  const activities = rows.map((row) => presentActivity(row, institutions, facts, today, locale));
  const description = translated(plan.description, locale, plan.original_language);
  return {
    ...presentPlanSummary(plan, locale),
    titles: plan.title,
    description: description.text,
    descriptions: plan.description,
    original_language: plan.original_language,
    legal_instrument: plan.legal_instrument,
    adoption_url: plan.adoption_url,
    objectives: objectives.map((o) => ({
      id: o.id, parent_id: o.parent_id, level: o.level, code: o.code, position: o.position, title: pickText(o.title, locale), titles: o.title, version: o.version,
    })),
    activities,
    progress: count(activities),
  };
}

export async function activityDetail(db: pg.Pool, row: repository.ActivityRow, actor: ActorContext, today: string, locale: Locale) {
  const [{ institutions, facts }, history] = await Promise.all([activityContext(db, [row]), repository.transitionsOf(db, row.id)]);
  const context = { state: row.state, institutionId: row.institution_id };
  return {
    ...presentActivity(row, institutions, facts, today, locale),
    history: history.map((h) => ({
      transition: h.transition as never, from_state: h.from_state as never, to_state: h.to_state as never,
      actor: { id: Number(h.actor_id), display_name: h.display_name }, comment: h.comment, at: h.at.toISOString(),
    })),
    available_transitions: availableTransitions(actor, context),
    editable: canEdit(actor, context),
  };
}

/**
 * Progress per plan, per objective (an objective counts the activities of its whole subtree) and per
 * institution (lead or co-responsible), over the plan's activities.
 */
export function progressOf(detail: PlanDetail, today: string): PlanProgress {
  const accepted = detail.activities.filter((a) => a.state === 'published');
  const children = new Map<number | null, number[]>();
  for (const o of detail.objectives) children.set(o.parent_id, [...(children.get(o.parent_id) ?? []), o.id]);
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const institutions = new Map<number, { institution: PlanActivity['institution']; activities: PlanActivity[] }>();
  for (const activity of accepted) {
    for (const institution of [activity.institution, ...activity.co_responsible]) {
      const entry = institutions.get(institution.id) ?? { institution, activities: [] };
      entry.activities.push(activity);
      institutions.set(institution.id, entry);
    }
  }
  return {
    plan_id: detail.id,
    today,
    total: count(accepted),
    objectives: detail.objectives.map((o) => {
      const ids = new Set(subtree(o.id));
      return { id: o.id, title: o.title, level: o.level, counts: count(accepted.filter((a) => a.objective_id !== null && ids.has(a.objective_id))) };
    }),
    institutions: [...institutions.values()].sort((a, b) => a.institution.name.localeCompare(b.institution.name))
      .map((entry) => ({ institution: entry.institution, counts: count(entry.activities) })),
  };
}
