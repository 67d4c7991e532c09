/**
 * Related recommendations: duplicates within a review, recurrences across
 * cycles and similar ones elsewhere. The contract of
 * GET /api/v1/recommendations/{id}/related and of a person's decision on a link.
 */
import { z } from 'zod';

export const RELATED_KINDS = ['duplicate', 'recurrence', 'similar'] as const;
export type RelatedKind = (typeof RELATED_KINDS)[number];
/** `linked` and `candidate` are the scan's; `confirmed` and `rejected` a person's. */
export const LINK_STATES = ['linked', 'candidate', 'confirmed', 'rejected'] as const;
export type LinkState = (typeof LINK_STATES)[number];
/** What the public sees; the other states are for signed-in staff. */
export const PUBLIC_LINK_STATES: readonly LinkState[] = ['linked', 'confirmed'];

const labelled = z.object({ key: z.string(), label: z.string() });

/** What the State reported on an earlier recommendation: its published action reports. */
export const reportedActionSchema = z.object({
  id: z.number().int(),
  /** In the caller's language where it exists, else the original. */
  title: z.string(),
  institution: z.string(),
  published_at: z.string().nullable(),
});

export const relatedItemSchema = z.object({
  /** The other recommendation. */
  id: z.number().int(),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  /** The State under review (the first one when a record names several). */
  country: labelled.nullable(),
  cycle: z.number().int().nullable(),
  year: z.number().int().nullable(),
  mechanism: labelled.extend({ short: z.string().nullable() }),
  recommending_states: z.array(labelled),
  /** Its text in the caller's language where it exists, else the original. */
  text: z.string(),
  text_language: z.string(),
  /** 0–1. In one language: the mean of the two texts' word cosine and of how much of one the other contains; across languages: their character n-gram cosine (lower; ranked, not thresholded). */
  similarity: z.number(),
  state: z.enum(LINK_STATES),
  link: z.object({ id: z.number().int(), version: z.number().int(), decided_at: z.string().nullable() }),
});

export const recurrenceItemSchema = relatedItemSchema.extend({
  /** The action reports published on the earlier recommendation, newest first. */
  actions: z.array(reportedActionSchema),
  /** Its current implementation status as the government assessed it, or null. */
  status: z.object({ key: z.string(), label: z.string(), assessed_on: z.string() }).nullable(),
});

export const relatedSchema = z.object({
  /** The same request in the same review or document (other recommending States, or repeated). */
  duplicates: z.array(relatedItemSchema),
  /** The same ask of the same State in another cycle or other concluding observations, earliest first. */
  recurrences: z.array(recurrenceItemSchema),
  /** The same ask of the same State by another mechanism, possibly in another language. */
  similar: z.array(relatedItemSchema),
});
export type Related = z.infer<typeof relatedSchema>;
export type RelatedItem = z.infer<typeof relatedItemSchema>;
export type RecurrenceItem = z.infer<typeof recurrenceItemSchema>;

/** A decision on a link carries the link's version it was made on: a stale one is a 409. */
export const linkDecisionInputSchema = z.object({ version: z.number().int().positive() });

export const linkDecisionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(RELATED_KINDS),
  state: z.enum(LINK_STATES),
  similarity: z.number(),
  version: z.number().int(),
  decided_at: z.string().nullable(),
});
