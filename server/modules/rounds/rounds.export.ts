/** Reporting rounds and a round's dashboard as tables: one row per round, one per institution, as the JSON lists present them. */
import type { z } from 'zod';
import type { roundProgressSchema, roundSchema } from '../../../shared/rounds';
import type { TableRow } from '../../platform/export/tables';
import { joined } from '../exports/list-export';

export const ROUND_COLUMNS = ['id', 'title', 'mechanisms', 'recommendation_ids', 'institution_ids', 'opens_on', 'due_on', 'reminder_days',
  'escalate_to_validator_after_days', 'escalate_to_secretariat_after_days', 'closed'] as const;

export function roundRow(round: z.infer<typeof roundSchema>): TableRow {
  return {
    id: round.id,
    title: round.title,
    mechanisms: joined(round.scope.mechanisms),
    recommendation_ids: joined(round.scope.recommendation_ids),
    institution_ids: joined(round.scope.institution_ids),
    opens_on: round.opens_on,
    due_on: round.due_on,
    reminder_days: joined(round.reminder_days),
    escalate_to_validator_after_days: round.escalate_to_validator_after_days,
    escalate_to_secretariat_after_days: round.escalate_to_secretariat_after_days,
    closed: round.closed,
  };
}

export const PROGRESS_COLUMNS = ['institution_id', 'institution', 'institution_acronym', 'owed', 'submitted', 'validated', 'progress', 'overdue'] as const;

export function progressRow(row: z.infer<typeof roundProgressSchema>): TableRow {
  return {
    institution_id: row.institution.id,
    institution: row.institution.name,
    institution_acronym: row.institution.acronym,
    owed: row.owed,
    submitted: row.submitted,
    validated: row.validated,
    progress: row.progress,
    overdue: row.overdue,
  };
}
