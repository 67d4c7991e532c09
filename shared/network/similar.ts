/**
 * Similar recommendations across States, as the hub answers them from what the States published
 * (docs/decisions/0021-similar-across-states.md): the contract of `GET /api/v1/network/similar`,
 * read by the hub's public page and by a national instance's recommendation page.
 */
import { z } from 'zod';
import { localeSchema } from '../i18n/schema';

export const SIMILAR_LIMIT_MAX = 50;

export const similarQuerySchema = z.object({
  text: z.string().trim().min(3).max(4000).optional().describe('A recommendation text in any language (es, en, fr, pt)'),
  uhri: z.string().trim().min(1).max(100).optional().describe('The UHRI identifier of a recommendation some State published'),
  state: z.string().regex(/^[A-Z]{3}$/).optional().describe('The querying State (ISO3): its own records are left out; with `id`, one of its recommendations'),
  id: z.coerce.number().int().min(1).max(2 ** 53 - 1).optional().describe("The id of a recommendation in `state`'s published data"),
  region: z.string().max(60).optional().describe('Only States of this UN regional group (as in /api/v1/network/states)'),
  mechanism: z.string().max(60).optional().describe('Only recommendations of this mechanism (its code, e.g. UPR)'),
  status: z.literal('implemented').optional().describe('Only recommendations whose current status is implemented'),
  limit: z.coerce.number().int().min(1).max(SIMILAR_LIMIT_MAX).optional(),
  locale: localeSchema.optional(),
});

export const similarActionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.string().nullable(),
  progress: z.number().nullable(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
});

export const similarItemSchema = z.object({
  state: z.object({ iso3: z.string(), name: z.string(), un_regional_group: z.string().nullable() }),
  id: z.number().int(),
  uhri_id: z.string().nullable(),
  mechanism: z.string(),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  year: z.number().int().nullable(),
  text: z.string(),
  language: z.string(),
  similarity: z.number(),
  actions: z.array(similarActionSchema),
  status: z.object({ key: z.string(), assessor: z.string(), assessed_on: z.string().nullable() }).nullable(),
});

export const similarAnswerSchema = z.object({
  items: z.array(similarItemSchema),
  /** Records in the index and the copies' versions it was built from. */
  indexed: z.number().int(),
});

export type SimilarItem = z.infer<typeof similarItemSchema>;
export type SimilarAnswer = z.infer<typeof similarAnswerSchema>;
