/**
 * The public portal's contract: institutions, mechanisms and SDGs as a
 * visitor reads them. Everything here is public: only published action
 * reports, no people, no comments, no drafts. The web app imports the types
 * only (nothing of zod reaches the browser).
 */
import { z } from 'zod';
import { BRANCHES } from './institutions';
import { actionSummarySchema } from './actions';
import { searchItemSchema, SEARCH_LIMITS } from './recommendations';
import { ROUND_PROGRESS } from './rounds';
import { localeSchema } from './i18n/schema';

export const PORTAL_PAGE_SIZE = 20;

export const localeOnlyQuery = z.object({ locale: localeSchema.optional() });

export const pagedQuery = localeOnlyQuery.extend({
  page: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxResultWindow / PORTAL_PAGE_SIZE).default(1),
  page_size: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxPageSize).default(PORTAL_PAGE_SIZE),
});

const institutionCounts = z.object({
  /** Recommendations the institution leads. */
  lead: z.number().int(),
  /** Recommendations it supports (co-responsible). */
  co_responsible: z.number().int(),
  /** Its action reports that were published. */
  published_actions: z.number().int(),
});

const institutionBase = z.object({
  id: z.number().int(),
  /** In the visitor's language where the institution has it. */
  name: z.string(),
  /** The language `name` is written in. */
  name_language: z.string(),
  acronym: z.string().nullable(),
  branch: z.enum(BRANCHES),
  counts: institutionCounts,
});

export const publicInstitutionListSchema = z.object({ items: z.array(institutionBase) });

export const reportingRecordSchema = z.object({
  round: z.object({
    id: z.number().int(),
    title: z.string(),
    opens_on: z.string(),
    due_on: z.string(),
    closed: z.boolean(),
  }),
  /** Recommendations of the round assigned to the institution. */
  owed: z.number().int(),
  /** …on which it submitted a report since the round opened. */
  submitted: z.number().int(),
  /** …on which a report was validated since the round opened. */
  validated: z.number().int(),
  progress: z.enum(ROUND_PROGRESS),
  overdue: z.boolean(),
});

export const publicInstitutionSchema = institutionBase.extend({
  parent: z.object({ id: z.number().int(), name: z.string(), name_language: z.string() }).nullable(),
  /** Per reporting round that covers it (opened already), newest due date first. */
  reporting: z.array(reportingRecordSchema),
});

export const institutionRecommendationsSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(searchItemSchema.extend({ responsibility: z.enum(['lead', 'co_responsible']) })),
});

export const institutionActionsSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(actionSummarySchema),
});

export const responsibleInstitutionsSchema = z.object({
  items: z.array(z.object({
    id: z.number().int(),
    name: z.string(),
    name_language: z.string(),
    acronym: z.string().nullable(),
    responsibility: z.enum(['lead', 'co_responsible']),
  })),
});

export const publicMechanismSchema = z.object({
  code: z.string(),
  name: z.string(),
  name_language: z.string(),
  /** In the reader's language: CIDH in Spanish, IACHR in English. */
  acronym: z.string().nullable(),
  family: z.string(),
  treaty: z.string().nullable(),
  total: z.number().int(),
  /** Its most recent documents in the catalogue (by date), with how many recommendations each holds. */
  documents: z.array(z.object({ symbol: z.string(), date: z.string().nullable(), count: z.number().int() })),
});

export const publicSdgSchema = z.object({
  goal: z.number().int(),
  title: z.string(),
  short_title: z.string(),
  /** The language the titles are written in (the reference data is not translated into every language). */
  title_language: z.string(),
  total: z.number().int(),
  targets: z.array(z.object({ code: z.string(), title: z.string(), title_language: z.string(), count: z.number().int() })),
});

export type PublicInstitutionList = z.infer<typeof publicInstitutionListSchema>;
export type PublicInstitutionSummary = PublicInstitutionList['items'][number];
export type PublicInstitution = z.infer<typeof publicInstitutionSchema>;
export type ReportingRecord = z.infer<typeof reportingRecordSchema>;
export type InstitutionRecommendations = z.infer<typeof institutionRecommendationsSchema>;
export type InstitutionActions = z.infer<typeof institutionActionsSchema>;
export type ResponsibleInstitutions = z.infer<typeof responsibleInstitutionsSchema>;
export type PublicMechanism = z.infer<typeof publicMechanismSchema>;
export type PublicSdg = z.infer<typeof publicSdgSchema>;
