/** The reporting rounds contract: who owes reports on what, by when. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { editSchemaOf, editVersion } from './edits';
import { localizedNameSchema } from './institutions';

export const ROUND_PROGRESS = ['not_started', 'in_progress', 'submitted', 'validated'] as const;

/** Where an institution stands in a round: everything owed validated, or submitted, or some of it, or nothing yet. */
export function roundProgress({ owed, submitted, validated }: { owed: number; submitted: number; validated: number }): (typeof ROUND_PROGRESS)[number] {
  if (owed > 0 && validated === owed) return 'validated';
  if (owed > 0 && submitted === owed) return 'submitted';
  return submitted > 0 || validated > 0 ? 'in_progress' : 'not_started';
}

const days = z.number().int().min(LIMITS.round.days.min).max(LIMITS.round.days.max);

export const roundInputSchema = z.object({
  title: localizedNameSchema,
  /** Which assignments the round covers; an empty list does not narrow. */
  scope: z.object({
    mechanisms: z.array(z.string().min(1).max(40)).max(50).default([]),
    recommendation_ids: z.array(z.number().int().positive()).max(20_000).default([]),
    institution_ids: z.array(z.number().int().positive()).max(500).default([]),
  }).default({ mechanisms: [], recommendation_ids: [], institution_ids: [] }),
  opens_on: z.iso.date(),
  due_on: z.iso.date(),
  /** Days before the due date on which focal points are reminded. */
  reminder_days: z.array(days).max(LIMITS.round.reminders).default([14, 7, 1]),
  escalate_to_validator_after_days: days.default(3),
  escalate_to_secretariat_after_days: days.default(7),
});

/** Only the fields sent change (closing a round sends `closed` alone); `scope`, when sent, is the whole new scope. */
export const roundPatchSchema = editSchemaOf(roundInputSchema).extend({
  closed: z.boolean().optional(),
  version: editVersion,
});

export const roundSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  titles: z.record(z.string(), z.string()),
  scope: z.object({ mechanisms: z.array(z.string()), recommendation_ids: z.array(z.number().int()), institution_ids: z.array(z.number().int()) }),
  opens_on: z.string(),
  due_on: z.string(),
  reminder_days: z.array(z.number().int()),
  escalate_to_validator_after_days: z.number().int(),
  escalate_to_secretariat_after_days: z.number().int(),
  closed: z.boolean(),
  version: z.number().int(),
});

export const roundProgressSchema = z.object({
  institution: z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() }),
  /** Recommendations in the round assigned to the institution. */
  owed: z.number().int(),
  /** …with a report submitted since the round opened and not returned since. */
  submitted: z.number().int(),
  /** …with a report validated (or published) since the round opened. */
  validated: z.number().int(),
  progress: z.enum(ROUND_PROGRESS),
  overdue: z.boolean(),
});

export const dashboardSchema = z.object({
  round: roundSchema,
  totals: z.object({ institutions: z.number().int(), owed: z.number().int(), submitted: z.number().int(), validated: z.number().int() }),
  institutions: z.array(roundProgressSchema),
});

export const reportsDueSchema = z.object({
  round: roundSchema,
  progress: roundProgressSchema,
  items: z.array(z.object({
    recommendation_id: z.number().int(),
    symbol: z.string().nullable(),
    paragraph: z.string().nullable(),
    text: z.string(),
    submitted: z.boolean(),
    validated: z.boolean(),
  })),
  permissions: z.array(z.enum(['action:create']))
    .describe("What the caller may do for this institution: `action:create` to report an action against what it owes."),
});
