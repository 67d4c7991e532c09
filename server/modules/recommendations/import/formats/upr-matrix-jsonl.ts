/**
 * OHCHR UPR "thematic list of recommendations" (the UPR matrix) parsed to
 * JSON lines (data-formats.md §2): one object a line with `cycle, session,
 * state_under_review, paragraph, text, heading_theme, source_of_position,
 * position, themes[], affected_persons[], sdgs[], recommending_states_raw[]`.
 *
 * - line = line number in the file; a line that is not JSON is a RowIssue,
 *   a file in which no line parses is an ImportFileError.
 * - position: Supported / Noted (also Supported/Noted → supported_in_part);
 *   source_of_position → positionSource, and the Working Group report symbol
 *   it names (`A/HRC/43/15/Add.1 - Para.3` → `A/HRC/43/15`) → symbol.
 * - themes as written (old coded themes such as `A12 Acceptance of
 *   international norms` included: normaliseLabel handles the code);
 *   sdgs `10 - REDUCED INEQUALITIES` → `10`.
 * - recommending_states_raw holds the trailing parentheses of the text:
 *   several States in one string (`Spain, Tunisia, Portugal`), and sometimes a
 *   treaty (`ICRMW`, `No. 29`) caught by mistake. Split on `,`/`;` outside
 *   parentheses; drop what is not a State name (digits, all capitals). When
 *   the list is empty (the text ends with `).` rather than `);`), the
 *   trailing parentheses of the text are used.
 * - the text is kept as written (recommending States in parentheses included).
 */
import { checkLineLengths, checkRowCount } from '../limits';
import { importReason, type Reason } from '../reasons';
import { ImportFileError, type ParseResult, type Parser } from '../types';
import {
  collapseWhitespace,
  cycleFromSession,
  cycleNumber,
  decodeUtf8Strict,
  looksLikeStateName,
  positionFromLabel,
  quote,
  sdgCodes,
  sessionNumber,
  splitParagraph,
  splitStateList,
  stripDashPrefix,
  trailingParentheticals,
  uniqueNonEmpty,
} from './text';

const WG_REPORT_SYMBOL = /^\s*(A\/HRC\/\d+\/\d+)(?:\/Add\.\d+)?\b/i;
const LINE_BREAK = /\r\n|\r|\n/;

export const parseUprMatrixJsonl: Parser = async (input) => {
  checkLineLengths(input);
  const content = decodeUtf8Strict(input);
  if (content === null) throw new ImportFileError(importReason('json_lines_not_utf8'));
  const lines = content.split(LINE_BREAK);

  const result: ParseResult = { records: [], issues: [] };
  let parsed = 0;
  let matrixLike = 0;
  for (let n = 0; n < lines.length; n++) {
    const source = lines[n].trim();
    if (!source) continue;
    const line = n + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 120);
      result.issues.push({ line, field: 'line', reason: importReason('line_not_json', { detail: message }) });
      continue;
    }
    parsed++;
    checkRowCount(parsed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      result.issues.push({ line, field: 'line', reason: importReason('not_json_object') });
      continue;
    }
    const o = value as Record<string, unknown>;
    if ('state_under_review' in o && 'text' in o) matrixLike++;
    parseObject(line, o, result);
  }
  if (parsed === 0) {
    throw new ImportFileError(importReason(result.issues.length > 0 ? 'not_json_lines' : 'file_empty'));
  }
  if (matrixLike === 0) throw new ImportFileError(importReason('not_upr_matrix'));
  return result;
};

function parseObject(line: number, o: Record<string, unknown>, result: ParseResult): void {
  const before = result.issues.length;
  const issue = (field: string, reason: Reason) => result.issues.push({ line, field, reason });

  const state = stripDashPrefix(str(o.state_under_review));
  if (!state) issue('state_under_review', importReason('field_empty', { field: 'state_under_review' }));

  let text = collapseWhitespace(str(o.text));
  let paragraph: string | null = stripDashPrefix(str(o.paragraph)) || null;
  if (!paragraph && text) {
    const split = splitParagraph(text);
    paragraph = split.paragraph;
    text = split.text;
  }
  if (!text) issue('text', importReason('field_empty', { field: 'text' }));

  let session: number | null = null;
  if (present(o.session)) {
    session = sessionNumber(num(o.session));
    if (session === null) issue('session', importReason('not_upr_session', { value: quote(String(o.session)) }));
  }
  let cycle: number | null = null;
  if (present(o.cycle)) {
    cycle = cycleNumber(num(o.cycle));
    if (cycle === null) issue('cycle', importReason('not_upr_cycle', { value: quote(String(o.cycle)) }));
  } else if (session !== null) {
    cycle = cycleFromSession(session);
  }

  const positionLabel = str(o.position);
  const position = positionFromLabel(positionLabel);
  if (position === undefined) issue('position', importReason('unknown_upr_position', { value: quote(positionLabel) }));

  const sdgs = sdgCodes(list(o.sdgs));
  if (sdgs.invalid.length > 0) issue('sdgs', importReason('sdg_no_code', { values: sdgs.invalid.map((s) => quote(s)).join(', ') }));

  if (result.issues.length > before) return;

  const positionSource = collapseWhitespace(str(o.source_of_position)) || null;
  const symbol = (positionSource && WG_REPORT_SYMBOL.exec(positionSource)?.[1]) || null;

  result.records.push({
    line,
    externalId: null,
    mechanism: 'UPR',
    kind: 'recommendation',
    countries: [state],
    symbol,
    paragraph,
    date: null,
    cycle,
    session,
    position: position ?? null,
    positionSource,
    recommendingStates: recommendingStates(list(o.recommending_states_raw), text),
    language: 'en',
    text,
    themes: list(o.themes),
    affectedPersons: list(o.affected_persons),
    sdgs: sdgs.codes,
  });
}

/** State names from the raw parentheticals, or from the end of the text when there are none. */
export function recommendingStates(raw: string[], text: string): string[] {
  const fromRaw = uniqueNonEmpty(raw.flatMap(splitStateList).filter(looksLikeStateName));
  if (fromRaw.length > 0) return fromRaw;
  return uniqueNonEmpty(trailingParentheticals(text).flatMap(splitStateList).filter(looksLikeStateName));
}

function present(v: unknown): boolean {
  return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function num(v: unknown): string | number {
  return typeof v === 'number' ? v : str(v);
}

/** A list field: an array of strings (or one string), `- ` prefixes removed, blanks and duplicates dropped. */
function list(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return uniqueNonEmpty(items.map((item) => stripDashPrefix(str(item))));
}
