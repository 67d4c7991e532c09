/** Implementation status: the scales assessors use and the assessments they make. */
import { z } from 'zod';
import { LIMITS } from './limits';
import { localeSchema } from './i18n/schema';

export const ASSESSOR_KINDS = ['government', 'nhri', 'civil_society', 'mechanism'] as const;
export type AssessorKind = (typeof ASSESSOR_KINDS)[number];

export const scaleStepSchema = z.object({
  key: z.string(),
  label: z.string(),
  labels: z.record(z.string(), z.string()),
  position: z.number().int(),
  active: z.boolean(),
});
export const scalesSchema = z.record(z.enum(ASSESSOR_KINDS), z.array(scaleStepSchema));

/**
 * A whole scale, in order from least to most implemented. Steps already used
 * may be retired, not removed. `active` left out keeps a step as it is (a new
 * step starts active).
 */
export const scaleInputSchema = z.object({
  steps: z.array(z.object({
    key: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'letters, digits and _ only'),
    label: z.partialRecord(localeSchema, z.string().trim().min(1).max(100))
      .refine((label) => Object.keys(label).length > 0, { message: 'at least one language' }),
    active: z.boolean().optional(),
  })).min(2).max(20)
    .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, { message: 'each key once' }),
});

export const assessmentInputSchema = z.object({
  status: z.string().min(1).max(40),
  reason: z.string().trim().min(1).max(LIMITS.assessment.reason),
  assessed_on: z.iso.date(),
});

export const assessmentSchema = z.object({
  id: z.number().int(),
  assessor_kind: z.enum(ASSESSOR_KINDS),
  status: z.object({ key: z.string(), label: z.string() }),
  reason: z.string(),
  assessed_on: z.string(),
  created_at: z.string(),
});

export const recommendationStatusSchema = z.object({
  /** The latest assessment of each assessor, or null. */
  current: z.record(z.enum(ASSESSOR_KINDS), assessmentSchema.nullable()),
  /** Every assessment, newest first. */
  history: z.array(assessmentSchema),
});
