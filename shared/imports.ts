/** The web import's contract (POST /api/v1/imports), shared by the server and the web app. */
import { z } from 'zod';

/** The formats the importer reads; without one, it detects the format from the file. */
export const IMPORT_FORMATS = ['uhri-json', 'uhri-xlsx', 'upr-info-csv', 'upr-matrix-jsonl', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const counts = { created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() };

export const importReportSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  ...counts, rejected: z.number().int(), new_terms: z.number().int(),
  /** False for a dry run, and when invalid rows stopped the import (nothing was written). */
  written: z.boolean(),
  /** When invalid rows stopped the import: what it would do with `skip_invalid` (nothing written either way); null otherwise. */
  if_skip_invalid: z.object(counts).nullable(),
  /**
   * When the import asked for suggestions (`suggest`) and wrote records: the label suggestions
   * the current model made for them right after the import committed (`scored`); `no_model`
   * before any training; `failed` when scoring stopped (the import stands, the `suggest-train`
   * job scores them later). Null otherwise.
   */
  suggestions: z.object({
    status: z.enum(['scored', 'no_model', 'failed']),
    recommendations: z.number().int(),
    suggestions: z.number().int(),
  }).nullable(),
  issues: z.array(z.object({
    /** The line (text files), the record's position (JSON array) or the row (worksheet). */
    line: z.number().int(),
    /** `line`, said in the reader's language: "Line 12", "Record 119 (id …)", "Sheet Export, row 5". */
    location: z.string(),
    record_id: z.string().optional(),
    field: z.string(), message: z.string(),
    /** The reason as data, for a client that writes it itself: its code (one of the importer's catalogue) and values. */
    reason: z.object({ code: z.string(), params: z.record(z.string(), z.string()) }),
  })),
});
export type ImportReport = z.infer<typeof importReportSchema>;
