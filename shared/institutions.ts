/** The institutions contract, shared by the API and the web app. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { editSchemaOf, editVersion } from './edits';
import { CONTENT_LANGUAGES } from './recommendations';
import { BRANCHES, INSTITUTION_ROLES } from './vocabularies';

export { BRANCHES, INSTITUTION_ROLES };

/** A name in one or more languages; at least one. */
export const localizedNameSchema = z.partialRecord(z.enum(CONTENT_LANGUAGES), z.string().trim().min(LIMITS.localizedName.min).max(LIMITS.localizedName.max))
  .refine((name) => Object.values(name).some((v) => v), { message: 'at least one language' });

export const institutionInputSchema = z.object({
  name: localizedNameSchema,
  acronym: z.string().trim().min(1).max(30).nullable().optional(),
  branch: z.enum(BRANCHES),
  type: z.string().trim().min(1).max(100).nullable().optional(),
  parent_id: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  active: z.boolean().optional(),
});

/** Only the fields sent change. */
export const institutionPatchSchema = editSchemaOf(institutionInputSchema).extend({ version: editVersion });

export const institutionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  names: z.record(z.string(), z.string()),
  acronym: z.string().nullable(),
  branch: z.enum(BRANCHES),
  type: z.string().nullable(),
  parent_id: z.number().int().nullable(),
  active: z.boolean(),
  /** The institution this one was merged into (it is then retired). */
  merged_into_id: z.number().int().nullable(),
  version: z.number().int(),
});
export type Institution = z.infer<typeof institutionSchema>;

export const memberInputSchema = z.object({
  user_id: z.number().int().positive(),
  role: z.enum(INSTITUTION_ROLES),
});

export const memberSchema = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  display_name: z.string(),
  email: z.string(),
  role: z.enum(INSTITUTION_ROLES),
});

/** Merge an institution into another, with the version of each the person saw. */
export const institutionMergeSchema = z.object({
  into_id: z.number().int().positive().max(2_147_483_647),
  version: z.number().int().positive(),
  into_version: z.number().int().positive(),
});

export const institutionMergeResultSchema = z.object({
  institution: institutionSchema,
  moved: z.object({
    assignments: z.number().int(),
    memberships: z.number().int(),
    action_reports: z.number().int(),
    indicators: z.number().int(),
  }),
});
