/** SQL for label suggestions: training data, stored models, pending suggestions and decisions. */
import type pg from 'pg';
import type { SuggestionField } from '../../../shared/suggestions';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The `recommendation_label.vocabulary` of each label field (institutions are assignments). */
export const LABEL_VOCABULARY: Record<Exclude<SuggestionField, 'institution'>, string> = {
  theme: 'theme',
  affected: 'affected_persons',
  sdg_goal: 'sdg_goal',
  sdg_target: 'sdg_target',
  upr_info_issue: 'upr_info_issue',
};

export interface TextRow {
  id: number;
  language: string;
  text: string;
}

/** The text a model reads: the original language's, else any. */
const TEXT = `coalesce(r.texts->r.original_language->>'text', (select value->>'text' from jsonb_each(r.texts) limit 1), '')`;

export async function textsOf(db: Queryable, ids: number[]): Promise<TextRow[]> {
  const { rows } = await db.query<TextRow>(
    `select r.id::int as id, r.original_language as language, ${TEXT} as text from recommendation r where r.id = any($1::bigint[]) order by r.id`, [ids]);
  return rows;
}

/**
 * Every confirmed label, assignment and rejection, as (recommendation, field, key, kind). Term
 * labels carry the term's key; SDG labels their code; assignments the institution id.
 */
export async function confirmedKeys(db: Queryable, ids: number[] | null = null) {
  const { rows } = await db.query<{ recommendation_id: number; field: SuggestionField; key: string; kind: 'label' | 'rejected' }>(
    `select l.recommendation_id::int as recommendation_id,
       case l.vocabulary when 'affected_persons' then 'affected' else l.vocabulary end as field,
       coalesce(t.key, l.value) as key, 'label' as kind
     from recommendation_label l
     left join vocabulary_term t on t.vocabulary = l.vocabulary and t.id::text = l.value
     where l.provenance <> 'suggested' and ($1::bigint[] is null or l.recommendation_id = any($1::bigint[]))
     union all
     select a.recommendation_id::int, 'institution', a.institution_id::text, 'label' from assignment a
     where $1::bigint[] is null or a.recommendation_id = any($1::bigint[])
     union all
     select d.recommendation_id::int, d.field, d.key, 'rejected' from label_suggestion_decision d
     where d.decision = 'rejected' and ($1::bigint[] is null or d.recommendation_id = any($1::bigint[]))`,
    [ids],
  );
  return rows;
}

/** How many labels, assignments and rejections the instance holds: retraining counts new ones from a model's figure. */
export async function confirmedLabelCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select (select count(*) from recommendation_label where provenance <> 'suggested')
          + (select count(*) from assignment)
          + (select count(*) from label_suggestion_decision where decision = 'rejected') as n`);
  return Number(rows[0].n);
}

/** The keys a field may suggest: current terms, every SDG goal and target, institutions that were ever assigned. */
export async function labelSpace(db: Queryable, field: SuggestionField): Promise<string[]> {
  const query = {
    theme: `select key from vocabulary_term where vocabulary = 'theme' and retired_at is null order by key`,
    affected: `select key from vocabulary_term where vocabulary = 'affected_persons' and retired_at is null order by key`,
    upr_info_issue: `select key from vocabulary_term where vocabulary = 'upr_info_issue' and retired_at is null order by key`,
    sdg_goal: 'select number::text as key from sdg_goal order by number',
    sdg_target: 'select code as key from sdg_target order by code',
    institution: `select i.id::text as key from institution i where i.active and exists (select 1 from assignment a where a.institution_id = i.id) order by i.id`,
  }[field];
  const { rows } = await db.query<{ key: string }>(query);
  return rows.map((r) => r.key);
}

/** Whether the instance labels with UPR Info issues at all (else the field is not suggested). */
export async function usesUprInfoIssues(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`select 1 from recommendation_label where vocabulary = 'upr_info_issue' limit 1`);
  return rows.length > 0;
}

/** What a key is stored as: a term's id for vocabularies, the code itself for SDGs and institutions. Null: unknown. */
export async function valueOfKey(db: Queryable, field: SuggestionField, key: string): Promise<string | null> {
  if (field === 'sdg_goal') {
    const { rows } = await db.query('select number::text as value from sdg_goal where number::text = $1', [key]);
    return rows[0]?.value ?? null;
  }
  if (field === 'sdg_target') {
    const { rows } = await db.query('select code as value from sdg_target where code = $1', [key]);
    return rows[0]?.value ?? null;
  }
  if (field === 'institution') {
    if (!/^\d{1,9}$/.test(key)) return null;
    const { rows } = await db.query('select id::text as value from institution where id = $1::int and active', [key]);
    return rows[0]?.value ?? null;
  }
  const { rows } = await db.query('select id::text as value from vocabulary_term where vocabulary = $1 and key = $2', [LABEL_VOCABULARY[field], key]);
  return rows[0]?.value ?? null;
}

/** Names of institutions by id, for labels. */
export async function institutionNames(db: Queryable, ids: number[]): Promise<Map<number, Record<string, string>>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query('select id, name from institution where id = any($1::int[])', [ids]);
  return new Map(rows.map((r) => [r.id as number, r.name as Record<string, string>]));
}

/** The records shown as examples: symbol, paragraph and texts. */
export async function exampleRows(db: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, { symbol: string | null; paragraph: string | null; texts: Record<string, { text: string }>; original_language: string }>();
  const { rows } = await db.query(
    'select id::int as id, document_symbol as symbol, paragraph, texts, original_language from recommendation where id = any($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id as number, r]));
}

// Models

export interface ModelRow {
  id: number;
  trained_at: Date;
  trained_by: string;
  training_size: number;
  byte_size: number;
  millis: number;
  confirmed_labels: number;
  quality: Record<string, unknown>;
}

export async function latestModel(db: Queryable): Promise<ModelRow | null> {
  const { rows } = await db.query<ModelRow>(
    `select id::int as id, trained_at, trained_by, training_size, byte_size::float8 as byte_size, millis, confirmed_labels, quality
     from suggestion_model where exists (select 1 from suggestion_model_field f where f.model_id = suggestion_model.id)
     order by id desc limit 1`);
  return rows[0] ?? null;
}

export async function modelFields(db: Queryable, modelId: number): Promise<{ field: SuggestionField; bytes: Buffer }[]> {
  const { rows } = await db.query('select field, bytes from suggestion_model_field where model_id = $1 order by field', [modelId]);
  return rows;
}

export async function insertModel(
  tx: Queryable,
  model: { trainedBy: string; trainingSize: number; millis: number; confirmedLabels: number; quality: object; fields: { field: string; bytes: Uint8Array }[] },
): Promise<number> {
  const byteSize = model.fields.reduce((n, f) => n + f.bytes.byteLength, 0);
  const { rows } = await tx.query(
    `insert into suggestion_model (trained_by, training_size, byte_size, millis, confirmed_labels, quality)
     values ($1, $2, $3, $4, $5, $6) returning id::int as id`,
    [model.trainedBy, model.trainingSize, byteSize, model.millis, model.confirmedLabels, JSON.stringify(model.quality)],
  );
  const id = rows[0].id as number;
  for (const f of model.fields) {
    await tx.query('insert into suggestion_model_field (model_id, field, bytes) values ($1, $2, $3)',
      [id, f.field, Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength)]);
  }
  return id;
}

/** Keeps the bytes of the `keep` newest models (older versions keep their row: date, size, quality). */
export async function pruneModelBytes(tx: Queryable, keep: number): Promise<void> {
  await tx.query(
    `delete from suggestion_model_field where model_id not in (select id from suggestion_model order by id desc limit $1)`, [keep]);
}

export async function listModels(db: Queryable, limit: number): Promise<ModelRow[]> {
  const { rows } = await db.query<ModelRow>(
    `select id::int as id, trained_at, trained_by, training_size, byte_size::float8 as byte_size, millis, confirmed_labels, quality
     from suggestion_model order by id desc limit $1`, [limit]);
  return rows;
}

// Scoring

/** Recommendations the model has not scored yet, in id order. */
export async function unscored(db: Queryable, modelId: number, limit: number): Promise<number[]> {
  const { rows } = await db.query(
    `select r.id::int as id from recommendation r left join suggestion_scan s on s.recommendation_id = r.id
     where s.model_id is distinct from $1 order by r.id limit $2`, [modelId, limit]);
  return rows.map((r) => r.id as number);
}

export interface PendingRow {
  recommendation_id: number;
  field: SuggestionField;
  key: string;
  value: string;
  confidence: number;
  band: 'high' | 'medium' | 'low';
}

/** Replaces the pending suggestions of these recommendations with the model's and marks them scored. */
export async function replacePending(tx: Queryable, modelId: number, ids: number[], rows: PendingRow[]): Promise<void> {
  await tx.query('delete from label_suggestion where recommendation_id = any($1::bigint[])', [ids]);
  if (rows.length) {
    await tx.query(
      `insert into label_suggestion (recommendation_id, field, key, value, confidence, band, model_id)
       select unnest($1::bigint[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::real[]), unnest($6::text[]), $7
       on conflict do nothing`,
      [rows.map((r) => r.recommendation_id), rows.map((r) => r.field), rows.map((r) => r.key), rows.map((r) => r.value),
        rows.map((r) => r.confidence), rows.map((r) => r.band), modelId],
    );
  }
  await tx.query(
    `insert into suggestion_scan (recommendation_id, model_id) select unnest($1::bigint[]), $2
     on conflict (recommendation_id) do update set model_id = excluded.model_id`,
    [ids, modelId],
  );
}

/** Term keys to ids of the label vocabularies, for storing pending suggestions by value. */
export async function termIds(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query('select vocabulary, key, id::text as id from vocabulary_term');
  return new Map(rows.map((r) => [`${r.vocabulary}:${r.key}`, r.id as string]));
}

// Decisions

/** A pending suggestion still open: not a confirmed label or assignment, not decided. */
const OPEN = `not exists (select 1 from label_suggestion_decision d where d.recommendation_id = s.recommendation_id and d.field = s.field and d.key = s.key)
  and not exists (select 1 from recommendation_label l where l.recommendation_id = s.recommendation_id and l.provenance <> 'suggested'
    and l.vocabulary = case s.field when 'affected' then 'affected_persons' else s.field end and l.value = s.value)
  and not (s.field = 'institution' and exists (select 1 from assignment a where a.recommendation_id = s.recommendation_id and a.institution_id::text = s.value))`;

export interface QueueFilter {
  modelId: number;
  fields: string[];
  bands: string[];
  /** Mechanism ids, or null: any mechanism. */
  mechanisms: number[] | null;
  /** Recommendations a text search matched, or null: no text search. */
  ids: number[] | null;
}

function queueWhere(filter: QueueFilter, params: unknown[]): string {
  params.push(filter.modelId);
  const where = [`s.model_id = $${params.length}`, OPEN];
  if (filter.fields.length) {
    params.push(filter.fields);
    where.push(`s.field = any($${params.length}::text[])`);
  }
  if (filter.bands.length) {
    params.push(filter.bands);
    where.push(`s.band = any($${params.length}::text[])`);
  }
  if (filter.mechanisms) {
    params.push(filter.mechanisms);
    where.push(`r.mechanism_id = any($${params.length}::int[])`);
  }
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`s.recommendation_id = any($${params.length}::bigint[])`);
  }
  return where.join(' and ');
}

/** One page of recommendations with open suggestions (newest first), and their count. */
export async function queuePage(db: Queryable, filter: QueueFilter, page: number, pageSize: number) {
  const params: unknown[] = [];
  const where = queueWhere(filter, params);
  const { rows: [{ total }] } = await db.query(
    `select count(distinct s.recommendation_id)::int as total from label_suggestion s join recommendation r on r.id = s.recommendation_id where ${where}`, params);
  const { rows } = await db.query(
    `with page as (
       select s.recommendation_id, max(s.confidence) as best from label_suggestion s join recommendation r on r.id = s.recommendation_id
       where ${where} group by s.recommendation_id order by max(s.confidence) desc, s.recommendation_id desc
       limit $${params.length + 1} offset $${params.length + 2}
     )
     select r.id::int as id, r.mechanism_id, r.document_symbol as symbol, r.paragraph, r.texts, r.original_language, p.best,
       (select jsonb_agg(jsonb_build_object('field', s.field, 'key', s.key, 'value', s.value, 'confidence', s.confidence, 'band', s.band)
          order by s.confidence desc) from label_suggestion s where s.recommendation_id = r.id and ${where}) as suggestions
     from page p join recommendation r on r.id = p.recommendation_id order by p.best desc, r.id desc`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  return { total: total as number, rows };
}

/** The open `high` suggestions of a selection (for a bulk accept), with whether the field is empty on the record. */
export async function openHigh(db: Queryable, filter: QueueFilter) {
  const params: unknown[] = [];
  const where = queueWhere({ ...filter, bands: ['high'] }, params);
  const { rows } = await db.query<PendingRow & { field_empty: boolean }>(
    `select s.recommendation_id::int as recommendation_id, s.field, s.key, s.value, s.confidence, s.band,
       case when s.field = 'institution' then not exists (select 1 from assignment a where a.recommendation_id = s.recommendation_id)
         else not exists (select 1 from recommendation_label l where l.recommendation_id = s.recommendation_id and l.provenance <> 'suggested'
           and l.vocabulary = case s.field when 'affected' then 'affected_persons' else s.field end) end as field_empty
     from label_suggestion s join recommendation r on r.id = s.recommendation_id where ${where}
     order by s.recommendation_id, s.field, s.confidence desc`,
    params,
  );
  return rows;
}

export async function findDecision(db: Queryable, recommendationId: number, field: string, key: string) {
  const { rows } = await db.query('select * from label_suggestion_decision where recommendation_id = $1 and field = $2 and key = $3',
    [recommendationId, field, key]);
  return rows[0] ?? null;
}

export async function upsertDecision(
  tx: Queryable,
  d: { recommendationId: number; field: string; key: string; value: string; decision: 'accepted' | 'rejected'; modelVersion: number;
    confidence: number | null; band: string | null; decidedBy: number },
) {
  const { rows } = await tx.query(
    `insert into label_suggestion_decision (recommendation_id, field, key, value, decision, model_version, confidence, band, decided_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (recommendation_id, field, key) do update set value = excluded.value, decision = excluded.decision,
       model_version = excluded.model_version, confidence = excluded.confidence, band = excluded.band,
       decided_by = excluded.decided_by, decided_at = now()
     returning *`,
    [d.recommendationId, d.field, d.key, d.value, d.decision, d.modelVersion, d.confidence, d.band, d.decidedBy],
  );
  return rows[0];
}

/** Whether the record already holds the label (or the assignment). */
export async function hasLabel(db: Queryable, recommendationId: number, field: SuggestionField, value: string): Promise<boolean> {
  const { rows } = field === 'institution'
    ? await db.query('select 1 from assignment where recommendation_id = $1 and institution_id = $2::int', [recommendationId, value])
    : await db.query(`select 1 from recommendation_label where recommendation_id = $1 and vocabulary = $2 and value = $3 and provenance <> 'suggested'`,
      [recommendationId, LABEL_VOCABULARY[field], value]);
  return rows.length > 0;
}

/** Writes an accepted label as a `manual` one (a `suggested` row of the same label is replaced). */
export async function insertManualLabel(tx: Queryable, recommendationId: number, field: Exclude<SuggestionField, 'institution'>, value: string, confidence: number | null) {
  await tx.query(
    `insert into recommendation_label (recommendation_id, vocabulary, value, provenance, confidence) values ($1, $2, $3, 'manual', $4)
     on conflict (recommendation_id, vocabulary, value) do update set provenance = 'manual', confidence = excluded.confidence`,
    [recommendationId, LABEL_VOCABULARY[field], value, confidence],
  );
}

export async function hasLead(db: Queryable, recommendationId: number): Promise<boolean> {
  const { rows } = await db.query(`select 1 from assignment where recommendation_id = $1 and responsibility = 'lead'`, [recommendationId]);
  return rows.length > 0;
}

export async function deletePending(tx: Queryable, recommendationId: number, field: string, key: string): Promise<void> {
  await tx.query('delete from label_suggestion where recommendation_id = $1 and field = $2 and key = $3', [recommendationId, field, key]);
}
