/**
 * Export of the action reports list: the same filters, order and per-report
 * visibility as GET /api/v1/actions (listActions with the reader's chain
 * context), every page of it, presented as the list presents each report.
 */
import type pg from 'pg';
import type { ActorContext } from '../../../shared/workflows/action-review';
import type { Locale } from '../../platform/http/locale';
import { allPages, joined } from '../exports/list-export';
import { presentSummary } from './actions.presenter';
import { evidenceOf, institutionNames, listActions, type ActionFilter } from './actions.repository';

export const ACTION_COLUMNS = ['id', 'state', 'institution_id', 'institution', 'institution_acronym', 'title', 'title_language', 'description',
  'action_type', 'reach', 'start_date', 'end_date', 'progress', 'recommendation_ids', 'evidence', 'updated_at', 'published_at'] as const;

export async function* actionRows(db: pg.Pool, actor: ActorContext, filter: ActionFilter, locale: Locale) {
  for await (const rows of allPages(async (page, pageSize) => (await listActions(db, actor, filter, page, pageSize)).rows)) {
    const [institutions, evidence] = await Promise.all([
      institutionNames(db, [...new Set(rows.map((row) => row.institution_id))]),
      evidenceOf(db, rows.map((row) => row.id)),
    ]);
    for (const row of rows) {
      const action = presentSummary(row, institutions, evidence, locale);
      yield {
        id: action.id,
        state: action.state,
        institution_id: action.institution.id,
        institution: action.institution.name,
        institution_acronym: action.institution.acronym,
        title: action.title,
        title_language: action.title_language,
        description: action.description,
        action_type: action.action_type,
        reach: action.reach,
        start_date: action.start_date,
        end_date: action.end_date,
        progress: action.progress,
        recommendation_ids: joined(action.recommendation_ids),
        // Links as their address, files by name: what a reader needs to find each piece again.
        evidence: joined(action.evidence.map((e) => e.url ?? e.file_name ?? e.title)),
        updated_at: action.updated_at,
        published_at: action.published_at,
      };
    }
  }
}
