/** SQL for the recommendation catalogue. No business rules here. */
import type pg from 'pg';
import type { ResolvedLabel, ResolvedRecommendation } from './import/resolve';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Rows per statement: large enough to amortise round trips, small enough for the embedded socket. */
const CHUNK = 2000;

export async function insertImportBatch(tx: Queryable, batch: { fileName: string; format: string; fileSha256: string; importedBy: string }): Promise<number> {
  const result = await tx.query(
    `insert into import_batch (file_name, format, file_sha256, counts, imported_by) values ($1, $2, $3, '{}', $4) returning id`,
    [batch.fileName, batch.format, batch.fileSha256, batch.importedBy],
  );
  return result.rows[0].id;
}

export async function setImportBatchCounts(tx: Queryable, batchId: number, counts: object): Promise<void> {
  await tx.query('update import_batch set counts = $2 where id = $1', [batchId, JSON.stringify(counts)]);
}

/** Label arrays kept on the recommendation row for filtering and facets. */
function labelArrays(labels: ResolvedLabel[]) {
  const of = (vocabulary: ResolvedLabel['vocabulary']) => labels.filter((l) => l.vocabulary === vocabulary).map((l) => l.value);
  return {
    theme_ids: of('theme').map(Number),
    affected_ids: of('affected_persons').map(Number),
    sdg_goals: of('sdg_goal').map(Number),
    sdg_targets: of('sdg_target'),
    upr_info_issue_ids: of('upr_info_issue').map(Number),
  };
}

function rowOf(r: ResolvedRecommendation) {
  return {
    identity_key: r.identityKey, source: r.source, mechanism_id: r.mechanismId, kind: r.kind, countries: r.countries,
    document_symbol: r.documentSymbol, paragraph: r.paragraph, document_date: r.documentDate, year: r.year,
    cycle: r.cycle, session: r.session, position: r.position, position_source: r.positionSource,
    recommending_states: r.recommendingStates, original_language: r.originalLanguage, texts: r.texts,
    upr_info_action: r.uprInfoAction, content_hash: r.contentHash, ...labelArrays(r.labels),
  };
}

const RECORD_COLUMNS = `identity_key text, source text, mechanism_id int, kind text, countries text[], document_symbol text,
  paragraph text, document_date date, year smallint, cycle smallint, session smallint, position text, position_source text,
  recommending_states text[], original_language text, texts jsonb, upr_info_action smallint, content_hash text,
  theme_ids int[], affected_ids int[], sdg_goals smallint[], sdg_targets text[], upr_info_issue_ids int[]`;

const WRITABLE = ['source', 'mechanism_id', 'kind', 'countries', 'document_symbol', 'paragraph', 'document_date', 'year',
  'cycle', 'session', 'position', 'position_source', 'recommending_states', 'original_language', 'texts',
  'upr_info_action', 'content_hash', 'theme_ids', 'affected_ids', 'sdg_goals', 'sdg_targets', 'upr_info_issue_ids'];

export async function upsertImported(tx: Queryable, records: ResolvedRecommendation[], batchId: number) {
  const existing = new Map<string, { id: number; hash: string }>();
  for (const chunk of chunks(records, 20_000)) {
    const result = await tx.query(
      'select id, identity_key, content_hash from recommendation where identity_key = any($1::text[])',
      [chunk.map((r) => r.identityKey)],
    );
    for (const row of result.rows) existing.set(row.identity_key, { id: row.id, hash: row.content_hash });
  }
  const created = records.filter((r) => !existing.has(r.identityKey));
  const changed = records.filter((r) => existing.has(r.identityKey) && existing.get(r.identityKey)!.hash !== r.contentHash);

  /** The ids of the records created or changed. */
  const written: number[] = changed.map((r) => existing.get(r.identityKey)!.id);
  for (const chunk of chunks(created, CHUNK)) {
    const result = await tx.query(
      `insert into recommendation (identity_key, ${WRITABLE.join(', ')}, search_vector)
       select identity_key, ${WRITABLE.join(', ')}, nmirf_search_vector(texts)
       from jsonb_to_recordset($1::jsonb) as r(${RECORD_COLUMNS})
       returning id, identity_key`,
      [JSON.stringify(chunk.map(rowOf))],
    );
    const ids = new Map(result.rows.map((row) => [row.identity_key as string, row.id as number]));
    written.push(...ids.values());
    await insertLabels(tx, chunk.flatMap((r) => r.labels.map((l) => ({ ...l, id: ids.get(r.identityKey)! }))));
    await insertExternalIds(tx, chunk.flatMap((r) => r.externalIds.map((e) => ({ ...e, id: ids.get(r.identityKey)! }))));
  }

  for (const chunk of chunks(changed, CHUNK)) {
    const ids = chunk.map((r) => existing.get(r.identityKey)!.id);
    // Keep what the record was before this import changed it.
    await tx.query(
      `insert into recommendation_revision (recommendation_id, version, snapshot, import_batch_id)
       select id, version, to_jsonb(r) - 'search_vector', $2 from recommendation r where id = any($1::bigint[])`,
      [ids, batchId],
    );
    await tx.query(
      `update recommendation t set ${WRITABLE.map((c) => `${c} = r.${c}`).join(', ')},
         search_vector = nmirf_search_vector(r.texts), version = t.version + 1, updated_at = now()
       from jsonb_to_recordset($1::jsonb) as r(${RECORD_COLUMNS})
       where t.identity_key = r.identity_key`,
      [JSON.stringify(chunk.map(rowOf))],
    );
    // Imported labels are replaced; labels people added by hand stay.
    await tx.query(`delete from recommendation_label where provenance = 'import' and recommendation_id = any($1::bigint[])`, [ids]);
    await insertLabels(tx, chunk.flatMap((r) => r.labels.map((l) => ({ ...l, id: existing.get(r.identityKey)!.id }))));
    await insertExternalIds(tx, chunk.flatMap((r) => r.externalIds.map((e) => ({ ...e, id: existing.get(r.identityKey)!.id }))));
    await refreshLabelArrays(tx, ids);
  }

  return { created: created.length, updated: changed.length, unchanged: records.length - created.length - changed.length, ids: written.map(Number) };
}

async function insertLabels(tx: Queryable, labels: (ResolvedLabel & { id: number })[]) {
  if (labels.length === 0) return;
  await tx.query(
    `insert into recommendation_label (recommendation_id, vocabulary, value, provenance, source_label)
     select unnest($1::bigint[]), unnest($2::text[]), unnest($3::text[]), 'import', unnest($4::text[])
     on conflict do nothing`,
    [labels.map((l) => l.id), labels.map((l) => l.vocabulary), labels.map((l) => l.value), labels.map((l) => l.sourceLabel)],
  );
}

async function insertExternalIds(tx: Queryable, ids: { scheme: string; value: string; id: number }[]) {
  if (ids.length === 0) return;
  await tx.query(
    `insert into recommendation_external_id (scheme, value, recommendation_id)
     select unnest($1::text[]), unnest($2::text[]), unnest($3::bigint[])
     on conflict (scheme, value) do nothing`,
    [ids.map((i) => i.scheme), ids.map((i) => i.value), ids.map((i) => i.id)],
  );
}

/** Rebuilds the label arrays from recommendation_label (confirmed labels: imported or manual). */
export async function refreshLabelArrays(tx: Queryable, ids: number[]) {
  await tx.query(
    `update recommendation r set
       theme_ids = coalesce(l.theme_ids, '{}'), affected_ids = coalesce(l.affected_ids, '{}'),
       sdg_goals = coalesce(l.sdg_goals, '{}'), sdg_targets = coalesce(l.sdg_targets, '{}'),
       upr_info_issue_ids = coalesce(l.upr_info_issue_ids, '{}')
     from (
       select id,
         (select array_agg(value::int order by value::int) from recommendation_label where recommendation_id = id and vocabulary = 'theme' and provenance <> 'suggested') theme_ids,
         (select array_agg(value::int order by value::int) from recommendation_label where recommendation_id = id and vocabulary = 'affected_persons' and provenance <> 'suggested') affected_ids,
         (select array_agg(value::smallint order by value::int) from recommendation_label where recommendation_id = id and vocabulary = 'sdg_goal' and provenance <> 'suggested') sdg_goals,
         (select array_agg(value order by value) from recommendation_label where recommendation_id = id and vocabulary = 'sdg_target' and provenance <> 'suggested') sdg_targets,
         (select array_agg(value::int order by value::int) from recommendation_label where recommendation_id = id and vocabulary = 'upr_info_issue' and provenance <> 'suggested') upr_info_issue_ids
       from unnest($1::bigint[]) as id
     ) l
     where r.id = l.id`,
    [ids],
  );
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function recommendationExists(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from recommendation where id = $1', [id]);
  return rows.length > 0;
}

export async function findRecommendation(db: Queryable, id: number) {
  const result = await db.query(
    `select r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date, r.year, r.cycle,
       r.session, r.position, r.position_source, r.original_language, r.texts, r.recommending_states, r.theme_ids,
       r.affected_ids, r.sdg_goals, r.sdg_targets, r.upr_info_issue_ids, r.upr_info_action, r.version, r.updated_at,
       coalesce((select jsonb_agg(jsonb_build_object('scheme', e.scheme, 'value', e.value) order by e.scheme)
                 from recommendation_external_id e where e.recommendation_id = r.id), '[]') as external_ids,
       coalesce((select jsonb_agg(jsonb_build_object('vocabulary', l.vocabulary, 'value', l.value, 'provenance', l.provenance,
                   'source_label', l.source_label) order by l.vocabulary, l.value)
                 from recommendation_label l where l.recommendation_id = r.id), '[]') as labels
     from recommendation r where r.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** Rows for export, in the order of `ids`. */
export async function findForExport(db: Queryable, ids: number[]) {
  const result = await db.query(
    `select r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date, r.cycle, r.session,
       r.position, r.position_source, r.original_language, r.texts, r.theme_ids, r.affected_ids, r.sdg_targets,
       r.recommending_states, r.upr_info_issue_ids
     from unnest($1::bigint[]) with ordinality as o(id, n) join recommendation r on r.id = o.id order by o.n`,
    [ids],
  );
  return result.rows;
}
