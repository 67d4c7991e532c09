/**
 * Implementation plans, shared by the API and the web app: plans, their tree
 * of objectives, planned activities (and focal points' proposals of them,
 * through the validation chain of action reports), revisions of adopted
 * plans, progress and coverage. See docs/decisions/0013-implementation-plans.md.
 */
import { z } from 'zod';
import { editSchemaOf, editVersion } from './edits';
import { LIMITS } from './limits';
import { searchQuerySchema } from './recommendations';
import { ACTION_STATES, ACTION_TRANSITIONS, COMMENT_MAX_LENGTH, type TransitionName } from './workflows/action-review';
import { localeSchema } from './i18n/schema';

export const PLAN_KINDS = ['national_action_plan', 'review_follow_up', 'strategy'] as const;
export const PLAN_STATUSES = ['draft', 'adopted', 'closed'] as const;
export const OBJECTIVE_LEVELS = ['axis', 'objective', 'result'] as const;
/** Where an activity stands against its dates and its action reports (progress.ts decides). */
export const ACTIVITY_PROGRESS = ['not_started', 'on_time', 'late', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[number];

/**
 * A proposal moves through the same chain as an action report; each move is
 * guarded by a permission of shared/permissions.ts whose roles equal the roles
 * the chain names for it (plans.test.ts holds them equal).
 */
export const PROPOSAL_TRANSITION_PERMISSIONS = {
  submit: 'plan:propose',
  return_to_author: 'plan:review',
  validate: 'plan:review',
  return_to_institution: 'plan:manage',
  publish: 'plan:manage',
} as const satisfies Record<TransitionName, string>;

const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as es or en');
const translatable = (max: number) => z.record(languageCode, z.string().trim().max(max));
const withSomeText = (max: number) => translatable(max)
  .refine((value) => Object.values(value).some((text) => text.length > 0), { message: 'at least one language' });
const isoDate = z.iso.date();
const id = z.number().int().positive();

/**
 * Why a plan changes: required on every change to an adopted or closed plan, and kept with the change as a
 * revision of the plan (on a draft, a change that gives a reason is kept as a revision too).
 */
export const revisionReason = z.string().trim().min(1).max(LIMITS.plan.revisionReason);

const planFields = {
  kind: z.enum(PLAN_KINDS),
  title: withSomeText(LIMITS.plan.title),
  description: translatable(LIMITS.plan.description).optional(),
  original_language: languageCode,
  period_start: isoDate.nullable().optional(),
  period_end: isoDate.nullable().optional(),
  adopted_on: isoDate.nullable().optional(),
  legal_instrument: z.string().trim().max(LIMITS.plan.legalInstrument).nullable().optional(),
  adoption_url: z.url({ protocol: /^https?$/ }).max(LIMITS.plan.url).nullable().optional(),
};
export const planInputSchema = z.object(planFields);
/** Only the fields sent change; an adopted or closed plan needs `revision_reason`. */
export const planPatchSchema = editSchemaOf(z.object(planFields)).extend({ version: editVersion, revision_reason: revisionReason.optional() });
/** draft → adopted (needs the adoption date), adopted → closed, closed → adopted (reopened). */
export const planStatusInputSchema = z.object({
  version: editVersion,
  status: z.enum(PLAN_STATUSES),
  adopted_on: isoDate.optional(),
  revision_reason: revisionReason.optional(),
});

const objectiveFields = {
  parent_id: id.nullable().optional(),
  level: z.enum(OBJECTIVE_LEVELS),
  code: z.string().trim().max(LIMITS.plan.objectiveCode).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  title: withSomeText(LIMITS.plan.title),
};
export const objectiveInputSchema = z.object({ ...objectiveFields, revision_reason: revisionReason.optional() });
export const objectivePatchSchema = editSchemaOf(z.object(objectiveFields)).extend({ version: editVersion, revision_reason: revisionReason.optional() });
export const objectiveDeleteSchema = z.object({ version: editVersion, revision_reason: revisionReason.optional() });

export const budgetSchema = z.object({
  amount: z.number().nonnegative().max(1e15).multipleOf(0.01),
  currency: z.string().regex(new RegExp(`^[A-Z]{${LIMITS.action.currencyLength}}$`), 'an ISO 4217 code such as PYG or USD'),
  programme: z.string().trim().max(LIMITS.action.programme).nullable().optional(),
});
export const milestoneSchema = z.object({ title: z.string().trim().min(1).max(LIMITS.plan.milestoneTitle), due_on: isoDate.nullable() });
const sdgTargetCode = z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'an SDG target such as 4.1 or 16.a');

const activityFields = {
  objective_id: id.nullable().optional(),
  institution_id: id,
  co_responsible_ids: z.array(id).max(LIMITS.plan.links).optional(),
  title: withSomeText(LIMITS.plan.title),
  description: translatable(LIMITS.plan.description).optional(),
  original_language: languageCode,
  start_date: isoDate.nullable().optional(),
  end_date: isoDate.nullable().optional(),
  milestones: z.array(milestoneSchema).max(LIMITS.plan.milestones).optional(),
  budget: budgetSchema.nullable().optional(),
  recommendation_ids: z.array(id).max(LIMITS.plan.recommendations).optional(),
  sdg_targets: z.array(sdgTargetCode).max(LIMITS.plan.links).optional(),
  indicator_ids: z.array(id).max(LIMITS.plan.links).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
};
/** The secretariat adds an activity straight into the plan. */
export const activityInputSchema = z.object({ ...activityFields, revision_reason: revisionReason.optional() });
export const activityPatchSchema = editSchemaOf(z.object(activityFields)).extend({ version: editVersion, revision_reason: revisionReason.optional() });
export const activityDeleteSchema = objectiveDeleteSchema;
/** A focal point proposes an activity for their institution (starts as a draft of the chain). */
export const proposalInputSchema = z.object(activityFields);
/** A proposal stays with the institution it was proposed for (another institution proposes its own). */
export const proposalPatchSchema = editSchemaOf(z.object(activityFields)).omit({ institution_id: true }).extend({ version: editVersion });
export const proposalTransitionInputSchema = z.object({
  version: editVersion,
  comment: z.string().trim().max(COMMENT_MAX_LENGTH).nullable().optional(),
});

const localized = z.string();
const institutionRef = z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() });
export const progressCounts = z.object(Object.fromEntries(ACTIVITY_PROGRESS.map((p) => [p, z.number().int()])) as Record<ActivityProgress, z.ZodNumber>);

export const planSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(PLAN_KINDS),
  status: z.enum(PLAN_STATUSES),
  title: localized,
  title_language: z.string(),
  period_start: z.string().nullable(),
  period_end: z.string().nullable(),
  adopted_on: z.string().nullable(),
  version: z.number().int(),
  updated_at: z.string(),
});

export const objectiveSchema = z.object({
  id: z.number().int(),
  parent_id: z.number().int().nullable(),
  level: z.enum(OBJECTIVE_LEVELS),
  code: z.string().nullable(),
  position: z.number().int(),
  title: localized,
  titles: z.record(z.string(), z.string()),
  version: z.number().int(),
});

export const transitionSchema = z.object({
  transition: z.enum(Object.keys(ACTION_TRANSITIONS) as [TransitionName, ...TransitionName[]]),
  from_state: z.enum(ACTION_STATES),
  to_state: z.enum(ACTION_STATES),
  actor: z.object({ id: z.number().int(), display_name: z.string() }),
  comment: z.string().nullable(),
  at: z.string(),
});

export const activitySchema = z.object({
  id: z.number().int(),
  plan_id: z.number().int(),
  objective_id: z.number().int().nullable(),
  /** The validation chain's state: 'published' is an activity of the plan, the others a proposal on its way. */
  state: z.enum(ACTION_STATES),
  institution: institutionRef,
  co_responsible: z.array(institutionRef),
  title: localized,
  title_language: z.string(),
  titles: z.record(z.string(), z.string()),
  description: z.string(),
  descriptions: z.record(z.string(), z.string()),
  original_language: z.string(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  milestones: z.array(milestoneSchema),
  budget: z.object({ amount: z.number(), currency: z.string(), programme: z.string().nullable() }).nullable(),
  recommendation_ids: z.array(z.number().int()),
  sdg_targets: z.array(z.string()),
  indicator_ids: z.array(z.number().int()),
  position: z.number().int(),
  version: z.number().int(),
  /** Where it stands (only for activities of the plan; null for proposals). */
  progress: z.enum(ACTIVITY_PROGRESS).nullable(),
  /** Published action reports that carry it out, and whether one completes it. */
  action_ids: z.array(z.number().int()),
  latest_measurement_on: z.string().nullable(),
});

export const activityDetailSchema = activitySchema.extend({
  history: z.array(transitionSchema),
  available_transitions: z.array(z.enum(Object.keys(ACTION_TRANSITIONS) as [TransitionName, ...TransitionName[]])),
  editable: z.boolean(),
});

export const planDetailSchema = planSummarySchema.extend({
  titles: z.record(z.string(), z.string()),
  description: z.string(),
  descriptions: z.record(z.string(), z.string()),
  original_language: z.string(),
  legal_instrument: z.string().nullable(),
  adoption_url: z.string().nullable(),
  objectives: z.array(objectiveSchema),
  /** The plan's activities, and the proposals the caller may see (workspace only). */
  activities: z.array(activitySchema),
  progress: progressCounts,
});

export const planListSchema = z.object({ items: z.array(planSummarySchema) });

/** The activities of adopted plans that answer one recommendation, with their plan and progress. */
export const recommendationPlannedSchema = z.object({
  items: z.array(activitySchema.extend({ plan: planSummarySchema })),
});
export const planListQuerySchema = z.object({
  status: z.union([z.enum(PLAN_STATUSES), z.array(z.enum(PLAN_STATUSES))]).optional()
    .transform((value) => (value === undefined ? [] : [value].flat())),
  locale: localeSchema.optional(),
});

export const revisionSchema = z.object({
  number: z.number().int(),
  kind: z.string(),
  reason: z.string(),
  actor: z.object({ id: z.number().int(), display_name: z.string() }),
  at: z.string(),
  changes: z.object({ entity: z.string(), id: z.number().int(), before: z.unknown(), after: z.unknown() }),
});
export const revisionListSchema = z.object({ items: z.array(revisionSchema) });

/** Progress of a plan, counted per objective (its subtree) and per institution (lead or co-responsible). */
export const planProgressSchema = z.object({
  plan_id: z.number().int(),
  today: z.string(),
  total: progressCounts,
  objectives: z.array(z.object({ id: z.number().int(), title: localized, level: z.enum(OBJECTIVE_LEVELS), counts: progressCounts })),
  institutions: z.array(z.object({ institution: institutionRef, counts: progressCounts })),
});

export type PlanDetail = z.infer<typeof planDetailSchema>;
export type PlanActivity = z.infer<typeof activitySchema>;
export type PlanProgress = z.infer<typeof planProgressSchema>;

/**
 * Coverage: the recommendations a search matches (the catalogue search's own filters, plus the institution
 * they are assigned to) that no activity of a plan answers, and the plans' activities that answer no
 * recommendation. Activities of draft and adopted plans count, or of `plan_id` alone; proposals never do.
 */
export const coverageQuerySchema = searchQuerySchema.extend({
  institution_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  plan_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

export const coverageSchema = z.object({
  /** Recommendations the search (and institution) matches. */
  matched: z.number().int(),
  /** Of those, answered by at least one activity. */
  covered: z.number().int(),
  uncovered: z.object({
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
    items: z.array(z.object({
      id: z.number().int(), mechanism: z.string(), symbol: z.string().nullable(), paragraph: z.string().nullable(), date: z.string().nullable(),
      cycle: z.number().int().nullable(), text: z.string(), language: z.string(),
    })),
  }),
  activities_without_recommendation: z.array(z.object({
    id: z.number().int(), plan_id: z.number().int(), plan_title: z.string(), title: z.string(),
    institution: z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() }),
  })),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** What an import of a plan's spreadsheet did (or, on a dry run, would do). */
export const planImportReportSchema = z.object({
  dry_run: z.boolean(),
  /** False on a dry run and whenever a row has an issue: all or nothing. */
  written: z.boolean(),
  rows: z.number().int(),
  activities: z.number().int(),
  objectives_created: z.number().int(),
  issues: z.array(z.object({ line: z.number().int(), location: z.string(), field: z.string(), message: z.string() })),
});
export type PlanImportReport = z.infer<typeof planImportReportSchema>;
