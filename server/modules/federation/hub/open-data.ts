/**
 * The hub's open data (docs/decisions/0017-federation.md): the union of what the States published,
 * as the hub holds it — each State's copy (`network_copy_record`, tombstoned records already gone),
 * one dataset per kind of record, each row with its State, the package version it arrived in, when
 * that package was harvested and the key that signed it (the harvest's log row keeps the signed
 * manifest: `harvest` is its id). The record's own fields follow, as the national instance
 * published them (public-records.ts); a nested value (texts per language, lists) is its JSON text.
 */
import type pg from 'pg';
import { canonicalJson } from '../../../../shared/canonical-json';
import type { TableRow } from '../../../platform/export/tables';
import { RECORD_KINDS, RESOURCE_OF, type RecordKind } from '../public-records';

/** Where each row comes from: the State, the version and the harvest that applied it. */
export const PROVENANCE_FIELDS = ['state', 'package_version', 'harvested_at', 'signed_by', 'harvest'] as const;

/** The record's fields, in the order public-records.ts builds them. */
export const RECORD_FIELDS: Record<RecordKind, readonly string[]> = {
  recommendation: ['id', 'uhri_id', 'mechanism', 'kind', 'countries', 'symbol', 'paragraph', 'date', 'year', 'cycle', 'session', 'position',
    'recommending_states', 'original_language', 'texts', 'themes', 'affected_persons', 'sdg_targets', 'responsible'],
  institution: ['id', 'name', 'acronym', 'branch', 'type', 'parent', 'active'],
  action: ['id', 'institution', 'type', 'reach', 'title', 'description', 'original_language', 'start_date', 'end_date', 'progress', 'budget',
    'published_at', 'recommendations', 'evidence_links'],
  status: ['id', 'recommendation', 'assessor', 'status', 'reason', 'assessed_on'],
  indicator: ['id', 'institution', 'name', 'kind', 'unit', 'baseline', 'target', 'disaggregation', 'sdg_indicator', 'data_source', 'frequency',
    'recommendations', 'actions', 'measurements'],
};

/** Dataset name (the package's resource name: recommendations, actions…) → kind of record. */
export const HUB_DATASETS = Object.fromEntries(RECORD_KINDS.map((kind) => [RESOURCE_OF[kind], kind])) as Record<string, RecordKind>;
export const HUB_DATASET_NAMES = RECORD_KINDS.map((kind) => RESOURCE_OF[kind]);

export const columnsOf = (kind: RecordKind) => [...PROVENANCE_FIELDS, ...RECORD_FIELDS[kind]];

const cell = (value: unknown): TableRow[string] => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return canonicalJson(value);
};

const BATCH = 2000;

/** The rows of one dataset, a State after another and in id order, read a batch at a time. */
export async function* hubDatasetRows(q: pg.Pool, kind: RecordKind, state: string | null): AsyncGenerator<TableRow> {
  let after = { iso3: '', id: 0 };
  for (;;) {
    const { rows } = await q.query(
      `select r.iso3, r.record_id, r.version, r.body, h.id as harvest, h.finished_at, h.kid
       from network_copy_record r
       left join lateral (select id, finished_at, kid from network_harvest h
         where h.iso3 = r.iso3 and h.outcome = 'applied' and h.version = r.version order by id desc limit 1) h on true
       where r.kind = $1 and ($2::text is null or r.iso3 = $2) and (r.iso3, r.record_id) > ($3, $4)
       order by r.iso3, r.record_id limit $5`,
      [kind, state, after.iso3, after.id, BATCH]);
    for (const row of rows) {
      yield {
        state: row.iso3, package_version: Number(row.version), harvested_at: row.finished_at?.toISOString() ?? null,
        signed_by: row.kid, harvest: row.harvest === null ? null : Number(row.harvest),
        ...Object.fromEntries(RECORD_FIELDS[kind].map((field) => [field, cell(row.body[field])])),
      };
    }
    if (rows.length < BATCH) return;
    after = { iso3: rows[rows.length - 1].iso3, id: Number(rows[rows.length - 1].record_id) };
  }
}
