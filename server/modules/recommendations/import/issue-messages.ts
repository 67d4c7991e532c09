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
import type { ImportFileError, RowIssue } from './types';

export function issueMessage(issue: RowIssue, locale: Locale): string {
  const reason = readReason(issue.reason);
  return message('import_issue', locale, {
    line: issue.line,
    field: issue.field,
    reason: reason ? localizedReason(reason, locale) : issue.reason,
  });
}

export function fileErrorReason(error: ImportFileError, locale: Locale): string {
  return error.code ? localizedReason({ code: error.code, params: error.params }, locale) : error.message;
}
