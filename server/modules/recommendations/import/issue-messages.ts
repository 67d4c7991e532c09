/**
 * Why the importer refused a file or a row, in the reader's language. The
 * parsers write their reasons in English for the command line, each one of
 * the catalogue's (reasons.ts); the web import asks here, the one place that
 * turns them into the web app's languages. A text the catalogue does not
 * hold is shown as it is.
 */
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { localizedReason, readReason } from './reasons';
import type { ImportFileError, IssuePlace, RowIssue } from './types';

/**
 * Where the issue is, as the user finds it: `Line 12` in a text file,
 * `Record 119 (id …)` in a JSON array (its position, and its own id when it
 * has one), `Sheet Export, row 5` in a workbook.
 */
export function issueWhere(issue: RowIssue, place: IssuePlace, locale: Locale): string {
  switch (place.unit) {
    case 'line': return message('import_where_line', locale, { line: issue.line });
    case 'row': return message('import_where_row', locale, { sheet: place.sheet, row: issue.line });
    case 'record': return issue.recordId
      ? message('import_where_record_id', locale, { record: issue.line, id: issue.recordId })
      : message('import_where_record', locale, { record: issue.line });
  }
}

/**
 * Where the issue is, for the command line's `file:where: field: reason`: the
 * line number alone for text files (as compilers and editors expect), else
 * `record 119 (id …)` or `sheet Export, row 5`.
 */
export function issueWhereForCommandLine(issue: RowIssue, place: IssuePlace): string {
  if (place.unit === 'line') return String(issue.line);
  const where = issueWhere(issue, place, 'en');
  return where.charAt(0).toLowerCase() + where.slice(1);
}

export function issueMessage(issue: RowIssue, place: IssuePlace, locale: Locale): string {
  const reason = readReason(issue.reason);
  return message('import_issue', locale, {
    where: issueWhere(issue, place, locale),
    field: issue.field,
    reason: reason ? localizedReason(reason, locale) : issue.reason,
  });
}

export function fileErrorReason(error: ImportFileError, locale: Locale): string {
  return error.code ? localizedReason({ code: error.code, params: error.params }, locale) : error.message;
}
