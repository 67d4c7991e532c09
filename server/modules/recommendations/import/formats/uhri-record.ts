/**
 * One UHRI record → ParsedRecommendation, shared by the JSON and the XLSX
 * export (same fields, different names and cell shapes).
 */
import { importReason, type Reason } from '../reasons';
import type { ParsedRecommendation, RecommendationKind, RowIssue } from '../types';
import {
  cycleFromSession,
  cycleNumber,
  dateToIsoDate,
  excelSerialToIsoDate,
  foldKey,
  htmlToText,
  isoDate,
  positionFromLabels,
  quote,
  sdgCodes,
  sessionNumber,
  splitParagraph,
  stripDashPrefix,
  uniqueNonEmpty,
} from './text';
import type { CellValue } from './xlsx';

/** The fields of a UHRI record, `- ` prefixes not yet removed. */
export interface UhriFields {
  annotationId: string;
  type: string;
  body: string;
  countries: string[];
  symbol: string;
  /** ISO date-time string (JSON), Excel serial number or date cell (XLSX), or empty. */
  publicationDate: CellValue;
  text: string;
  themes: string[];
  affectedPersons: string[];
  sdgs: string[];
  /** UPR cycle as given (JSON `UprCycle`), or null. */
  cycle: string | number | null;
  sessions: string[];
  positions: string[];
  recommendingStates: string[];
}

/** The source's own names of the fields, for row issues. */
export type UhriFieldNames = Record<
  'annotationId' | 'type' | 'body' | 'countries' | 'publicationDate' | 'text' | 'sdgs' | 'cycle' | 'sessions' | 'positions',
  string
>;

const KINDS = new Map<string, RecommendationKind>([
  ['recommendations', 'recommendation'],
  ['recommendation', 'recommendation'],
  ['concerns/observations', 'observation'],
  ['concerns / observations', 'observation'],
  ['concerns and observations', 'observation'],
  ['concerns', 'observation'],
  ['observations', 'observation'],
  ['observation', 'observation'],
]);

/** UHRI `AnnotationType` / `Type` → kind; undefined when unknown. */
export function uhriKind(type: string): RecommendationKind | undefined {
  return KINDS.get(foldKey(type));
}

/**
 * Build the record, or return the row issues that keep it out. A record with
 * any issue is not returned: the importer reports the line and skips it.
 */
export function buildUhriRecord(
  line: number,
  f: UhriFields,
  names: UhriFieldNames,
): { record: ParsedRecommendation; issues?: undefined } | { record?: undefined; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const recordId = stripDashPrefix(f.annotationId) || undefined;
  const issue = (field: string, reason: Reason) => issues.push({ line, field, reason, ...(recordId ? { recordId } : {}) });

  const annotationId = stripDashPrefix(f.annotationId);
  if (!annotationId) issue(names.annotationId, importReason('uhri_id_missing', { field: names.annotationId }));

  const body = stripDashPrefix(f.body);
  if (!body) issue(names.body, importReason('body_missing', { field: names.body }));

  const typeLabel = stripDashPrefix(f.type);
  let kind: RecommendationKind = 'recommendation';
  if (!typeLabel) issue(names.type, importReason('record_type_missing', { field: names.type }));
  else {
    const k = uhriKind(typeLabel);
    if (k) kind = k;
    else issue(names.type, importReason('unknown_record_type', { value: quote(typeLabel) }));
  }

  const countries = uniqueNonEmpty(f.countries.map(stripDashPrefix));
  if (countries.length === 0) issue(names.countries, importReason('countries_empty', { field: names.countries }));

  const plain = stripDashPrefix(htmlToText(f.text)); // the XLSX prefixes single values, Text included
  const { paragraph, text } = splitParagraph(plain);
  if (!text) issue(names.text, importReason(plain ? 'text_only_paragraph' : 'field_empty', { field: names.text }));

  const date = uhriDate(f.publicationDate);
  if (date === undefined) issue(names.publicationDate, importReason('date_not_date', { value: quote(cellDisplay(f.publicationDate)) }));

  const sdgs = sdgCodes(f.sdgs.map(stripDashPrefix).filter(Boolean));
  if (sdgs.invalid.length > 0) {
    issue(names.sdgs, importReason('sdg_no_code', { values: sdgs.invalid.map((s) => quote(s)).join(', ') }));
  }

  let session: number | null = null;
  const sessionLabels = uniqueNonEmpty(f.sessions.map(stripDashPrefix));
  if (sessionLabels.length > 0) {
    session = sessionNumber(sessionLabels[0]);
    if (session === null) issue(names.sessions, importReason('not_upr_session', { value: quote(sessionLabels[0]) }));
  }

  let cycle: number | null = null;
  const cycleRaw = typeof f.cycle === 'string' ? stripDashPrefix(f.cycle) : f.cycle;
  if (cycleRaw !== null && cycleRaw !== '') {
    cycle = cycleNumber(cycleRaw);
    if (cycle === null) issue(names.cycle, importReason('not_upr_cycle', { value: quote(String(cycleRaw)) }));
  } else if (session !== null) {
    cycle = cycleFromSession(session);
  }

  const positions = positionFromLabels(uniqueNonEmpty(f.positions.map(stripDashPrefix)));
  if (positions.unknown.length > 0) {
    issue(names.positions, importReason('unknown_uhri_position', { values: positions.unknown.map((s) => quote(s)).join(', ') }));
  }

  if (issues.length > 0) return { issues };
  return {
    record: {
      line,
      externalId: { scheme: 'uhri', value: annotationId },
      mechanism: body,
      kind,
      countries,
      symbol: stripDashPrefix(f.symbol) || null,
      paragraph,
      date,
      cycle,
      session,
      position: positions.position,
      positionSource: null,
      recommendingStates: uniqueNonEmpty(f.recommendingStates.map(stripDashPrefix)),
      language: 'en',
      text,
      themes: uniqueNonEmpty(f.themes.map(stripDashPrefix)),
      affectedPersons: uniqueNonEmpty(f.affectedPersons.map(stripDashPrefix)),
      sdgs: sdgs.codes,
    },
  };
}

const NUMERIC = /^\d+(?:\.\d+)?$/;

/**
 * A UHRI publication date → ISO date; null when empty; undefined when it is
 * not a date. JSON gives `2025-02-12T00:00:00`; the XLSX an Excel serial
 * number (46078, `46125.4996282407`), or a date cell once someone re-saved it.
 */
export function uhriDate(value: CellValue): string | null | undefined {
  if (value === null || value === '') return null;
  if (value instanceof Date) return dateToIsoDate(value) ?? undefined;
  if (typeof value === 'number') return excelSerialToIsoDate(value) ?? undefined;
  if (typeof value === 'boolean') return undefined;
  const s = stripDashPrefix(value);
  if (!s) return null;
  if (NUMERIC.test(s)) return excelSerialToIsoDate(Number(s)) ?? undefined;
  return isoDate(s) ?? undefined;
}

function cellDisplay(value: CellValue): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
