/**
 * The controlled vocabularies an administrator keeps: themes and affected
 * persons, each term with its name in each language and the aliases the
 * importer matches (written as sources write them; matched without accents or
 * case). A retired term is given to no new label and stays on the records
 * that have it.
 */
import { z } from 'zod';
import { MECHANISM_FAMILIES } from './vocabularies';
import { localeSchema } from './i18n/schema';

export const EDITABLE_VOCABULARIES = ['theme', 'affected_persons'] as const;
export type EditableVocabulary = (typeof EDITABLE_VOCABULARIES)[number];

const names = z.partialRecord(localeSchema, z.string().trim().max(200))
  .refine((label) => Object.values(label).some((text) => text && text.length > 0), { message: 'a name in at least one language' });
const aliases = z.array(z.string().trim().min(1).max(200)).max(50);

export const termSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  /** The name in the requested language (with fallbacks). */
  name: z.string(),
  label: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  retired: z.boolean(),
  /** How many recommendations carry the term. */
  used_by: z.number().int(),
  version: z.number().int(),
});
export const termListSchema = z.object({ items: z.array(termSchema) });

export const termCreateSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{2,60}$/, 'lower-case letters, digits and _'),
  label: names,
  aliases,
});
export const termUpdateSchema = z.object({
  version: z.number().int().min(1),
  label: names,
  aliases,
});
export const termRetireSchema = z.object({ version: z.number().int().min(1), retired: z.boolean() });

/**
 * The mechanisms recommendations come from: UN bodies, regional ones (the
 * Inter-American Commission and Court, MESECVI, the African and European
 * bodies) and national ones an instance adds. Each has a stable code, its name
 * and acronym per language and the aliases the importer matches; a retired one
 * takes no new recommendations and keeps those it has.
 */

const acronyms = z.partialRecord(localeSchema, z.string().trim().max(40));

export const mechanismTermSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  family: z.string(),
  /** The name in the requested language (with fallbacks). */
  name: z.string(),
  label: z.record(z.string(), z.string()),
  short_name: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  retired: z.boolean(),
  /** How many recommendations it made. */
  used_by: z.number().int(),
  version: z.number().int(),
});
export const mechanismListSchema = z.object({ items: z.array(mechanismTermSchema) });

export const mechanismUpdateSchema = z.object({
  version: z.number().int().min(1),
  family: z.enum(MECHANISM_FAMILIES),
  label: names,
  short_name: acronyms,
  aliases,
});
export const mechanismCreateSchema = mechanismUpdateSchema.omit({ version: true }).extend({
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'capital letters, digits and -'),
});
