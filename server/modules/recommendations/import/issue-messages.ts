/**
 * Why the importer refused a file or a row, in the reader's language. The
 * parsers report each reason as data, one of the catalogue's (reasons.ts);
 * the web import asks here for it in the reader's language, the command line
 * for it in English. A file error the catalogue does not hold is shown as it is.
 */
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { reasonText } from './reasons';
import type { ImportFileError, IssuePlace, RowIssue } from './types';

/**
 * Where the issue is, as the user finds it: `Line 12` in a text file,
 * `Record 119 (id …)` in a JSON array (its position, and its own id when it
 * has one), `Sheet Export, row 5` in a workbook.
 */
export function issueWhere(issue: Pick<RowIssue, 'line' | 'recordId'>, place: IssuePlace, locale: Locale): string {
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
export function issueWhereForCommandLine(issue: Pick<RowIssue, 'line' | 'recordId'>, place: IssuePlace): string {
  if (place.unit === 'line') return String(issue.line);
  const where = issueWhere(issue, place, 'en');
  return where.charAt(0).toLowerCase() + where.slice(1);
}

export function issueMessage(issue: RowIssue, place: IssuePlace, locale: Locale): string {
  return message('import_issue', locale, {
    where: issueWhere(issue, place, locale),
    field: issue.field,
    reason: reasonText(issue.reason, locale),
  });
}

export function fileErrorReason(error: ImportFileError, locale: Locale): string {
  return error.reason ? reasonText(error.reason, locale) : error.message;
}
