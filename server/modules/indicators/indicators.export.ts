/**
 * Export of the indicators list: the same filters and order as
 * GET /api/v1/indicators, every page of it, each indicator with its latest
 * whole-population value, presented as the list presents it (links to reports
 * the reader may not see left out).
 */
import type pg from 'pg';
import type { Actor } from '../../platform/auth/actor';
import type { Locale } from '../../platform/http/locale';
import { allPages, joined } from '../exports/list-export';
import { presentIndicators } from './indicators.presenter';
import { latestMeasurements, listIndicators } from './indicators.repository';

export const INDICATOR_COLUMNS = ['id', 'institution_id', 'institution', 'institution_acronym', 'name', 'kind', 'unit', 'baseline_value',
  'baseline_date', 'target_value', 'target_date', 'latest_value', 'latest_date', 'disaggregation', 'sdg_indicator', 'sdg_indicator_title',
  'data_source', 'frequency', 'recommendation_ids', 'action_ids'] as const;

export async function* indicatorRows(
  db: pg.Pool, filter: Parameters<typeof listIndicators>[1], actor: Actor | null, locale: Locale,
) {
  for await (const rows of allPages(async (page, pageSize) => (await listIndicators(db, filter, page, pageSize)).rows)) {
    const latest = await latestMeasurements(db, rows.map((row) => row.id));
    for (const indicator of await presentIndicators(db, rows, latest, actor, locale)) {
      yield {
        id: indicator.id,
        institution_id: indicator.institution.id,
        institution: indicator.institution.name,
        institution_acronym: indicator.institution.acronym,
        name: indicator.name,
        kind: indicator.kind,
        unit: indicator.unit,
        baseline_value: indicator.baseline?.value ?? null,
        baseline_date: indicator.baseline?.date ?? null,
        target_value: indicator.target?.value ?? null,
        target_date: indicator.target?.date ?? null,
        latest_value: indicator.latest?.value ?? null,
        latest_date: indicator.latest?.measured_on ?? null,
        disaggregation: joined(indicator.disaggregation),
        sdg_indicator: indicator.sdg_indicator?.code ?? null,
        sdg_indicator_title: indicator.sdg_indicator?.title ?? null,
        data_source: indicator.data_source,
        frequency: indicator.frequency,
        recommendation_ids: joined(indicator.recommendation_ids),
        action_ids: joined(indicator.action_ids),
      };
    }
  }
}
