/**
 * UPR Info database CSV (data-formats.md §3), as published:
 * MacRoman bytes, CR line endings, `&#40;`/`&#41;` entities, columns
 * `To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session`.
 * Also the decoded copy (`upr_info_sessions_1-20.utf8.csv`: UTF-8, LF,
 * `state_under_review, text, recommending_state, response, action_category,
 * issues, session`, issues joined with `|`).
 *
 * - Encoding: UTF-8 when the bytes are valid UTF-8 (or carry a BOM), else MacRoman.
 * - Line endings: CR, LF and CRLF; line = the line on which the record starts.
 * - Text: entities decoded, trimmed; otherwise as written (no paragraph numbers in this source).
 * - To → countries; From → recommendingStates, except `(Unknown)` and a
 *   voluntary pledge's own State (From = To), which recommend nothing.
 * - Response: Accepted → supported, Noted → noted, Voluntary Pledge → kind
 *   pledge with no position.
 * - Issue: UPR Info joins its issue names with `,` (no space). No name of its
 *   54 contains a comma, but to be safe a piece that starts in lower case is
 *   taken as the rest of the previous name (`Torture, cruel treatment`).
 * - Action 1–5 → uprInfoAction; Session → session and cycle. No external id:
 *   the writer derives the identity.
 */
import { ImportFileError, type ParsedRecommendation, type ParseResult, type Parser, type Position } from '../types';
import { importReason, type Reason } from '../reasons';
import { checkLineLengths } from '../limits';
import { headerIndex, parseCsv } from './csv';
import { cycleFromSession, decodeEntities, decodeText, foldKey, positionFromLabel, quote, stripDashPrefix, uniqueNonEmpty } from './text';

type Column = 'to' | 'text' | 'from' | 'response' | 'action' | 'issue' | 'session';

/** Column → accepted header keys (see headerKey: lower case, `-` and spaces as `_`): original, then decoded copy. */
const COLUMNS: Record<Column, string[]> = {
  to: ['to', 'state_under_review'],
  text: ['text'],
  from: ['from', 'recommending_state'],
  response: ['response'],
  action: ['action', 'action_category'],
  issue: ['issue', 'issues'],
  session: ['session'],
};
/** The names shown to the user, as in the published files. */
const DISPLAY: Record<Column, string> = {
  to: 'To', text: 'Text', from: 'From', response: 'Response', action: 'Action', issue: 'Issue', session: 'Session',
};
const REQUIRED: Column[] = ['to', 'text', 'response'];

const UNKNOWN_STATE = /^\(?\s*unknown\s*\)?$/i;
const PIPE = '|';

export const parseUprInfoCsv: Parser = async (input) => {
  checkLineLengths(input);
  const { text } = decodeText(input, 'macintosh');
  const rows = parseCsv(text, ',');
  if (rows.length === 0) throw new ImportFileError(importReason('file_empty'));

  const header = headerIndex(rows[0].cells);
  const columns = new Map<Column, number>();
  const names = { ...DISPLAY };
  const matched = new Map<Column, string>();
  for (const column of Object.keys(COLUMNS) as Column[]) {
    for (const key of COLUMNS[column]) {
      const i = header.get(key);
      if (i !== undefined) {
        columns.set(column, i);
        matched.set(column, key);
        names[column] = rows[0].cells[i].trim();
        break;
      }
    }
  }
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    const columns = missing.map((c) => DISPLAY[c]).join(', ');
    throw new ImportFileError(importReason(missing.length > 1 ? 'upr_info_missing_columns' : 'upr_info_missing_column', { columns }));
  }
  const issueSeparator = matched.get('issue') === 'issues' ? PIPE : ','; // the decoded copy joins with `|`

  const at = (c: Column) => columns.get(c) ?? -1;
  const iTo = at('to');
  const iText = at('text');
  const iFrom = at('from');
  const iResponse = at('response');
  const iAction = at('action');
  const iIssue = at('issue');
  const iSession = at('session');

  const result: ParseResult = { records: [], issues: [] };
  for (let r = 1; r < rows.length; r++) {
    const { line, cells } = rows[r];
    const cell = (i: number) => (i >= 0 && i < cells.length ? cells[i] : '');
    const before = result.issues.length;
    const issue = (field: string, reason: Reason) => result.issues.push({ line, field, reason });

    const to = decodeEntities(cell(iTo)).trim();
    if (!to) issue(names.to, importReason('state_under_review_empty', { field: names.to }));

    const body = decodeEntities(cell(iText)).trim();
    if (!body) issue(names.text, importReason('field_empty', { field: names.text }));

    let kind: ParsedRecommendation['kind'] = 'recommendation';
    let position: Position | null = null;
    const response = decodeEntities(cell(iResponse)).trim();
    if (foldKey(response) === 'voluntary pledge') kind = 'pledge';
    else {
      const p = positionFromLabel(response);
      if (p === undefined) issue(names.response, importReason('unknown_response', { value: quote(response) }));
      else position = p;
    }

    let uprInfoAction: number | null = null;
    const action = cell(iAction).trim();
    if (action) {
      uprInfoAction = /^[1-5]$/.test(action) ? Number(action) : null;
      if (uprInfoAction === null) issue(names.action, importReason('action_out_of_range', { value: quote(action) }));
    }

    let session: number | null = null;
    const sessionText = cell(iSession).trim();
    if (sessionText) {
      session = /^\d{1,3}$/.test(sessionText) && Number(sessionText) > 0 ? Number(sessionText) : null;
      if (session === null) issue(names.session, importReason('not_upr_session_number', { value: quote(sessionText) }));
    }

    const from = decodeEntities(cell(iFrom)).trim();
    const recommendingStates = kind === 'pledge' || !from || UNKNOWN_STATE.test(from) ? [] : [from];

    if (result.issues.length > before) continue;
    result.records.push({
      line,
      externalId: null,
      mechanism: 'UPR',
      kind,
      countries: [to],
      symbol: null,
      paragraph: null,
      date: null,
      cycle: session === null ? null : cycleFromSession(session),
      session,
      position,
      positionSource: null,
      recommendingStates,
      language: 'en',
      text: body,
      uprInfoIssues: splitIssues(decodeEntities(cell(iIssue)), issueSeparator),
      uprInfoAction,
    });
  }
  return result;
};

const STARTS_LOWER = /^\s*\p{Ll}/u;

/**
 * UPR Info issue names from the `Issue` cell: `"Rights of the Child,Women's rights"`
 * → `["Rights of the Child", "Women's rights"]`. A piece that starts in lower
 * case continues the previous name (a name with a comma in it).
 */
export function splitIssues(cell: string, separator: string = ','): string[] {
  if (!cell.trim()) return [];
  const pieces = cell.split(separator);
  if (separator !== ',') return uniqueNonEmpty(pieces.map(stripDashPrefix));
  const names: string[] = [];
  for (const piece of pieces) {
    if (names.length > 0 && STARTS_LOWER.test(piece)) names[names.length - 1] += `,${piece}`;
    else names.push(piece);
  }
  return uniqueNonEmpty(names.map((n) => n.trim()));
}
