/**
 * The hub's similar recommendations across States (docs/decisions/0021-similar-across-states.md):
 * the index (similar-index.ts) built from every State's copy (network_copy_record), one per
 * process and database pool, and the answer's details read from the copies.
 *
 * Freshness: the index is labelled with every State's copy version (network_copy_state), which a
 * harvest that applies a package moves forward in the transaction that changes the copy. Each
 * query reads those versions first (one row per State); when they differ from the index's, the
 * index is built again from the copies: awaited while the copies hold at most SYNC_BUILD_LIMIT
 * recommendations (a query right after a harvest sees it), otherwise in the background, in slices
 * that give other requests their turn, while the previous index keeps answering.
 */
import type pg from 'pg';
import { pickText, type Locale } from '../../../platform/http/locale';
import type { SimilarItem } from '../../../../shared/network/similar';
import { buildSimilarIndex, findIndexed, similarAcrossStates, type SimilarFilters, type SimilarIndex, type SimilarQuery, type SimilarRecord } from './similar-index';

type Queryable = Pick<pg.Pool, 'query'>;

/** Up to this many recommendations in the copies, a query waits for the index to be built again. */
export const SYNC_BUILD_LIMIT = 20_000;
const READ_BATCH = 5_000;

/** The label of the copies an index was built from: every State's version. */
async function copyVersions(db: Queryable): Promise<string> {
  const { rows } = await db.query(`select coalesce(string_agg(iso3 || ':' || version, ',' order by iso3), '') as label from network_copy_state`);
  return rows[0].label as string;
}

/**
 * Every recommendation of every State's copy, with the State's regional group and the current
 * status (the government's latest assessment, else the latest of any assessor), a batch at a time.
 */
export async function* copiedRecommendations(db: Queryable): AsyncGenerator<SimilarRecord[]> {
  const current = new Map<string, string>();
  const { rows: statuses } = await db.query(
    `select distinct on (iso3, (body->>'recommendation')::bigint) iso3, body->>'recommendation' as recommendation, body->>'status' as status
     from network_copy_record where kind = 'status'
     order by iso3, (body->>'recommendation')::bigint, (body->>'assessor') = 'government' desc, body->>'assessed_on' desc nulls last, record_id desc`);
  for (const row of statuses) current.set(`${row.iso3}:${row.recommendation}`, row.status);
  let after = { iso3: '', id: 0 };
  for (;;) {
    const { rows } = await db.query(
      `select r.iso3, r.record_id, r.body->>'uhri_id' as uhri_id, r.body->>'mechanism' as mechanism, (r.body->>'year')::int as year,
              r.body->'texts' as texts, c.un_regional_group
       from network_copy_record r join country c on c.iso3 = r.iso3
       where r.kind = 'recommendation' and (r.iso3, r.record_id) > ($1, $2)
       order by r.iso3, r.record_id limit $3`,
      [after.iso3, after.id, READ_BATCH]);
    if (!rows.length) return;
    yield rows.map((row) => ({
      iso3: row.iso3, id: Number(row.record_id), uhriId: row.uhri_id, mechanism: row.mechanism ?? '', year: row.year,
      region: row.un_regional_group, status: current.get(`${row.iso3}:${row.record_id}`) ?? null, texts: textsOf(row.texts),
    }));
    const last = rows[rows.length - 1];
    after = { iso3: last.iso3, id: Number(last.record_id) };
  }
}

/** A published `texts` object, strings only. */
function textsOf(value: unknown): Record<string, string> {
  const texts: Record<string, string> = {};
  if (value && typeof value === 'object') for (const [language, text] of Object.entries(value)) if (typeof text === 'string') texts[language] = text;
  return texts;
}

interface Held { label: string; index: SimilarIndex }
interface Holder { current: Held | null; building: Promise<Held> | null; buildingLabel: string | null }
const holders = new WeakMap<object, Holder>();

async function build(db: Queryable, label: string): Promise<Held> {
  const records: SimilarRecord[] = [];
  for await (const batch of copiedRecommendations(db)) {
    records.push(...batch);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { label, index: buildSimilarIndex(records) };
}

/** The index as fresh as the copies (see the module's comment on when a query waits). */
export async function similarIndexFor(db: pg.Pool): Promise<SimilarIndex> {
  let holder = holders.get(db);
  if (!holder) holders.set(db, (holder = { current: null, building: null, buildingLabel: null }));
  const label = await copyVersions(db);
  if (holder.current?.label === label) return holder.current.index;
  if (holder.buildingLabel !== label) {
    const h = holder;
    h.buildingLabel = label;
    const building = build(db, label).then((held) => {
      if (h.building === building) {
        h.current = held;
        h.building = null;
        h.buildingLabel = null;
      }
      return held;
    }, (error) => {
      if (h.building === building) { h.building = null; h.buildingLabel = null; }
      throw error;
    });
    h.building = building;
  }
  const small = !holder.current || holder.current.index.records <= SYNC_BUILD_LIMIT;
  if (small) return (await holder.building!).index;
  holder.building!.catch(() => {});
  return holder.current!.index;
}

export type SimilarSubject = { text: string } | { uhriId: string } | { iso3: string; id: number };

/**
 * The answer for a text, a UHRI id or a State's recommendation: undefined when the recommendation
 * is not in any copy. A recommendation's own State is left out, as is `filters.excludeState`.
 */
export async function similarRecommendations(db: pg.Pool, subject: SimilarSubject, filters: SimilarFilters, locale: Locale): Promise<{ items: SimilarItem[]; indexed: number } | undefined> {
  const index = await similarIndexFor(db);
  let query: SimilarQuery;
  let exclude = filters.excludeState ?? null;
  if ('text' in subject) {
    query = { text: subject.text };
  } else {
    const record = findIndexed(index, subject, locale);
    if (!record) return undefined;
    query = { normalised: record.normalised, language: record.language };
    exclude = record.iso3;
  }
  const hits = similarAcrossStates(index, query, { ...filters, excludeState: exclude });
  return { items: await presentHits(db, hits, locale), indexed: index.records };
}

/**
 * Each hit with its record as the copy holds it, the State, its published actions and its current status.
 * The actions are found through the copy's index keyed by State and recommendation (migration 0042), whose
 * expression the condition repeats word for word.
 */
async function presentHits(db: Queryable, hits: { iso3: string; id: number; similarity: number; language: string }[], locale: Locale): Promise<SimilarItem[]> {
  if (!hits.length) return [];
  const states = hits.map((h) => h.iso3);
  const ids = hits.map((h) => h.id);
  const { rows } = await db.query(
    `select q.n, r.body, c.name, c.un_regional_group,
       (select coalesce(jsonb_agg(a.body order by a.record_id), '[]') from network_copy_record a
        where a.kind = 'action' and ('{"' || a.iso3 || '":' || (a.body -> 'recommendations')::text || '}')::jsonb @> jsonb_build_object(q.iso3, jsonb_build_array(q.id))) as actions,
       (select x.body from network_copy_record x
        where x.iso3 = q.iso3 and x.kind = 'status' and (x.body->>'recommendation')::bigint = q.id
        order by (x.body->>'assessor') = 'government' desc, x.body->>'assessed_on' desc nulls last, x.record_id desc limit 1) as status
     from unnest($1::text[], $2::bigint[]) with ordinality as q(iso3, id, n)
     join network_copy_record r on r.iso3 = q.iso3 and r.kind = 'recommendation' and r.record_id = q.id
     join country c on c.iso3 = q.iso3
     order by q.n`,
    [states, ids]);
  return rows.map((row) => {
    const hit = hits[Number(row.n) - 1];
    const body = row.body as Record<string, unknown>;
    const texts = textsOf(body.texts);
    const language = texts[locale] ? locale : hit.language;
    return {
      state: { iso3: hit.iso3, name: pickText(row.name, locale) || hit.iso3, un_regional_group: row.un_regional_group },
      id: hit.id,
      uhri_id: typeof body.uhri_id === 'string' ? body.uhri_id : null,
      mechanism: String(body.mechanism ?? ''),
      symbol: typeof body.symbol === 'string' ? body.symbol : null,
      paragraph: body.paragraph === null || body.paragraph === undefined ? null : String(body.paragraph),
      year: typeof body.year === 'number' ? body.year : null,
      text: texts[language] ?? '',
      language,
      similarity: hit.similarity,
      actions: (row.actions as Record<string, unknown>[]).map((a) => ({
        id: Number(a.id),
        title: pickText(a.title as Record<string, string>, locale),
        type: typeof a.type === 'string' ? a.type : null,
        progress: typeof a.progress === 'number' ? a.progress : null,
        start_date: typeof a.start_date === 'string' ? a.start_date : null,
        end_date: typeof a.end_date === 'string' ? a.end_date : null,
      })),
      status: row.status ? { key: String(row.status.status), assessor: String(row.status.assessor), assessed_on: row.status.assessed_on ?? null } : null,
    };
  });
}
