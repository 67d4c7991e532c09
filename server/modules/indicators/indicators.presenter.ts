/** Indicators as the API shows them: names in the caller's language, links to reports the caller may not see left out. */
import type { INDICATOR_FREQUENCIES, INDICATOR_KINDS } from '../../../shared/indicators';
import { canView } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import type { Database } from '../../platform/db/database';
import { pickText, type Locale } from '../../platform/http/locale';
import { institutionNames } from '../actions/actions.repository';
import { chainContext } from '../actions/use-cases/access';
import type * as repository from './indicators.repository';

const presentMeasurement = (m: repository.MeasurementRow) => ({ id: m.id, measured_on: m.measured_on, value: Number(m.value), breakdown: m.breakdown, note: m.note });
const amount = (value: string | null, date: string | null) => (value === null || date === null ? null : { value: Number(value), date });

/** `measurements`: every measurement of the indicators (a detail), or only their latest (a list). */
export async function presentIndicators(db: Database['pool'], rows: repository.IndicatorRow[], measurements: repository.MeasurementRow[], actor: Actor | null, locale: Locale) {
  const names = await institutionNames(db, [...new Set(rows.map((r) => r.institution_id))]);
  return rows.map((row) => {
    const own = measurements.filter((m) => m.indicator_id === row.id);
    const whole = own.filter((m) => Object.keys(m.breakdown).length === 0);
    const institution = names.get(row.institution_id);
    return {
      id: row.id,
      institution: { id: row.institution_id, name: pickText(institution?.name, locale), acronym: institution?.acronym ?? null },
      name: pickText(row.name, locale), names: row.name,
      kind: row.kind as (typeof INDICATOR_KINDS)[number], unit: row.unit,
      baseline: amount(row.baseline_value, row.baseline_date), target: amount(row.target_value, row.target_date),
      disaggregation: row.disaggregation,
      sdg_indicator: row.sdg_indicator ? { code: row.sdg_indicator, title: pickText(row.sdg_title, locale) } : null,
      data_source: row.data_source, frequency: row.frequency as (typeof INDICATOR_FREQUENCIES)[number],
      recommendation_ids: row.recommendation_ids,
      // A link to a draft must not reveal the draft to the public.
      action_ids: row.actions.filter((a) => canView(chainContext(actor), { state: a.state as 'draft', institutionId: row.institution_id })).map((a) => Number(a.id)),
      latest: whole.length ? presentMeasurement(whole[whole.length - 1]) : null,
      version: row.version,
      measurements: own.map(presentMeasurement),
    };
  });
}

