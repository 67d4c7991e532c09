/**
 * Why the importer refused a file or a row, in the reader's language. The
 * parsers write their reasons in English for the command line; the web import
 * asks here, the one place that turns them into the web app's languages.
 */
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import type { ImportFileError, RowIssue } from './types';

export function issueMessage(issue: RowIssue, locale: Locale): string {
  return message('import_issue', locale, { line: issue.line, field: issue.field, reason: issue.reason });
}

export function fileErrorReason(error: ImportFileError, _locale: Locale): string {
  return error.message;
}
