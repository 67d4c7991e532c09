/**
 * SQL of the Network's knowledge hub and cooperation board. The search is the catalogue's: a
 * resource's words are indexed with nmirf_search_vector in its language, a query is read with
 * nmirf_search_query (every language the hub searches, or the one asked), migrations 0013 and 0020.
 */
import type pg from 'pg';
import { RESOURCE_FACETS, type ResourceFacet, type ResourceSearch, type ResourceState } from '../../../shared/network/knowledge';
import type { LocalizedText } from '../../db/schema/reference';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface ResourceRow {
  id: number; kind: string; language: string; title: string; summary: string; body: string;
  themes: string[]; mechanisms: string[]; sdgs: number[]; regions: string[]; nmirf_types: string[]; link: string | null;
  contributor_iso3: string | null; contributor_name: LocalizedText | null; contributed_by: number | null;
  state: ResourceState; moderation_reason: string | null; published_at: Date | null; updated_at: Date; version: number;
}

export interface ResourceFields {
  kind: string; language: string; title: string; summary: string; body: string;
  themes: string[]; mechanisms: string[]; sdgs: number[]; regions: string[]; nmirf_types: string[]; link: string | null;
}

const COLUMNS = `r.id, r.kind, r.language, r.title, r.summary, r.body, r.themes, r.mechanisms, r.sdgs::int[] as sdgs, r.regions, r.nmirf_types, r.link,
  r.contributor_iso3, c.name as contributor_name, r.contributed_by, r.state, r.moderation_reason, r.published_at, r.updated_at, r.version`;
const FROM = 'network_resource r left join country c on c.iso3 = r.contributor_iso3';
/** The search document of a resource: its title, summary and body, read in its language. */
const SEARCH_VECTOR = `nmirf_search_vector(jsonb_build_object(r.language, jsonb_build_object('text', r.title || E'\\n' || r.summary || E'\\n' || r.body)))`;

export async function insertResource(
  q: Queryable, fields: ResourceFields & { contributor_iso3: string | null; contributed_by: number; state: 'draft' | 'submitted' },
): Promise<number> {
  const { rows } = await q.query(
    `insert into network_resource as r (kind, language, title, summary, body, themes, mechanisms, sdgs, regions, nmirf_types, link, contributor_iso3, contributed_by, state, search_vector)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ''::tsvector) returning id`,
    [fields.kind, fields.language, fields.title, fields.summary, fields.body, fields.themes, fields.mechanisms, fields.sdgs, fields.regions,
      fields.nmirf_types, fields.link, fields.contributor_iso3, fields.contributed_by, fields.state]);
  await q.query(`update network_resource r set search_vector = ${SEARCH_VECTOR} where id = $1`, [rows[0].id]);
  return rows[0].id;
}

export async function findResource(q: Queryable, id: number, lock = false): Promise<ResourceRow | null> {
  const { rows } = await q.query<ResourceRow>(`select ${COLUMNS} from ${FROM} where r.id = $1${lock ? ' for update of r' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function updateResource(q: Queryable, id: number, fields: Partial<ResourceFields>, state?: ResourceState): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [column, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  if (state) {
    values.push(state);
    sets.push(`state = $${values.length}`);
  }
  await q.query(`update network_resource set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = $1`, values);
  await q.query(`update network_resource r set search_vector = ${SEARCH_VECTOR} where id = $1`, [id]);
}

export async function moderateResource(
  q: Queryable, id: number, state: 'published' | 'returned' | 'rejected', reason: string | null, by: number, at: Date,
): Promise<void> {
  await q.query(
    `update network_resource set state = $2::text, moderation_reason = $3, moderated_by = $4, moderated_at = $5::timestamptz,
       published_at = case when $2::text = 'published' then $5::timestamptz end, version = version + 1, updated_at = $5::timestamptz where id = $1`,
    [id, state, reason, by, at]);
}

/** Contributions not yet published: all of them, or one person's. */
export async function listSubmissions(q: Queryable, options: { contributedBy?: number; state?: ResourceState }): Promise<ResourceRow[]> {
  const { rows } = await q.query<ResourceRow>(
    `select ${COLUMNS} from ${FROM} where ($1::bigint is null or r.contributed_by = $1)
       and (case when $2::text is null then r.state <> 'published' else r.state = $2 end)
     order by r.updated_at desc, r.id desc`,
    [options.contributedBy ?? null, options.state ?? null]);
  return rows;
}

export interface ResourceFile { id: number; resource_id: number; stored_name: string; file_name: string; media_type: string; size_bytes: number; sha256: string }

export async function insertFile(q: Queryable, file: Omit<ResourceFile, 'id'> & { created_by: number }): Promise<number> {
  const { rows } = await q.query(
    `insert into network_resource_file (resource_id, stored_name, file_name, media_type, size_bytes, sha256, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [file.resource_id, file.stored_name, file.file_name, file.media_type, file.size_bytes, file.sha256, file.created_by]);
  return rows[0].id;
}

export async function filesOf(q: Queryable, resourceIds: number[]): Promise<ResourceFile[]> {
  if (!resourceIds.length) return [];
  const { rows } = await q.query<ResourceFile>(
    `select id, resource_id, stored_name, file_name, media_type, size_bytes, sha256 from network_resource_file where resource_id = any($1) order by id`, [resourceIds]);
  return rows;
}

export async function findFile(q: Queryable, id: number): Promise<(ResourceFile & { state: ResourceState; contributed_by: number | null }) | null> {
  const { rows } = await q.query(
    `select f.id, f.resource_id, f.stored_name, f.file_name, f.media_type, f.size_bytes, f.sha256, r.state, r.contributed_by
     from network_resource_file f join network_resource r on r.id = f.resource_id where f.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The SQL of one facet's value(s) of a resource `r`. */
const FACET_VALUES: Record<ResourceFacet, string> = {
  kind: 'array[r.kind]', language: 'array[r.language]', theme: 'r.themes', mechanism: 'r.mechanisms', sdg: 'r.sdgs::text[]',
  region: 'r.regions', nmirf_type: 'r.nmirf_types',
};
const FILTER_OF: Record<ResourceFacet, keyof ResourceSearch> = {
  kind: 'kind', language: 'lang', theme: 'theme', mechanism: 'mechanism', sdg: 'sdg', region: 'region', nmirf_type: 'nmirf_type',
};

/**
 * Published resources matching the search, a page of them, and each facet's counts with every
 * filter applied except that facet's own (a reader can widen a choice as well as narrow it).
 * Newest first without words; by relevance (ts_rank_cd) with them.
 */
export async function searchResources(q: Queryable, search: ResourceSearch) {
  const values: unknown[] = [search.q || null, search.lang ?? null];
  const filters: { facet: ResourceFacet; sql: string }[] = [];
  for (const facet of RESOURCE_FACETS) {
    const value = search[FILTER_OF[facet]];
    if (value === undefined || value === null) continue;
    values.push(String(value));
    filters.push({ facet, sql: `$${values.length}::text = any(${FACET_VALUES[facet]})` });
  }
  const base = `with tsq as materialized (select case when $1::text is null then null else nmirf_search_query($1, $2) end as q)
    select r.* from network_resource r, tsq where r.state = 'published' and (tsq.q is null or r.search_vector @@ tsq.q)`;
  // A facet's own filter stays in its counts' statement as a condition that always holds, so that every parameter keeps its type.
  const where = (except?: ResourceFacet) => filters.map((filter) => (filter.facet === except ? ` and (${filter.sql} or true)` : ` and ${filter.sql}`)).join('');
  const offset = (search.page - 1) * search.page_size;
  const { rows } = await q.query<ResourceRow & { total: number }>(
    `with matched as (${base}${where()}), tsq as (select case when $1::text is null then null else nmirf_search_query($1, $2) end as q)
     select ${COLUMNS}, count(*) over ()::int as total from matched r left join country c on c.iso3 = r.contributor_iso3, tsq
     order by case when tsq.q is null then 0 else ts_rank_cd(r.search_vector, tsq.q) end desc, r.published_at desc, r.id desc
     limit ${search.page_size} offset ${offset}`, values);
  const facets = {} as Record<ResourceFacet, { key: string; count: number }[]>;
  for (const facet of RESOURCE_FACETS) {
    const counts = await q.query<{ key: string; count: number }>(
      `with matched as (${base}${where(facet)}) select value as key, count(*)::int as count from matched r, unnest(${FACET_VALUES[facet]}) value
       group by value order by count(*) desc, value`, values);
    facets[facet] = counts.rows;
  }
  let total = rows[0]?.total ?? 0;
  if (!rows.length && offset > 0) {
    const counted = await q.query(`with matched as (${base}${where()}) select count(*)::int as total from matched`, values);
    total = counted.rows[0].total;
  }
  return { total, rows, facets };
}

/** Published resources, oldest publication first; with `since`, those published or changed after it (the feed). */
export async function publishedResources(q: Queryable, since: Date | null): Promise<ResourceRow[]> {
  const { rows } = await q.query<ResourceRow>(
    `select ${COLUMNS} from ${FROM} where r.state = 'published' and ($1::timestamptz is null or r.updated_at > $1) order by r.published_at, r.id`, [since]);
  return rows;
}

/** Which of `keys` are not known: theme keys of the vocabulary, mechanism codes. */
export async function unknownTags(q: Queryable, themes: string[], mechanisms: string[]): Promise<{ facet: 'theme' | 'mechanism'; key: string } | null> {
  const { rows } = await q.query<{ facet: 'theme' | 'mechanism'; key: string }>(
    `select 'theme' as facet, given.code as key from unnest($1::text[]) given(code)
       where not exists (select 1 from vocabulary_term t where t.vocabulary = 'theme' and t.key = given.code)
     union all
     select 'mechanism', given.code from unnest($2::text[]) given(code) where not exists (select 1 from mechanism m where m.code = given.code)
     limit 1`, [themes, mechanisms]);
  return rows[0] ?? null;
}

export interface HubSettingsRow { partners_may_contribute: boolean; proposal_id: number | null; version: number }

export async function hubSettings(q: Queryable, lock = false): Promise<HubSettingsRow | null> {
  const { rows } = await q.query<HubSettingsRow>(`select partners_may_contribute, proposal_id, version from network_hub_settings${lock ? ' for update' : ''}`);
  return rows[0] ?? null;
}

export async function saveHubSettings(q: Queryable, partnersMayContribute: boolean, proposalId: number | null): Promise<void> {
  await q.query(
    `insert into network_hub_settings (id, partners_may_contribute, proposal_id) values (1, $1, $2)
     on conflict (id) do update set partners_may_contribute = $1, proposal_id = $2, version = network_hub_settings.version + 1, updated_at = now()`,
    [partnersMayContribute, proposalId]);
}

// Cooperation

export interface CooperationRow {
  id: number; kind: 'request' | 'offer'; iso3: string; state_name: LocalizedText; topic: string; description: string;
  help: ('software' | 'training' | 'exchange_of_experience' | 'other')[]; language: 'es' | 'en' | 'fr' | 'pt'; status: 'open' | 'closed';
  responses_count: number; created_at: Date; version: number;
}
const COOPERATION_COLUMNS = `k.id, k.kind, k.iso3, c.name as state_name, k.topic, k.description, k.help, k.language, k.status,
  (select count(*)::int from network_cooperation_response x where x.cooperation_id = k.id) as responses_count, k.created_at, k.version`;

export async function listCooperation(q: Queryable, status: 'open' | 'closed' | null): Promise<CooperationRow[]> {
  const { rows } = await q.query<CooperationRow>(
    `select ${COOPERATION_COLUMNS} from network_cooperation k join country c on c.iso3 = k.iso3 where ($1::text is null or k.status = $1)
     order by k.created_at desc, k.id desc`, [status]);
  return rows;
}

export async function findCooperation(q: Queryable, id: number, lock = false): Promise<CooperationRow | null> {
  const { rows } = await q.query<CooperationRow>(
    `select ${COOPERATION_COLUMNS} from network_cooperation k join country c on c.iso3 = k.iso3 where k.id = $1${lock ? ' for update of k' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function insertCooperation(
  q: Queryable, row: { kind: string; iso3: string; topic: string; description: string; help: string[]; language: string; posted_by: number },
): Promise<number> {
  const { rows } = await q.query(
    `insert into network_cooperation (kind, iso3, topic, description, help, language, posted_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [row.kind, row.iso3, row.topic, row.description, row.help, row.language, row.posted_by]);
  return rows[0].id;
}

export async function setCooperationStatus(q: Queryable, id: number, status: 'open' | 'closed'): Promise<void> {
  await q.query('update network_cooperation set status = $2, version = version + 1, updated_at = now() where id = $1', [id, status]);
}

export async function insertResponse(q: Queryable, row: { cooperation_id: number; iso3: string; message: string; responded_by: number }): Promise<number> {
  const { rows } = await q.query(
    'insert into network_cooperation_response (cooperation_id, iso3, message, responded_by) values ($1, $2, $3, $4) returning id',
    [row.cooperation_id, row.iso3, row.message, row.responded_by]);
  return rows[0].id;
}

export async function responsesOf(q: Queryable, id: number) {
  const { rows } = await q.query<{ id: number; iso3: string; state_name: LocalizedText; message: string; created_at: Date }>(
    `select x.id, x.iso3, c.name as state_name, x.message, x.created_at from network_cooperation_response x join country c on c.iso3 = x.iso3
     where x.cooperation_id = $1 order by x.id`, [id]);
  return rows;
}

export interface AgreementRow { id: number; cooperation_id: number; parties: string[]; description: string; status: 'agreed' | 'in_progress' | 'completed' | 'cancelled'; recorded_at: Date; version: number }

export async function agreementsOf(q: Queryable, ids: number[]): Promise<AgreementRow[]> {
  if (!ids.length) return [];
  const { rows } = await q.query<AgreementRow>(
    `select id, cooperation_id, parties, description, status, created_at as recorded_at, version from network_cooperation_agreement
     where cooperation_id = any($1) order by id`, [ids]);
  return rows;
}

export async function findAgreement(q: Queryable, id: number, lock = false): Promise<AgreementRow | null> {
  const { rows } = await q.query<AgreementRow>(
    `select id, cooperation_id, parties, description, status, created_at as recorded_at, version from network_cooperation_agreement
     where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function insertAgreement(q: Queryable, row: { cooperation_id: number; parties: string[]; description: string; status: string; recorded_by: number }): Promise<number> {
  const { rows } = await q.query(
    'insert into network_cooperation_agreement (cooperation_id, parties, description, status, recorded_by) values ($1, $2, $3, $4, $5) returning id',
    [row.cooperation_id, row.parties, row.description, row.status, row.recorded_by]);
  return rows[0].id;
}

export async function updateAgreement(q: Queryable, id: number, status: string, description: string | undefined): Promise<void> {
  await q.query(
    'update network_cooperation_agreement set status = $2, description = coalesce($3, description), version = version + 1, updated_at = now() where id = $1',
    [id, status, description ?? null]);
}

/** Which of `codes` are not States of the registry. */
export async function unknownStates(q: Queryable, codes: string[]): Promise<string[]> {
  const { rows } = await q.query<{ code: string }>(
    'select given.code from unnest($1::text[]) given(code) where not exists (select 1 from network_state s where s.iso3 = given.code)', [codes]);
  return rows.map((row) => row.code);
}

/** The themes and mechanisms a contribution may be tagged with (not retired), with their names. */
export async function hubTags(q: Queryable): Promise<{ themes: { key: string; label: LocalizedText }[]; mechanisms: { key: string; label: LocalizedText }[] }> {
  const themes = await q.query(`select key, label from vocabulary_term where vocabulary = 'theme' and retired_at is null order by key`);
  const mechanisms = await q.query(`select code as key, name as label from mechanism where retired_at is null order by code`);
  return { themes: themes.rows, mechanisms: mechanisms.rows };
}
