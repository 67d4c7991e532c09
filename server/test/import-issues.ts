/** Import issues with their reasons written in English, as the command line prints them: what parser tests compare. */
import { reasonText } from '../modules/recommendations/import/reasons';
import type { RowIssue } from '../modules/recommendations/import/types';

export function inEnglish<T extends RowIssue>(issues: readonly T[]): (Omit<T, 'reason'> & { reason: string })[] {
  return issues.map((issue) => ({ ...issue, reason: reasonText(issue.reason) }));
}
