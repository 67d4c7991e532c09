/** The indicators contract: what is measured, by whom, and the measurements over time. */
import { z } from 'zod';
import { editSchemaOf, editVersion } from './edits';
import { localizedNameSchema } from './institutions';

export const INDICATOR_KINDS = ['structural', 'process', 'outcome'] as const;
export const INDICATOR_FREQUENCIES = ['monthly', 'quarterly', 'annual', 'biennial', 'irregular'] as const;

const dimension = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (sex, age_group, area)');
const amount = z.number().finite().min(-1e15).max(1e15);

const indicatorFields = {
  institution_id: z.number().int().positive(),
  name: localizedNameSchema,
  kind: z.enum(INDICATOR_KINDS),
  unit: z.string().trim().min(1).max(50),
  baseline: z.object({ value: amount, date: z.iso.date() }).nullable().optional(),
  target: z.object({ value: amount, date: z.iso.date() }).nullable().optional(),
  disaggregation: z.array(dimension).max(8).default([]),
  sdg_indicator: z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/, 'an SDG indicator code such as 4.1.1').nullable().optional(),
  data_source: z.string().trim().max(300).nullable().optional(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
  recommendation_ids: z.array(z.number().int().positive()).max(500).default([]),
  action_ids: z.array(z.number().int().positive()).max(500).default([]),
};

export const indicatorInputSchema = z.object(indicatorFields);
/** Only the fields sent change: an edit of the unit keeps the links and the disaggregation. */
export const indicatorPatchSchema = editSchemaOf(indicatorInputSchema.omit({ institution_id: true })).extend({ version: editVersion });

export const measurementInputSchema = z.object({
  measured_on: z.iso.date(),
  value: amount,
  /** The group measured, one value per dimension of the indicator's disaggregation; {} for the whole population. */
  breakdown: z.record(dimension, z.string().trim().min(1).max(60)).default({}),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const measurementSchema = z.object({
  id: z.number().int(),
  measured_on: z.string(),
  value: z.number(),
  breakdown: z.record(z.string(), z.string()),
  note: z.string().nullable(),
});

export const indicatorSchema = z.object({
  id: z.number().int(),
  institution: z.object({ id: z.number().int(), name: z.string(), acronym: z.string().nullable() }),
  name: z.string(),
  names: z.record(z.string(), z.string()),
  kind: z.enum(INDICATOR_KINDS),
  unit: z.string(),
  baseline: z.object({ value: z.number(), date: z.string() }).nullable(),
  target: z.object({ value: z.number(), date: z.string() }).nullable(),
  disaggregation: z.array(z.string()),
  sdg_indicator: z.object({ code: z.string(), title: z.string() }).nullable(),
  data_source: z.string().nullable(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
  recommendation_ids: z.array(z.number().int()),
  /** Only the linked actions the caller may see. */
  action_ids: z.array(z.number().int()),
  /** The latest whole-population value. */
  latest: measurementSchema.nullable(),
  version: z.number().int(),
});

export const indicatorDetailSchema = indicatorSchema.extend({
  measurements: z.array(measurementSchema),
  permissions: z.array(z.enum(['indicator:manage']))
    .describe('What the caller may do to this indicator (decided for its institution): `indicator:manage` to change it and record measurements.'),
});
