/** The report composer's contract: drafts compiled from recommendations, edited section by section. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { assignmentSearchSchema } from './assignments';
import { localeSchema } from './i18n/schema';

export const REPORT_TEMPLATES = ['treaty_periodic', 'treaty_follow_up', 'upr_midterm', 'custom'] as const;
export const REPORT_GROUPINGS = ['theme', 'cluster', 'institution', 'paragraph'] as const;
export const MAX_REPORT_RECOMMENDATIONS = LIMITS.report.recommendations;

export const reportInputSchema = z.object({
  template: z.enum(REPORT_TEMPLATES),
  title: z.string().trim().min(1).max(LIMITS.report.title),
  language: localeSchema,
  grouping: z.enum(REPORT_GROUPINGS),
  /**
   * Each section also says what was reported on the earlier recommendations the same ask recurs
   * from (linked or confirmed recurrences): their published actions and current status.
   */
  include_earlier: z.boolean().default(false),
  /** The recommendations by id, or every one that matches a search (the filters of GET /api/v1/recommendations). */
  recommendation_ids: z.array(z.number().int().positive()).min(1).max(MAX_REPORT_RECOMMENDATIONS).optional(),
  search: assignmentSearchSchema.optional(),
}).refine((input) => Boolean(input.recommendation_ids) !== Boolean(input.search), { message: 'give recommendation_ids or search, not both' });

export const regenerateInputSchema = z.object({
  version: z.number().int().positive(),
  /** Replace people's edits with the freshly compiled text too. */
  overwrite_edits: z.boolean().default(false),
});

export const sectionEditSchema = z.object({
  version: z.number().int().positive(),
  /** The section's new text; null gives the section back to the compiled text. */
  text: z.string().max(LIMITS.report.sectionText).nullable(),
});

export const reportSectionSchema = z.object({
  key: z.string(),
  group_heading: z.string().nullable(),
  heading: z.string(),
  /** What the reader of the report gets: the edited text if there is one, else the compiled one. */
  text: z.string(),
  generated_text: z.string(),
  edited: z.boolean(),
  edited_at: z.string().nullable(),
  orphaned: z.boolean(),
});

export const reportSchema = z.object({
  id: z.number().int(),
  template: z.enum(REPORT_TEMPLATES),
  title: z.string(),
  language: localeSchema,
  grouping: z.enum(REPORT_GROUPINGS),
  include_earlier: z.boolean(),
  /** With the cluster grouping, what the headings came from at the last compilation: the instance's cluster list, or each recommendation's primary theme (the instance has no cluster). */
  cluster_source: z.enum(['instance', 'theme']).nullable(),
  version: z.number().int(),
  updated_at: z.string(),
  sections: z.array(reportSectionSchema),
});

/** Every saved version of a draft, newest first (GET /api/v1/reports/:id/versions). */
export const reportVersionsSchema = z.object({
  items: z.array(z.object({ version: z.number().int(), reason: z.string(), at: z.string(), by: z.string().nullable() })),
});
export type ReportVersion = z.infer<typeof reportVersionsSchema>['items'][number];
