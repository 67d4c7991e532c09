/**
 * The reporting obligations contract: what the State owes each mechanism by
 * when (periodic reports, the UPR, follow-up paragraphs, regional requests),
 * and the treaties it has ratified.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { editSchemaOf, editVersion } from './edits';
import { localizedNameSchema } from './institutions';
import { localeSchema } from './i18n/schema';

export const OBLIGATION_KINDS = ['periodic_report', 'upr_review', 'upr_midterm', 'follow_up', 'regional_request', 'other'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
/** Follow-up obligations are created from the recommendations a committee selected, not by hand. */
export const MANUAL_OBLIGATION_KINDS = ['periodic_report', 'upr_review', 'upr_midterm', 'regional_request', 'other'] as const;
/**
 * Derived, never stored: met when `met_on` is set, late when a confirmed
 * `due_on` has passed, open otherwise. An estimated due date (see
 * `dueDateEstimated`) is never late.
 */
export const OBLIGATION_STATUSES = ['open', 'met', 'late'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const RATIFICATION_STATUSES = ['party', 'signatory', 'none'] as const;
/** Days before an open obligation's due date on which the secretariat is reminded; then one overdue notice. */
export const OBLIGATION_REMINDER_DAYS = [60, 30, 7] as const;

/**
 * Whether a due date is only an estimate: the app worked it out itself (the
 * next UPR review 54 months after the latest UPR document, a periodic report
 * one period after the last one) and the secretariat has not confirmed it
 * (setting the date confirms it). Follow-up dates are not estimates: the
 * secretariat flagged the paragraphs with the committee's deadline.
 */
export function dueDateEstimated(o: { due_on: string | null; due_on_source: 'derived' | 'manual'; derived: boolean }): boolean {
  return o.due_on !== null && o.due_on_source === 'derived' && o.derived;
}

/** The status of an obligation on `today` (YYYY-MM-DD); `estimated`: its due date is an estimate, never late. */
export function obligationStatus(o: { due_on: string | null; met_on: string | null; estimated?: boolean }, today: string): ObligationStatus {
  if (o.met_on) return 'met';
  if (o.due_on && o.due_on < today && !o.estimated) return 'late';
  return 'open';
}

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(50));

const code = z.string().trim().min(1).max(40);
const notes = z.string().trim().max(LIMITS.obligation.notes).nullable();

export const obligationListQuery = z.object({
  status: many(z.enum(OBLIGATION_STATUSES)),
  kind: many(z.enum(OBLIGATION_KINDS)),
  /** Mechanism codes (`CRC`, `UPR`, `IACHR`). */
  mechanism: many(code),
  /** Due on or after this day. */
  from: z.iso.date().optional(),
  /** Due on or before this day. */
  to: z.iso.date().optional(),
  /** Obligations that concern this recommendation (follow-up paragraphs). */
  recommendation_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  locale: localeSchema.optional(),
});

export const obligationInputSchema = z.object({
  kind: z.enum(MANUAL_OBLIGATION_KINDS),
  /** Mechanism code; required except for `other`. */
  mechanism: code.nullable().optional(),
  /** Treaty or protocol code (`CRC`, `OPCAT`), where relevant. */
  instrument: code.nullable().optional(),
  title: localizedNameSchema,
  /** Null: date to be set. */
  due_on: z.iso.date().nullable().default(null),
  notes: notes.optional(),
});

/** Only the fields sent change (the kind is fixed once recorded). */
export const obligationPatchSchema = editSchemaOf(obligationInputSchema.omit({ kind: true })).extend({ version: editVersion });

export const obligationMetSchema = z.object({
  /** The day the report was submitted; null reopens the obligation. */
  met_on: z.iso.date().nullable(),
  version: z.number().int().positive(),
});

export const followUpInputSchema = z.object({
  /** Two to four paragraphs in practice; one to four recommendations of the same treaty-body document. */
  recommendation_ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(4),
  /** The committee asks for information within one or two years of its concluding observations. */
  years: z.union([z.literal(1), z.literal(2)]),
  notes: notes.optional(),
});

const named = z.object({ code: z.string(), name: z.string() });
/** `short`: the mechanism's acronym in the reader's language (CIDH in Spanish), else its code. */
const namedMechanism = named.extend({ short: z.string() });

export const obligationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(OBLIGATION_KINDS),
  status: z.enum(OBLIGATION_STATUSES),
  mechanism: namedMechanism.nullable(),
  instrument: named.nullable(),
  title: z.string(),
  titles: z.record(z.string(), z.string()),
  due_on: z.string().nullable(),
  /** `derived`: computed from ratifications or the catalogue, kept up to date; `manual`: set by the secretariat. */
  due_on_source: z.enum(['derived', 'manual']),
  /**
   * The due date is an estimate the app worked out (the next UPR review, a periodic report after the last one) and the
   * secretariat has not confirmed: never late, no overdue notice. Setting the date confirms it.
   */
  due_on_estimated: z.boolean(),
  met_on: z.string().nullable(),
  recommendation_ids: z.array(z.number().int()),
  notes: z.string().nullable(),
  /** Created by the refresh from ratifications and the catalogue (not by hand). */
  derived: z.boolean(),
  version: z.number().int(),
});

export const obligationListSchema = z.object({ state: z.string(), today: z.string(), items: z.array(obligationSchema) });

export const ratificationSchema = z.object({
  instrument: z.object({
    code: z.string(), name: z.string(), parent_code: z.string().nullable(), mechanism: z.string(),
    /** Years between periodic reports (null: no periodic report of its own). */
    periodicity_years: z.number().int().nullable(),
  }),
  status: z.enum(RATIFICATION_STATUSES),
  year: z.number().int().nullable(),
  /** `reference`: as in the UN Treaty Collection snapshot shipped with the app; `manual`: edited here. */
  source: z.enum(['reference', 'manual']),
  version: z.number().int(),
});

export const ratificationListSchema = z.object({ state: z.string(), items: z.array(ratificationSchema) });

export const ratificationPatchSchema = z.object({
  status: z.enum(RATIFICATION_STATUSES).optional(),
  year: z.number().int().min(LIMITS.ratification.year.min).max(LIMITS.ratification.year.max).nullable().optional(),
  periodicity_years: z.number().int().min(LIMITS.ratification.periodicity.min).max(LIMITS.ratification.periodicity.max).nullable().optional(),
  version: editVersion,
});

export const refreshResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int() });
