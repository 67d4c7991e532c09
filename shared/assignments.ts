/** The assignments contract: which institutions must act on which recommendations. */
import { z } from 'zod';
import { searchQuerySchema } from './recommendations';
import { RESPONSIBILITIES } from './vocabularies';

export { RESPONSIBILITIES };
export const MAX_ASSIGNED_AT_ONCE = 20_000;

/** The filters of a search, to assign everything that matches it. */
export const assignmentSearchSchema = searchQuerySchema.omit({ page: true, page_size: true, sort: true, locale: true });

/** How many institutions one assignment may name at once. */
export const MAX_INSTITUTIONS_AT_ONCE = 20;

export const assignInputSchema = z.object({
  /** One institution… */
  institution_id: z.number().int().positive().max(2_147_483_647).optional(),
  /** …or several (all co-responsible: a recommendation has one lead). */
  institution_ids: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(MAX_INSTITUTIONS_AT_ONCE).optional(),
  responsibility: z.enum(RESPONSIBILITIES),
  due_date: z.iso.date().nullable().optional(),
  /** Either the recommendations by id… */
  recommendation_ids: z.array(z.number().int().positive()).min(1).max(MAX_ASSIGNED_AT_ONCE).optional(),
  /** …or every recommendation that matches a search (the same filters as GET /api/v1/recommendations). */
  search: assignmentSearchSchema.optional(),
});

export const assignResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

/** What an assignment would do, per institution, without doing it. */
export const assignPreviewInputSchema = assignInputSchema.omit({ due_date: true });
export const assignPreviewSchema = z.object({
  /** How many recommendations the selection holds. */
  recommendations: z.number().int(),
  institutions: z.array(z.object({
    institution_id: z.number().int(),
    /** Not yet assigned to this institution. */
    new: z.number().int(),
    /** Assigned with the other responsibility: it would change. */
    changed: z.number().int(),
    /** Already assigned with this responsibility. */
    unchanged: z.number().int(),
    /** As lead: recommendations another institution leads (the assignment would be refused). */
    lead_taken: z.number().int(),
  })),
});
export type AssignPreview = z.infer<typeof assignPreviewSchema>;

export const queueItemSchema = z.object({
  id: z.number().int(),
  responsibility: z.enum(RESPONSIBILITIES),
  due_date: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  recommendation: z.object({
    id: z.number().int(),
    mechanism: z.object({ key: z.string(), label: z.string() }),
    symbol: z.string().nullable(),
    paragraph: z.string().nullable(),
    date: z.string().nullable(),
    text: z.string(),
  }),
});

export const queueSchema = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(queueItemSchema),
});
