/**
 * Planned vs done for the public dashboard: each counted activity's progress (the plans module's own
 * rule, from its published action reports and indicators' measurements), summed by plan, by
 * institution (lead or co-responsible) and by top-level objective of its plan.
 */
import type pg from 'pg';
import type { Dashboard } from '../../../shared/dashboards';
import { pickText, type Locale } from '../../platform/http/locale';
import { institutionNames } from '../actions/actions.repository';
import { activityFacts } from '../plans/plans.repository';
import { activityProgress, emptyCounts, type ProgressCounts } from '../plans/progress';
import { plannedActivities, plansAndObjectives } from './dashboards.repository';

type Planned = Dashboard['planned'];

/** The title in the reader's language, else in the plan's own, else any. */
const titleOf = (texts: Record<string, string>, locale: string, original: string) => texts[locale] || texts[original] || pickText(texts, locale);

export async function plannedVsDone(db: pg.Pool, ids: number[] | null, today: string, locale: Locale): Promise<Planned> {
  const activities = await plannedActivities(db, ids);
  const planIds = [...new Set(activities.map((a) => a.plan_id))];
  const [facts, { plans, objectives }, names] = await Promise.all([
    activityFacts(db, activities.map((a) => a.id)),
    plansAndObjectives(db, planIds),
    institutionNames(db, [...new Set(activities.flatMap((a) => a.institution_ids))]),
  ]);

  const parentOf = new Map(objectives.map((o) => [o.id, o.parent_id]));
  const rootOf = (id: number): number => {
    let at = id;
    for (let parent = parentOf.get(at); parent != null; parent = parentOf.get(at)) at = parent;
    return at;
  };
  const planTitle = new Map(plans.map((p) => [p.id, titleOf(p.title, locale, p.original_language)]));

  const totals = emptyCounts();
  const byPlan = new Map<number, ProgressCounts>();
  const byInstitution = new Map<number, ProgressCounts>();
  const byObjective = new Map<number, ProgressCounts>();
  const add = (map: Map<number, ProgressCounts>, key: number, progress: keyof ProgressCounts) => {
    const counts = map.get(key) ?? emptyCounts();
    counts[progress] += 1;
    map.set(key, counts);
  };
  for (const activity of activities) {
    const progress = activityProgress(activity, facts.get(activity.id), today);
    totals[progress] += 1;
    add(byPlan, activity.plan_id, progress);
    for (const institution of activity.institution_ids) add(byInstitution, institution, progress);
    if (activity.objective_id !== null) add(byObjective, rootOf(activity.objective_id), progress);
  }

  const compare = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const size = (counts: ProgressCounts) => counts.done + counts.on_time + counts.late + counts.not_started;
  return {
    plans: byPlan.size,
    today,
    totals,
    by_plan: [...byPlan].map(([id, counts]) => ({ key: String(id), label: planTitle.get(id) ?? String(id), counts })).sort(compare),
    by_institution: [...byInstitution].map(([id, counts]) => {
      const row = names.get(id);
      return { key: String(id), label: pickText(row?.name, locale) || String(id), acronym: row?.acronym ?? null, counts };
    }).sort((a, b) => size(b.counts) - size(a.counts) || compare(a, b)),
    // In each plan's own order of objectives.
    by_objective: objectives.filter((o) => byObjective.has(o.id)).map((o) => ({
      key: String(o.id),
      label: `${o.code ? `${o.code} ` : ''}${pickText(o.title, locale)}`,
      plan: planTitle.get(o.plan_id) ?? String(o.plan_id),
      counts: byObjective.get(o.id)!,
    })),
  };
}
