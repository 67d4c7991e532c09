/**
 * The closed lists of implementation plans and their labels, for the plan pages. The lists are written
 * out here because shared/plans.ts loads zod (the browser bundle does not); plans.test.ts on the server
 * holds the same values, and a label missing from a catalogue shows the value itself.
 */
import type { TFunction } from '../../i18n';
import type { ActivityProgress, PlanStatus } from '../../../shared/plans';
import { formatDate } from '../../lib/format';

export const PLAN_KINDS = ['national_action_plan', 'review_follow_up', 'strategy'] as const;
export const OBJECTIVE_LEVELS = ['axis', 'objective', 'result'] as const;
export const ACTIVITY_PROGRESS: readonly ActivityProgress[] = ['not_started', 'on_time', 'late', 'done'];

export const kindLabel = (t: TFunction, kind: string) => t(`plans.kinds.${kind}`, { defaultValue: kind });
export const statusLabel = (t: TFunction, status: PlanStatus | string) => t(`plans.statuses.${status}`, { defaultValue: status });
export const levelLabel = (t: TFunction, level: string) => t(`plans.levels.${level}`, { defaultValue: level });
export const progressLabel = (t: TFunction, progress: string) => t(`plans.progress.${progress}`, { defaultValue: progress });

/** "1 March 2025 – 31 December 2028", with an ellipsis for an open end; null when neither date is known. */
export function periodLabel(start: string | null, end: string | null, locale: string): string | null {
  if (!start && !end) return null;
  return `${start ? formatDate(start, locale) : '…'} – ${end ? formatDate(end, locale) : '…'}`;
}

/** "1 500 000 PYG (programme)". */
export function budgetLabel(budget: { amount: number; currency: string; programme: string | null } | null, locale: string): string | null {
  if (!budget) return null;
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(budget.amount);
  return `${amount} ${budget.currency}${budget.programme ? ` (${budget.programme})` : ''}`;
}

export const institutionName = (institution: { name: string; acronym: string | null }) =>
  (institution.acronym ? `${institution.name} (${institution.acronym})` : institution.name);
