/** The action reports contract, shared by the API and the web app. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { ACTION_STATES, ACTION_TRANSITIONS, COMMENT_MAX_LENGTH, type TransitionName } from './workflows/action-review';
import { editSchemaOf, editVersion } from './edits';
import { ACTION_REACHES, ACTION_TYPES } from './vocabularies';
import { localeSchema } from './i18n/schema';

export { ACTION_REACHES, ACTION_TYPES };
export const MAX_RECOMMENDATIONS_PER_ACTION = 200;
export const MAX_EVIDENCE_PER_ACTION = 50;

/**
 * Each transition of the chain is its own endpoint, guarded by a permission of
 * shared/permissions.ts; the roles of each permission equal the roles the
 * state machine names for the transitions it guards (a test holds them equal).
 */
export const TRANSITION_PERMISSIONS = {
  submit: 'action:submit',
  return_to_author: 'action:validate',
  validate: 'action:validate',
  return_to_institution: 'action:publish',
  publish: 'action:publish',
} as const satisfies Record<TransitionName, string>;

/** A language code (ISO 639-1 or -3: es, en, gn, …) to text, at least one non-empty. */
const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as es or en');
const translatable = (max: number) => z.record(languageCode, z.string().trim().max(max));
const withSomeText = (max: number) => translatable(max)
  .refine((value) => Object.values(value).some((text) => text.length > 0), { message: 'at least one language' });

const isoDate = z.iso.date();

const actionFields = {
  title: withSomeText(LIMITS.action.title),
  description: translatable(LIMITS.action.description).optional(),
  original_language: languageCode,
  action_type: z.enum(ACTION_TYPES),
  reach: z.enum(ACTION_REACHES),
  start_date: isoDate.nullable().optional(),
  end_date: isoDate.nullable().optional(),
  progress: z.number().int().min(LIMITS.action.progress.min).max(LIMITS.action.progress.max).nullable().optional(),
  budget: z.object({
    amount: z.number().nonnegative().max(1e15).multipleOf(0.01),
    currency: z.string().regex(new RegExp(`^[A-Z]{${LIMITS.action.currencyLength}}$`), 'an ISO 4217 code such as PYG or USD'),
    programme: z.string().trim().max(LIMITS.action.programme).nullable().optional(),
  }).nullable().optional(),
  recommendation_ids: z.array(z.number().int().positive()).min(1).max(MAX_RECOMMENDATIONS_PER_ACTION),
  /** The planned activity of an implementation plan this action carries out (one the institution leads or shares). */
  plan_activity_id: z.number().int().positive().nullable().optional(),
  /** The action completes that activity, not only a step of it. */
  completes_activity: z.boolean().optional(),
};

export const actionInputSchema = z.object({ institution_id: z.number().int().positive(), ...actionFields });

/** Only the fields sent change. */
export const actionPatchSchema = editSchemaOf(z.object(actionFields)).extend({ version: editVersion });

export const transitionInputSchema = z.object({
  version: z.number().int().positive(),
  comment: z.string().trim().max(COMMENT_MAX_LENGTH).nullable().optional(),
});

export const linkEvidenceInputSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.evidence.title),
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.evidence.url),
});

export const actionListQuerySchema = z.object({
  institution_id: z.coerce.number().int().positive().optional(),
  recommendation_id: z.coerce.number().int().positive().optional(),
  state: z.union([z.enum(ACTION_STATES), z.array(z.enum(ACTION_STATES))]).optional()
    .transform((value) => (value === undefined ? [] : [value].flat())),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  locale: localeSchema.optional(),
});

export const evidenceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['link', 'file']),
  title: z.string(),
  url: z.string().nullable(),
  file_name: z.string().nullable(),
  media_type: z.string().nullable(),
  size_bytes: z.number().int().nullable(),
  /** Where to download a file (same visibility as the action). */
  download_url: z.string().nullable(),
  created_at: z.string(),
});

export const transitionSchema = z.object({
  transition: z.enum(Object.keys(ACTION_TRANSITIONS) as [TransitionName, ...TransitionName[]]),
  from_state: z.enum(ACTION_STATES),
  to_state: z.enum(ACTION_STATES),
  actor: z.object({ id: z.number().int(), display_name: z.string() }),
  comment: z.string().nullable(),
  at: z.string(),
});

export const actionSummarySchema = z.object({
  id: z.number().int(),
  state: z.enum(ACTION_STATES),
  institution: z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() }),
  /** In the caller's language where it exists, else the original. */
  title: z.string(),
  title_language: z.string(),
  /** In the caller's language where it exists, else the original (empty when there is none). */
  description: z.string(),
  description_language: z.string(),
  action_type: z.enum(ACTION_TYPES),
  reach: z.enum(ACTION_REACHES),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  progress: z.number().int().nullable(),
  recommendation_ids: z.array(z.number().int()),
  plan_activity_id: z.number().int().nullable(),
  completes_activity: z.boolean(),
  updated_at: z.string(),
  published_at: z.string().nullable(),
  version: z.number().int(),
  evidence: z.array(evidenceSchema),
});

export const actionDetailSchema = actionSummarySchema.extend({
  titles: z.record(z.string(), z.string()),
  descriptions: z.record(z.string(), z.string()),
  original_language: z.string(),
  budget: z.object({ amount: z.number(), currency: z.string(), programme: z.string().nullable() }).nullable(),
  /** The validation chain so far, oldest first; comments included. */
  history: z.array(transitionSchema),
  /** What the caller may do now: the moves of the chain, and whether they may edit. */
  available_transitions: z.array(z.enum(Object.keys(ACTION_TRANSITIONS) as [TransitionName, ...TransitionName[]])),
  editable: z.boolean(),
});

export const actionListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(actionSummarySchema),
});

export type ActionDetail = z.infer<typeof actionDetailSchema>;
export type ActionSummary = z.infer<typeof actionSummarySchema>;
