/**
 * What every export of a draft reads: its sections in order (the edited text
 * where a person wrote one), a batch at a time, each with the recommendation's
 * dossier for the matrix. Memory holds one batch, whatever the report's size.
 */
import type pg from 'pg';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import type { LabelMaps } from '../../taxonomies/taxonomies.repository';
import { formatDate } from '../../../../shared/format';
import { actionLine, COMPILE_BATCH, dossiersFor, statusLine, type Dossier } from '../compile';
import type { DraftRow } from '../reports.repository';

export interface ReportEntry {
  key: string;
  groupHeading: string | null;
  heading: string;
  /** What the reader gets: a person's edit, or the compiled text. */
  text: string;
  /** Null for a section whose recommendation no longer exists. */
  dossier: Dossier | null;
}

/** `withDossiers: false` skips the recommendation data when only the text is written. */
export async function* reportEntries(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, withDossiers: boolean, batchSize = COMPILE_BATCH): AsyncGenerator<ReportEntry[]> {
  let after = { position: 0, id: 0 };
  for (;;) {
    const { rows } = await pool.query(
      `select id, key, position, group_heading, heading, coalesce(edited_text, generated_text) as text from report_section
       where draft_id = $1 and (position, id) > ($2, $3) order by position, id limit $4`,
      [draft.id, after.position, after.id, batchSize]);
    if (!rows.length) return;
    const last = rows[rows.length - 1];
    after = { position: last.position, id: Number(last.id) };
    const recommendationId = (key: string) => (key.startsWith('rec:') ? Number(key.slice(4)) : null);
    const dossiers = withDossiers
      ? new Map((await dossiersFor(pool, maps, rows.map((r) => recommendationId(r.key)).filter((id): id is number => id !== null), draft.language as Locale)).map((d) => [d.id, d]))
      : new Map<number, Dossier>();
    yield rows.map((row) => ({
      key: row.key, groupHeading: row.group_heading, heading: row.heading, text: row.text,
      dossier: dossiers.get(recommendationId(row.key) ?? 0) ?? null,
    }));
  }
}

/** The matrix's columns, in the order of the OHCHR UPR matrix (paragraph, recommendation, position, themes, …). */
export const MATRIX_COLUMNS = ['group', 'citation', 'recommendation', 'source', 'position', 'themes', 'affected', 'sdg', 'institutions', 'actions', 'status'] as const;
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

export function matrixHeaders(locale: Locale): Record<MatrixColumn, string> {
  const say = (key: Parameters<typeof message>[0]) => message(key, locale);
  return {
    group: say('report_col_group'), citation: say('report_col_citation'), recommendation: say('report_col_recommendation'),
    source: say('report_col_source'), position: say('report_col_position'), themes: say('report_col_themes'),
    affected: say('report_col_affected'), sdg: say('report_col_sdg'), institutions: say('report_responsible'),
    actions: say('report_actions'), status: say('report_status'),
  };
}

/** One matrix row as text, in the report's language (lists one item per line). */
export function matrixRow(entry: ReportEntry, locale: Locale): Record<MatrixColumn, string> {
  const d = entry.dossier;
  return {
    group: entry.groupHeading ?? '',
    citation: entry.heading,
    recommendation: d?.text ?? '',
    source: d?.recommendingStates.join(', ') ?? '',
    position: d?.position ?? '',
    themes: d?.themes.join('\n') ?? '',
    affected: d?.affected.join('\n') ?? '',
    sdg: d?.sdgTargets.join(', ') ?? '',
    institutions: d?.institutions.join('\n') ?? '',
    actions: d?.actions.map((action) => actionLine(action, locale)).join('\n') ?? '',
    status: d ? statusLine(d.status, locale) : '',
  };
}

/** "Universal Periodic Review mid-term report · Compiled on November 22, 2026", in the report's language. */
export function documentSubtitle(draft: DraftRow, on: string): string {
  const locale = draft.language as Locale;
  return `${message(`report_template_${draft.template}` as Parameters<typeof message>[0], locale)} · ${message('report_generated_on', locale, { date: formatDate(on, locale) })}`;
}
