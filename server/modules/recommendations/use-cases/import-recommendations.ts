/**
 * Imports a file of recommendations: parse, resolve labels, then write the
 * whole batch in one transaction (all or nothing).
 *
 * Re-importing the same file writes nothing: records are matched by identity
 * and compared by content hash. A changed record is updated, its previous
 * state kept in recommendation_revision. A dry run goes through the same
 * writes and rolls them back, so its counts are exactly those of a real run.
 */
import path from 'node:path';
import type pg from 'pg';
import { normaliseLabel } from '../../../../shared/labels';
import { type AuditActor, auditActorName, writeAudit } from '../../../platform/audit/audit';
import { termKey } from '../../../db/seeds/reference';
import { parseInWorker } from '../import/parse-in-worker';
import { LABEL_VOCABULARIES, loadReferenceIndex, type LabelVocabulary } from '../import/reference-index';
import { mergeDuplicates, resolveRecord, type ResolvedRecommendation } from '../import/resolve';
import { ImportFileError, type ImportFormat, type IssuePlace, type ParsedRecommendation, type RowIssue } from '../import/types';
import { importReason } from '../import/reasons';
import { scoreRecommendations } from '../../suggestions/score-catalogue';
import * as repository from '../recommendations.repository';

export interface ImportOptions {
  fileName: string;
  format?: ImportFormat;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Who imports: the signed-in person, `cli:<user>` or `system:<job>`. */
  actor: AuditActor;
  /** The caller is done with `input`: the parser may take its bytes without a copy (they are gone afterwards). */
  handOver?: boolean;
  /**
   * Score the records this import created or changed with the current suggestion model right
   * after it commits, so that they are in the review queue at once rather than after the next run
   * of the `suggest-train` job. Outside the import's transaction: a failure never undoes the import.
   */
  suggest?: boolean;
}

/** What scoring an import's records gave: `no_model` before any training, `failed` when scoring stopped (the job scores them later). */
export interface ImportSuggestions {
  status: 'scored' | 'no_model' | 'failed';
  recommendations: number;
  suggestions: number;
  /** Why scoring failed, for the server's log (never shown to the person importing). */
  error?: unknown;
}

export interface ImportReport {
  format: ImportFormat;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** New vocabulary terms the file introduced. */
  newTerms: number;
  issues: (RowIssue & { file: string })[];
  /** What an issue's `line` counts: lines, records of a JSON array, or rows of a worksheet. */
  place: IssuePlace;
  /** True when the import was written (not a dry run, and not refused for invalid rows). */
  written: boolean;
  /**
   * When invalid rows stopped the import: what it would have done with
   * `skipInvalid` (counted by the same writes, rolled back); null otherwise.
   */
  ifSkipInvalid: { created: number; updated: number; unchanged: number } | null;
  /** When the import asked for suggestions and was written; null otherwise. */
  suggestions: ImportSuggestions | null;
}

const MAX_REPORTED_ISSUES = 1000;

export async function importRecommendations(pool: pg.Pool, input: Buffer, options: ImportOptions): Promise<ImportReport> {
  // Off this thread, within the limits of import/limits.ts.
  const parsed = await parseInWorker(input, options.fileName, options.format, options.handOver);
  const format = parsed.format;
  if (parsed.records.length === 0 && parsed.issues.length === 0) {
    throw new ImportFileError(importReason('no_recommendations'));
  }
  const file = path.basename(options.fileName);
  const issues: RowIssue[] = [...parsed.issues];
  const report = (counts: Partial<ImportReport>): ImportReport => ({
    format, created: 0, updated: 0, unchanged: 0, rejected: 0, newTerms: 0, written: false, place: parsed.place ?? { unit: 'line' }, ifSkipInvalid: null, suggestions: null,
    issues: issues.slice(0, MAX_REPORTED_ISSUES).map((i) => ({ file, ...i })),
    ...counts,
  });
  const invalidLines = () => new Set(issues.map((i) => i.line)).size;

  let committed: { counts: Partial<ImportReport>; ids: number[] };
  const client = await pool.connect();
  try {
    // Resolving needs the transaction too: unknown vocabulary labels become terms.
    await client.query('begin');
    const newTerms = await ensureTerms(client, parsed.records);
    const index = await loadReferenceIndex(client);
    const resolved: ResolvedRecommendation[] = [];
    for (const record of parsed.records) {
      const result = resolveRecord(record, index, format);
      if (Array.isArray(result)) issues.push(...result);
      else resolved.push(result);
    }
    const refused = issues.length > 0 && !options.skipInvalid;
    const records = mergeDuplicates(resolved);
    const fileSha256 = parsed.sha256;
    const batchId = await repository.insertImportBatch(client, {
      fileName: file, format, fileSha256, importedBy: auditActorName(options.actor),
    });
    const { ids: writtenIds, ...upserted } = await repository.upsertImported(client, records, batchId);
    const counts = { ...upserted, rejected: invalidLines(), newTerms };
    if (refused) {
      // Nothing is written; the valid rows' counts say what skipping the invalid ones would do.
      await client.query('rollback');
      const { created, updated, unchanged } = counts;
      return report({ rejected: invalidLines(), ifSkipInvalid: { created, updated, unchanged } });
    }
    if (counts.created + counts.updated + newTerms === 0) {
      // Nothing changed: leave no trace at all, not even a batch row.
      await client.query('rollback');
      return report({ ...counts, written: !options.dryRun });
    }
    await repository.setImportBatchCounts(client, batchId, counts);
    await writeAudit(client, {
      actor: options.actor, action: 'import', entity: 'import_batch', entityId: batchId,
      after: { file, format, fileSha256, ...counts },
    });
    if (options.dryRun) {
      await client.query('rollback');
      return report({ ...counts, written: false });
    }
    await client.query('commit');
    committed = { counts, ids: writtenIds };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return report({ ...committed.counts, written: true, suggestions: options.suggest ? await suggestFor(pool, committed.ids) : null });
}

/** Scores an import's records once it committed; never throws (the import stands either way). */
async function suggestFor(pool: pg.Pool, ids: number[]): Promise<ImportSuggestions> {
  try {
    const { model, scored, pending } = await scoreRecommendations(pool, ids);
    return { status: model === null ? 'no_model' : 'scored', recommendations: scored, suggestions: pending };
  } catch (error) {
    return { status: 'failed', recommendations: 0, suggestions: 0, error };
  }
}

/**
 * The UHRI vocabulary is larger than the list we ship and drifts over time:
 * a label we have not seen becomes a new term (English label as written)
 * rather than a rejected record. Returns how many terms were added.
 */
async function ensureTerms(client: pg.PoolClient, records: ParsedRecommendation[]): Promise<number> {
  const fields: Record<LabelVocabulary, (r: ParsedRecommendation) => string[] | undefined> = {
    theme: (r) => r.themes,
    affected_persons: (r) => r.affectedPersons,
    upr_info_issue: (r) => r.uprInfoIssues,
  };
  let added = 0;
  for (const vocabulary of LABEL_VOCABULARIES) {
    const labels = new Map<string, string>();
    for (const record of records) {
      for (const label of fields[vocabulary](record) ?? []) {
        const alias = normaliseLabel(label);
        if (alias && !labels.has(alias)) labels.set(alias, label.replace(/^\s*-\s+/, '').trim());
      }
    }
    if (labels.size === 0) continue;
    const rows = [...labels].map(([alias, label]) => ({ alias, label, key: termKey(label) }));
    const inserted = await client.query(
      `insert into vocabulary_term (vocabulary, key, label)
       select distinct on (r.key) $1, r.key, jsonb_build_object('en', r.label)
       from jsonb_to_recordset($2::jsonb) as r(alias text, label text, key text)
       where not exists (select 1 from vocabulary_alias a where a.vocabulary = $1 and a.alias = r.alias)
       on conflict (vocabulary, key) do nothing`,
      [vocabulary, JSON.stringify(rows)],
    );
    await client.query(
      `insert into vocabulary_alias (vocabulary, alias, term_id)
       select $1, r.alias, t.id from jsonb_to_recordset($2::jsonb) as r(alias text, label text, key text)
       join vocabulary_term t on t.vocabulary = $1 and t.key = r.key
       on conflict do nothing`,
      [vocabulary, JSON.stringify(rows)],
    );
    added += inserted.rowCount ?? 0;
  }
  return added;
}
