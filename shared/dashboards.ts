/**
 * The public dashboard contract: aggregate counts over the recommendations a
 * search matches. Only counts and public labels leave the server (no round
 * titles, no report contents, nothing of unpublished records but how many).
 */
import { z } from 'zod';
import { progressCounts } from './plans';

const counted = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const complianceCountsSchema = z.object({
  /** Assignments in the scope of opened rounds (one per round and recommendation). */
  owed: z.number().int(),
  /** …with a report submitted since the round opened and still submitted or further on. */
  submitted: z.number().int(),
  /** …with a report validated (or published) since the round opened. */
  validated: z.number().int(),
  /** …submitted on or before the round's due date. */
  on_time: z.number().int(),
  /** …not submitted, the round's due date past. */
  overdue: z.number().int(),
});

const plannedRow = z.object({ key: z.string(), label: z.string(), counts: progressCounts });

/**
 * Planned vs done: the accepted activities of adopted plans (never drafts, closed plans or proposals), where
 * each stands from the published action reports that carry it out (done, on time, late, not started; the
 * rules of server/modules/plans/progress.ts). A search that narrows the catalogue keeps the activities that
 * answer at least one matching recommendation.
 */
export const plannedSchema = z.object({
  /** The adopted plans with at least one counted activity. */
  plans: z.number().int(),
  /** The day the counts are for (late: the end date is before it). */
  today: z.string(),
  totals: progressCounts,
  by_plan: z.array(plannedRow),
  /** Lead or co-responsible: an activity counts under each of its institutions. */
  by_institution: z.array(plannedRow.extend({ acronym: z.string().nullable() })),
  /** The plans' top-level objectives (axes), each counting the activities of its whole subtree. */
  by_objective: z.array(plannedRow.extend({ plan: z.string() })),
});

export const dashboardSchema = z.object({
  /** How many recommendations the search matches: every count below is over these. */
  total: z.number().int(),
  /** Counts over the matching recommendations (a recommendation counts once per theme or goal it has). */
  facets: z.object({
    mechanism: z.array(counted),
    theme: z.array(counted),
    sdg: z.array(counted),
    position: z.array(counted),
  }),
  lead_institutions: z.object({
    items: z.array(counted.extend({ acronym: z.string().nullable() })),
    /** Matching recommendations without a lead institution. */
    none: z.number().int(),
  }),
  /** The current government status: each recommendation's latest government assessment. */
  status: z.object({
    steps: z.array(counted.extend({ active: z.boolean() })),
    not_assessed: z.number().int(),
  }),
  /** For each quarter end from the first to the last government assessment: how many recommendations were at each step. */
  progress: z.object({
    steps: z.array(z.object({ key: z.string(), label: z.string() })),
    quarters: z.array(z.object({
      quarter: z.string().describe('e.g. 2025-Q1'),
      end: z.string().describe('The quarter\'s last day, YYYY-MM-DD'),
      counts: z.record(z.string(), z.number().int()),
      not_assessed: z.number().int(),
    })),
    /** Earlier quarters were left out (at most MAX_QUARTERS, the most recent, are given). */
    truncated: z.boolean(),
  }),
  /** Per institution, over every reporting round that has opened. */
  rounds: z.object({
    rounds: z.number().int(),
    institutions: z.array(complianceCountsSchema.extend({
      institution: z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() }),
    })),
    totals: complianceCountsSchema,
  }),
  planned: plannedSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
