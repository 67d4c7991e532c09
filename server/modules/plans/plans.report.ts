/**
 * What a State report says about the planned activities that answer each recommendation (UPR mid-term
 * reports are written this way): each activity of an adopted or closed plan, its plan, lead institution,
 * dates and where it stands. As public as the portal: proposals and drafts never.
 */
import type pg from 'pg';
import type { ActivityProgress } from '../../../shared/plans';
import { pickText, type Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { formatDate } from '../../../shared/format';
import * as repository from './plans.repository';
import { activityProgress } from './progress';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PlannedLine {
  title: string;
  plan: string;
  institution: string;
  startDate: string | null;
  endDate: string | null;
  progress: ActivityProgress;
}

const textIn = (texts: Record<string, string>, locale: Locale, original: string) =>
  texts[locale] || texts[original] || Object.values(texts).find(Boolean) || '';

/** Per recommendation, the planned activities that answer it. `db` may be a transaction's one connection: one query at a time. */
export async function plannedForRecommendations(db: Queryable, ids: number[], locale: Locale, today: string): Promise<Map<number, PlannedLine[]>> {
  const rows = await repository.publicActivitiesAnsweringAny(db, ids);
  const result = new Map<number, PlannedLine[]>();
  if (!rows.length) return result;
  const facts = await repository.activityFacts(db, rows.map((row) => row.id));
  const institutions = await repository.institutionNames(db, [...new Set(rows.map((row) => row.institution_id))]);
  const plans = await repository.plansByIds(db, [...new Set(rows.map((row) => row.plan_id))]);
  const wanted = new Set(ids);
  for (const row of rows) {
    const plan = plans.get(row.plan_id)!;
    const institution = institutions.get(row.institution_id);
    const line: PlannedLine = {
      title: textIn(row.title, locale, row.original_language),
      plan: textIn(plan.title, locale, plan.original_language),
      institution: institution ? pickText(institution.name, locale) + (institution.acronym ? ` (${institution.acronym})` : '') : '',
      startDate: row.start_date,
      endDate: row.end_date,
      progress: activityProgress(row, facts.get(row.id), today),
    };
    for (const id of row.recommendation_ids) if (wanted.has(id)) result.set(id, [...(result.get(id) ?? []), line]);
  }
  return result;
}

/** One planned activity as a line in the report's language: "title (institution, 1 March 2025 – 31 December 2030), plan: Done". */
export function plannedLine(line: PlannedLine, locale: Locale): string {
  const period = [line.startDate, line.endDate].filter(Boolean).map((day) => formatDate(day!, locale)).join(' – ');
  const where = [line.institution, period].filter(Boolean).join(', ');
  return `${line.title}${where ? ` (${where})` : ''}, ${line.plan}: ${message(`report_progress_${line.progress}`, locale)}`;
}
