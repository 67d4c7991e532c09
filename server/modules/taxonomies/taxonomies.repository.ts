/**
 * Display labels of reference data, cached in memory: they change only when an
 * administrator or an import adds terms. Each use reads
 * `public_content_state.reference_version` (bumped at commit by a trigger on every
 * write to those tables, migration 0017_public_content_version; the same version
 * public answers' ETags carry) and reloads when it moved, so a term added through
 * another app server is labelled here at the next request.
 */
import type pg from 'pg';
import type { LocalizedText } from '../../db/schema/reference';

export interface LabelMaps {
  mechanisms: Map<number, { code: string; name: LocalizedText; short: LocalizedText }>;
  mechanismIdsByCode: Map<string, number>;
  countries: Map<string, LocalizedText>;
  terms: Map<number, { vocabulary: string; key: string; label: LocalizedText }>;
  termIdsByKey: Map<string, number>;
  sdgGoals: Map<number, { title: LocalizedText; short: LocalizedText }>;
  sdgTargets: Map<string, LocalizedText>;
}

let cached: { version: string; pool: pg.Pool; maps: Promise<LabelMaps> } | null = null;

export async function labelMaps(pool: pg.Pool): Promise<LabelMaps> {
  // Read before the load: the maps are never older than the version they carry.
  const { rows: [state] } = await pool.query<{ version: string }>('select reference_version::text as version from public_content_state');
  if (cached && cached.pool === pool && cached.version === state.version) return cached.maps;
  const maps = loadLabelMaps(pool);
  const entry = { version: state.version, pool, maps };
  cached = entry;
  maps.catch(() => { if (cached === entry) cached = null; });
  return maps;
}

/** Call after a change to reference data in this process (an import adds terms, say). */
export function forgetLabelMaps(): void {
  cached = null;
}

async function loadLabelMaps(pool: pg.Pool): Promise<LabelMaps> {
  const [mechanisms, countries, terms, goals, targets] = await Promise.all([
    pool.query('select id, code, name, short_name from mechanism'),
    pool.query('select iso3, name from country'),
    pool.query('select id, vocabulary, key, label from vocabulary_term'),
    pool.query('select number, title, short_title from sdg_goal'),
    pool.query('select code, title from sdg_target'),
  ]);
  return {
    mechanisms: new Map(mechanisms.rows.map((r) => [r.id, { code: r.code, name: r.name, short: r.short_name }])),
    mechanismIdsByCode: new Map(mechanisms.rows.map((r) => [r.code, r.id])),
    countries: new Map(countries.rows.map((r) => [r.iso3, r.name])),
    terms: new Map(terms.rows.map((r) => [r.id, { vocabulary: r.vocabulary, key: r.key, label: r.label }])),
    termIdsByKey: new Map(terms.rows.map((r) => [`${r.vocabulary}:${r.key}`, r.id])),
    sdgGoals: new Map(goals.rows.map((r) => [r.number, { title: r.title, short: r.short_title }])),
    sdgTargets: new Map(targets.rows.map((r) => [r.code, r.title])),
  };
}

/** The terms of a vocabulary with their aliases and how many recommendations carry each. */
export async function listTerms(q: Pick<pg.Pool | pg.PoolClient, 'query'>, vocabulary: string) {
  const { rows } = await q.query<{ id: number; key: string; label: LocalizedText; aliases: string[]; retired: boolean; used_by: number; version: number }>(
    `select t.id, t.key, t.label, t.version, t.retired_at is not null as retired,
       coalesce((select array_agg(a.alias order by a.alias) from vocabulary_alias a where a.vocabulary = t.vocabulary and a.term_id = t.id), '{}') as aliases,
       (select count(*)::int from recommendation_label l where l.vocabulary = t.vocabulary and l.value = t.id::text) as used_by
     from vocabulary_term t where t.vocabulary = $1 order by t.retired_at is not null, t.key`, [vocabulary]);
  return rows;
}

export async function lockTerm(tx: pg.PoolClient, vocabulary: string, id: number) {
  const { rows } = await tx.query<{ id: number; key: string; label: LocalizedText; version: number; retired_at: Date | null }>(
    'select id, key, label, version, retired_at from vocabulary_term where vocabulary = $1 and id = $2 for update', [vocabulary, id]);
  return rows[0] ?? null;
}

export async function insertTerm(tx: pg.PoolClient, vocabulary: string, key: string, label: LocalizedText, actor: string): Promise<number | null> {
  const { rows } = await tx.query(
    `insert into vocabulary_term (vocabulary, key, label, edited_by) values ($1, $2, $3, $4) on conflict (vocabulary, key) do nothing returning id`,
    [vocabulary, key, JSON.stringify(label), actor]);
  return rows[0]?.id ?? null;
}

export async function updateTerm(tx: pg.PoolClient, id: number, change: { label?: LocalizedText; retired?: boolean }, actor: string) {
  await tx.query(
    `update vocabulary_term set label = coalesce($2, label), edited_by = $3, version = version + 1,
       retired_at = case when $4::boolean is null then retired_at when $4 then coalesce(retired_at, now()) else null end
     where id = $1`,
    [id, change.label ? JSON.stringify(change.label) : null, actor, change.retired ?? null]);
}

/** The aliases among `aliases` that another term of the vocabulary already has. */
export async function aliasesOfOthers(tx: pg.PoolClient, vocabulary: string, aliases: string[], termId: number | null) {
  const { rows } = await tx.query<{ alias: string }>(
    'select alias from vocabulary_alias where vocabulary = $1 and alias = any($2::text[]) and term_id is distinct from $3', [vocabulary, aliases, termId]);
  return rows.map((r) => r.alias);
}

export async function aliasesOf(tx: pg.PoolClient, vocabulary: string, termId: number): Promise<string[]> {
  const { rows } = await tx.query<{ alias: string }>('select alias from vocabulary_alias where vocabulary = $1 and term_id = $2 order by alias', [vocabulary, termId]);
  return rows.map((r) => r.alias);
}

/** Makes the term's aliases exactly `aliases` (already normalised). */
export async function replaceAliases(tx: pg.PoolClient, vocabulary: string, termId: number, aliases: string[]) {
  await tx.query('delete from vocabulary_alias where vocabulary = $1 and term_id = $2 and not (alias = any($3::text[]))', [vocabulary, termId, aliases]);
  await tx.query(
    `insert into vocabulary_alias (vocabulary, alias, term_id) select $1, unnest($3::text[]), $2 on conflict do nothing`, [vocabulary, termId, aliases]);
}

/** Every mechanism with its aliases and how many recommendations it made. */
export async function listMechanisms(q: Pick<pg.Pool | pg.PoolClient, 'query'>) {
  const { rows } = await q.query<{ id: number; code: string; family: string; label: LocalizedText; short_name: LocalizedText; aliases: string[]; retired: boolean; used_by: number; version: number }>(
    `select m.id, m.code, m.family, m.name as label, m.short_name, m.version, m.retired_at is not null as retired,
       coalesce((select array_agg(a.alias order by a.alias) from mechanism_alias a where a.mechanism_id = m.id), '{}') as aliases,
       (select count(*)::int from recommendation r where r.mechanism_id = m.id) as used_by
     from mechanism m order by m.retired_at is not null, m.code`);
  return rows;
}

export async function lockMechanism(tx: pg.PoolClient, id: number) {
  const { rows } = await tx.query<{ id: number; code: string; family: string; name: LocalizedText; short_name: LocalizedText; version: number; retired_at: Date | null }>(
    'select id, code, family, name, short_name, version, retired_at from mechanism where id = $1 for update', [id]);
  return rows[0] ?? null;
}

export interface MechanismFields { family: string; name: LocalizedText; shortName: LocalizedText }

/** The acronym column keeps the English one (or the first), as the reference seed writes it. */
const acronymOf = (shortName: LocalizedText) => shortName.en ?? Object.values(shortName)[0] ?? null;

export async function insertMechanism(tx: pg.PoolClient, code: string, fields: MechanismFields, actor: string): Promise<number | null> {
  const { rows } = await tx.query(
    `insert into mechanism (code, family, acronym, name, short_name, edited_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (code) do nothing returning id`,
    [code, fields.family, acronymOf(fields.shortName), JSON.stringify(fields.name), JSON.stringify(fields.shortName), actor]);
  return rows[0]?.id ?? null;
}

export async function updateMechanism(tx: pg.PoolClient, id: number, change: Partial<MechanismFields> & { retired?: boolean }, actor: string) {
  await tx.query(
    `update mechanism set family = coalesce($2, family), name = coalesce($3, name),
       short_name = coalesce($4, short_name), acronym = case when $4::jsonb is null then acronym else $5 end,
       edited_by = $6, version = version + 1,
       retired_at = case when $7::boolean is null then retired_at when $7 then coalesce(retired_at, now()) else null end
     where id = $1`,
    [id, change.family ?? null, change.name ? JSON.stringify(change.name) : null,
      change.shortName ? JSON.stringify(change.shortName) : null, change.shortName ? acronymOf(change.shortName) : null,
      actor, change.retired ?? null]);
}

/** The aliases among `aliases` that another mechanism already has. */
export async function mechanismAliasesOfOthers(tx: pg.PoolClient, aliases: string[], mechanismId: number | null) {
  const { rows } = await tx.query<{ alias: string }>(
    'select alias from mechanism_alias where alias = any($1::text[]) and mechanism_id is distinct from $2 order by alias', [aliases, mechanismId]);
  return rows.map((r) => r.alias);
}

export async function mechanismAliasesOf(tx: pg.PoolClient, mechanismId: number): Promise<string[]> {
  const { rows } = await tx.query<{ alias: string }>('select alias from mechanism_alias where mechanism_id = $1 order by alias', [mechanismId]);
  return rows.map((r) => r.alias);
}

/** Makes the mechanism's aliases exactly `aliases` (already normalised). */
export async function replaceMechanismAliases(tx: pg.PoolClient, mechanismId: number, aliases: string[]) {
  await tx.query('delete from mechanism_alias where mechanism_id = $1 and not (alias = any($2::text[]))', [mechanismId, aliases]);
  await tx.query('insert into mechanism_alias (alias, mechanism_id) select unnest($2::text[]), $1 on conflict do nothing', [mechanismId, aliases]);
}
