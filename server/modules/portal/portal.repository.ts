/** SQL for the public portal. Only what a visitor may read: published reports, no people. */
import type pg from 'pg';
import type { SearchRow } from '../recommendations/recommendations.search';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface InstitutionCountsRow {
  id: number;
  name: Record<string, string>;
  acronym: string | null;
  branch: string;
  parent_id: number | null;
  lead: number;
  co_responsible: number;
  published_actions: number;
}

const WITH_COUNTS = `select i.id, i.name, i.acronym, i.branch, i.parent_id,
    (select count(*)::int from assignment a where a.institution_id = i.id and a.responsibility = 'lead') as lead,
    (select count(*)::int from assignment a where a.institution_id = i.id and a.responsibility = 'co_responsible') as co_responsible,
    (select count(*)::int from action_report ar where ar.institution_id = i.id and ar.state = 'published') as published_actions
  from institution i`;

/** Active institutions only: a retired one is no longer shown to the public. */
export async function listPublicInstitutions(db: Queryable): Promise<InstitutionCountsRow[]> {
  const { rows } = await db.query(`${WITH_COUNTS} where i.active order by i.id`);
  return rows;
}

export async function findPublicInstitution(db: Queryable, id: number): Promise<InstitutionCountsRow | null> {
  const { rows } = await db.query(`${WITH_COUNTS} where i.active and i.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function institutionName(db: Queryable, id: number): Promise<{ id: number; name: Record<string, string>; active: boolean } | null> {
  const { rows } = await db.query('select id, name, active from institution where id = $1', [id]);
  return rows[0] ?? null;
}

export type AssignedRow = SearchRow & { responsibility: 'lead' | 'co_responsible' };

/** The recommendations assigned to an institution, newest document first (as the search orders by date). */
export async function assignedRecommendations(db: Queryable, institutionId: number, page: number, pageSize: number) {
  const [items, count] = await Promise.all([
    db.query(
      `select r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date,
         r.year, r.cycle, r.session, r.position, r.original_language, r.texts, a.responsibility
       from assignment a join recommendation r on r.id = a.recommendation_id
       where a.institution_id = $1
       order by r.document_date desc nulls last, r.id desc
       limit $2 offset $3`,
      [institutionId, pageSize, (page - 1) * pageSize],
    ),
    db.query('select count(*)::int as n from assignment where institution_id = $1', [institutionId]),
  ]);
  return { rows: items.rows.map((row) => ({ ...row, id: Number(row.id), headline: null, headline_language: row.original_language })) as AssignedRow[], total: count.rows[0].n as number };
}

/** Who is responsible for a recommendation: active institutions, the lead first. */
export async function responsibleInstitutions(db: Queryable, recommendationId: number) {
  const { rows } = await db.query(
    `select i.id, i.name, i.acronym, a.responsibility
     from assignment a join institution i on i.id = a.institution_id
     where a.recommendation_id = $1 and i.active
     order by a.responsibility = 'lead' desc, i.id`,
    [recommendationId],
  );
  return rows as { id: number; name: Record<string, string>; acronym: string | null; responsibility: 'lead' | 'co_responsible' }[];
}

export async function catalogueVersion(db: Queryable): Promise<number> {
  return Number((await db.query('select version from catalogue_state')).rows[0].version);
}

export interface MechanismRow {
  id: number; code: string; name: Record<string, string>; acronym: string | null; short_name: Record<string, string>;
  family: string; treaty: string | null;
}

export async function findMechanism(db: Queryable, code: string): Promise<MechanismRow | null> {
  const { rows } = await db.query('select id, code, name, acronym, short_name, family, treaty from mechanism where upper(code) = upper($1)', [code]);
  return rows[0] ?? null;
}

/** How many recommendations a mechanism made, and its latest documents with their sizes. */
export async function mechanismDocuments(db: Queryable, mechanismId: number, limit: number) {
  const [total, documents] = await Promise.all([
    db.query('select count(*)::int as n from recommendation where mechanism_id = $1', [mechanismId]),
    db.query(
      `select document_symbol as symbol, max(document_date)::text as date, count(*)::int as count
       from recommendation where mechanism_id = $1 and document_symbol is not null
       group by document_symbol
       order by max(document_date) desc nulls last, document_symbol
       limit $2`,
      [mechanismId, limit],
    ),
  ]);
  return { total: total.rows[0].n as number, documents: documents.rows as { symbol: string; date: string | null; count: number }[] };
}

export interface SdgRow { number: number; title: Record<string, string>; short_title: Record<string, string> }

export async function findSdgGoal(db: Queryable, goal: number): Promise<SdgRow | null> {
  const { rows } = await db.query('select number, title, short_title from sdg_goal where number = $1', [goal]);
  return rows[0] ?? null;
}

/**
 * The goal's targets (every one, also those no recommendation names) with
 * their counts, and how many recommendations name the goal. A target label
 * always brings its goal's (import/resolve.ts), so the goal's GIN index
 * narrows the rows first.
 */
export async function sdgTargetCounts(db: Queryable, goal: number) {
  const [total, targets] = await Promise.all([
    db.query('select count(*)::int as n from recommendation where sdg_goals @> array[$1]::smallint[]', [goal]),
    db.query(
      `with counted as (
         select t.code, count(*)::int as count
         from recommendation r cross join lateral unnest(r.sdg_targets) as t(code)
         where r.sdg_goals @> array[$1]::smallint[]
         group by t.code
       )
       select s.code, s.title, coalesce(c.count, 0) as count
       from sdg_target s left join counted c on c.code = s.code
       where s.goal = $1`,
      [goal],
    ),
  ]);
  return { total: total.rows[0].n as number, targets: targets.rows as { code: string; title: Record<string, string>; count: number }[] };
}
