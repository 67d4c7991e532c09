/**
 * Where a planned activity stands, from what the platform already records:
 * the published action reports that carry it out and its indicators'
 * measurements. No one types a status in.
 *
 * - done: a published action report says it completes the activity;
 * - late: not done and its end date has passed;
 * - on time: not done, not late, and started — its start date has come, or a
 *   published action report or a measurement of its indicators shows work on it;
 * - not started: none of these (its start date is still ahead, or it has none and nothing shows work).
 */
import type { ActivityProgress } from '../../../shared/plans';
import type { ActivityFacts } from './plans.repository';

export function activityProgress(activity: { start_date: string | null; end_date: string | null }, facts: ActivityFacts | undefined, today: string): ActivityProgress {
  if (facts?.completed) return 'done';
  if (activity.end_date !== null && activity.end_date < today) return 'late';
  const evidence = (facts?.action_ids.length ?? 0) > 0 || facts?.latest_measurement_on != null;
  if (evidence || (activity.start_date !== null && activity.start_date <= today)) return 'on_time';
  return 'not_started';
}

export type ProgressCounts = Record<ActivityProgress, number>;
export const emptyCounts = (): ProgressCounts => ({ not_started: 0, on_time: 0, late: 0, done: 0 });
