/** The progress rule, case by case, written out from docs/decisions/0013-implementation-plans.md. */
import { describe, expect, it } from 'vitest';
import { activityProgress } from './progress';

const today = '2026-06-15';
const none = { action_ids: [], completed: false, latest_measurement_on: null };

describe('activityProgress', () => {
  it.each([
    ['completed by a published report, even after its end date', { start_date: '2025-01-01', end_date: '2025-12-31' }, { ...none, action_ids: [1], completed: true }, 'done'],
    ['end date passed without a completing report', { start_date: '2025-01-01', end_date: '2026-06-14' }, { ...none, action_ids: [1] }, 'late'],
    ['ends today: not late yet', { start_date: '2025-01-01', end_date: today }, none, 'on_time'],
    ['start date come, nothing reported', { start_date: '2026-06-15', end_date: '2026-12-31' }, none, 'on_time'],
    ['start date ahead, nothing reported', { start_date: '2026-06-16', end_date: '2026-12-31' }, none, 'not_started'],
    ['start date ahead, but a published report shows work', { start_date: '2026-07-01', end_date: '2026-12-31' }, { ...none, action_ids: [4] }, 'on_time'],
    ['no dates, a measurement shows work', { start_date: null, end_date: null }, { ...none, latest_measurement_on: '2026-01-01' }, 'on_time'],
    ['no dates, nothing known', { start_date: null, end_date: null }, undefined, 'not_started'],
  ] as const)('%s', (_label, activity, facts, want) => {
    expect(activityProgress(activity, facts, today)).toBe(want);
  });
});
