/**
 * Export of a search as CSV or XLSX. Streams: ids first (cheap), then rows in
 * batches, so memory stays flat however many recommendations match.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { SearchQuery } from '../../../shared/recommendations';
import type { Locale } from '../../platform/http/locale';
import { streamTable, type TableFormat } from '../../platform/export/tables';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { Labeller, bestText } from './recommendations.presenter';
import { findForExport } from './recommendations.repository';
import { matchingIds } from './recommendations.search';

const BATCH = 500;
const COLUMNS = ['id', 'mechanism', 'kind', 'countries', 'symbol', 'paragraph', 'date', 'cycle', 'session', 'position',
  'position_source', 'language', 'text', 'themes', 'affected_persons', 'sdg_targets', 'recommending_states'];

export function streamRecommendations(format: TableFormat, pool: pg.Pool, query: SearchQuery, maps: LabelMaps, locale: Locale): Readable {
  const labels = new Labeller(maps, locale);
  async function* rows() {
    const ids = await matchingIds(pool, query, maps);
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const row of await findForExport(pool, ids.slice(i, i + BATCH))) {
        const best = bestText(row.texts, query.lang ?? locale, row.original_language);
        yield {
          id: String(row.id),
          mechanism: labels.mechanism(row.mechanism_id).key,
          kind: row.kind,
          countries: row.countries.join('|'),
          symbol: row.document_symbol ?? '',
          paragraph: row.paragraph ?? '',
          date: row.document_date ?? '',
          cycle: row.cycle == null ? '' : String(row.cycle),
          session: row.session == null ? '' : String(row.session),
          position: row.position ?? '',
          position_source: row.position_source ?? '',
          language: best.language,
          text: best.text,
          themes: row.theme_ids.map((id: number) => labels.term(id).label).join('|'),
          affected_persons: row.affected_ids.map((id: number) => labels.term(id).label).join('|'),
          sdg_targets: row.sdg_targets.join('|'),
          recommending_states: row.recommending_states.join('|'),
        };
      }
    }
  }
  return streamTable(format, COLUMNS, rows(), 'recommendations');
}
