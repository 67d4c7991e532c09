/** SQL for links between recommendations (recommendation_link) and where the scan stands. */
import type pg from 'pg';
import type { LinkState, RelatedKind } from '../../../shared/related';
import type { TranslatedText } from '../../db/schema/recommendations';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface LinkRow {
  id: number;
  low_id: number;
  high_id: number;
  kind: RelatedKind;
  similarity: number;
  state: LinkState;
  scan_version: string;
  decided_by: number | null;
  decided_at: Date | null;
  version: number;
}

/** A link seen from one of its two recommendations, with the other one's catalogue fields. */
export interface RelatedRow {
  link_id: number;
  kind: RelatedKind;
  similarity: number;
  state: LinkState;
  version: number;
  decided_at: Date | null;
  id: number;
  mechanism_id: number;
  countries: string[];
  document_symbol: string | null;
  paragraph: string | null;
  cycle: number | null;
  year: number | null;
  recommending_states: string[];
  original_language: string;
  texts: TranslatedText;
}

function linkRow(row: Record<string, unknown>): LinkRow {
  return { ...row, id: Number(row.id), low_id: Number(row.low_id), high_id: Number(row.high_id), decided_by: row.decided_by == null ? null : Number(row.decided_by) } as LinkRow;
}

/** The links of one recommendation in `states`, best first. */
export async function relatedOf(db: Queryable, recommendationId: number, states: readonly LinkState[]): Promise<RelatedRow[]> {
  const { rows } = await db.query(
    `select l.id as link_id, l.kind, l.similarity, l.state, l.version, l.decided_at,
       r.id, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.cycle, r.year, r.recommending_states,
       r.original_language, r.texts
     from recommendation_link l
     join recommendation r on r.id = case when l.low_id = $1 then l.high_id else l.low_id end
     where (l.low_id = $1 or l.high_id = $1) and l.state = any($2::text[])
     order by l.similarity desc, r.id`,
    [recommendationId, states],
  );
  return rows.map((row) => ({ ...row, link_id: Number(row.link_id), id: Number(row.id) }));
}

/** The link between two recommendations (either order), locked until the transaction ends when `forUpdate`. */
export async function findLink(db: Queryable, a: number, b: number, forUpdate = false): Promise<LinkRow | null> {
  const { rows } = await db.query(
    `select * from recommendation_link where low_id = least($1::bigint, $2::bigint) and high_id = greatest($1::bigint, $2::bigint)
     ${forUpdate ? 'for update' : ''}`, [a, b]);
  return rows[0] ? linkRow(rows[0]) : null;
}

/** A person's decision: `confirmed` or `rejected`, if the link is still at `version`; null when it moved. */
export async function decideLink(tx: Queryable, id: number, version: number, state: 'confirmed' | 'rejected', userId: number): Promise<LinkRow | null> {
  const { rows } = await tx.query(
    `update recommendation_link set state = $3, decided_by = $4, decided_at = now(), version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning *`, [id, version, state, userId]);
  return rows[0] ? linkRow(rows[0]) : null;
}

/** A pair the scan measured. */
export interface ScannedPair {
  low: number;
  high: number;
  kind: RelatedKind;
  similarity: number;
  state: 'linked' | 'candidate';
}

/**
 * Writes what a scan found. Pairs found are inserted or updated (a person's
 * decision stays; the similarity, kind and scan version move). The scan's own
 * links (`linked`, `candidate`) that it did not find again are deleted when it
 * looked at them: both records share a State it scanned (`countries`; 'all' for
 * a whole scan), or one of them changed since the last scan (`changed`: a
 * record that moved to another State loses its old links). Decided links are
 * never deleted by a scan.
 */
export async function replaceScannedLinks(
  tx: Queryable, countries: string[] | 'all', changed: number[], pairs: ScannedPair[], scanVersion: string,
): Promise<void> {
  await tx.query('create temporary table found_pair (low bigint, high bigint, kind text, similarity real, state text, primary key (low, high)) on commit drop');
  const chunk = 5000;
  for (let i = 0; i < pairs.length; i += chunk) {
    const part = pairs.slice(i, i + chunk);
    await tx.query(
      'insert into found_pair select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::real[], $5::text[]) on conflict do nothing',
      [part.map((p) => p.low), part.map((p) => p.high), part.map((p) => p.kind), part.map((p) => p.similarity), part.map((p) => p.state)],
    );
  }
  await tx.query(
    `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version)
     select f.low, f.high, f.kind, f.similarity, f.state, $1 from found_pair f
     where exists (select 1 from recommendation r where r.id = f.low) and exists (select 1 from recommendation r where r.id = f.high)
     on conflict (low_id, high_id) do update set
       kind = excluded.kind, similarity = excluded.similarity, scan_version = excluded.scan_version,
       state = case when recommendation_link.state in ('confirmed', 'rejected') then recommendation_link.state else excluded.state end,
       version = recommendation_link.version + case when recommendation_link.state in ('confirmed', 'rejected')
         or (recommendation_link.state = excluded.state and recommendation_link.kind = excluded.kind) then 0 else 1 end,
       updated_at = now()
     where (recommendation_link.kind, recommendation_link.similarity, recommendation_link.state, recommendation_link.scan_version)
       is distinct from (excluded.kind, excluded.similarity,
         case when recommendation_link.state in ('confirmed', 'rejected') then recommendation_link.state else excluded.state end, excluded.scan_version)`,
    [scanVersion],
  );
  const looked = countries === 'all'
    ? 'true'
    : `exists (select 1 from recommendation a, recommendation b where a.id = l.low_id and b.id = l.high_id
         and exists (select 1 from unnest(a.countries) c where c = any(b.countries) and c = any($1::text[])))
       or l.low_id = any($2::bigint[]) or l.high_id = any($2::bigint[])`;
  await tx.query(
    `delete from recommendation_link l where l.state in ('linked', 'candidate') and (${looked})
       and not exists (select 1 from found_pair f where f.low = l.low_id and f.high = l.high_id)`,
    countries === 'all' ? [] : [countries, changed],
  );
}

export interface ScanState { catalogue_version: number; scan_version: string | null }

export async function scanState(db: Queryable, forUpdate = false): Promise<ScanState> {
  await db.query('insert into related_scan_state (id) values (1) on conflict do nothing');
  const { rows } = await db.query(`select catalogue_version, scan_version from related_scan_state where id = 1 ${forUpdate ? 'for update' : ''}`);
  return { catalogue_version: Number(rows[0].catalogue_version), scan_version: rows[0].scan_version };
}

export async function saveScanState(tx: Queryable, s: { catalogueVersion: number; scanVersion: string; scanned: number; links: number; millis: number }) {
  await tx.query(
    `update related_scan_state set catalogue_version = $1, scan_version = $2, scanned = $3, links = $4, millis = $5, last_run_at = now() where id = 1`,
    [s.catalogueVersion, s.scanVersion, s.scanned, s.links, s.millis]);
}

/** The catalogue's version now, and whether its change log still reaches back to `since`. */
export async function catalogueVersion(db: Queryable): Promise<{ version: number; logFrom: number }> {
  const { rows } = await db.query('select version, log_from from catalogue_state');
  return { version: Number(rows[0].version), logFrom: Number(rows[0].log_from) };
}

/** Ids changed in the catalogue after version `since` up to `upTo` (a -1 marks a truncate: everything changed). */
export async function changedSince(db: Queryable, since: number, upTo: number): Promise<number[]> {
  const { rows } = await db.query(
    'select distinct recommendation_id as id from catalogue_change where version > $1 and version <= $2', [since, upTo]);
  return rows.map((row) => Number(row.id));
}

/** What the scan reads of a recommendation. */
export interface ScanRow {
  id: number;
  mechanism_id: number;
  countries: string[];
  document_symbol: string | null;
  document_date: string | null;
  session: number | null;
  cycle: number | null;
  year: number | null;
  recommending_states: string[];
  original_language: string;
  texts: TranslatedText;
}

const SCAN_COLUMNS = `id, mechanism_id, countries, document_symbol, document_date::text as document_date, session, cycle, year,
  recommending_states, original_language, texts`;

function scanRow(row: Record<string, unknown>): ScanRow {
  return { ...row, id: Number(row.id) } as ScanRow;
}

/** Every recommendation, in id order, in pages of `pageSize` (keyset), for a whole scan. */
export async function* allForScan(db: Queryable, pageSize = 20_000): AsyncGenerator<ScanRow[]> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query(`select ${SCAN_COLUMNS} from recommendation where id > $1 order by id limit $2`, [after, pageSize]);
    if (!rows.length) return;
    yield rows.map(scanRow);
    after = Number(rows[rows.length - 1].id);
  }
}

/** The recommendations about any of `countries` (the block an incremental scan compares within). */
export async function forScanByCountries(db: Queryable, countries: string[]): Promise<ScanRow[]> {
  const { rows } = await db.query(`select ${SCAN_COLUMNS} from recommendation where countries && $1::text[] order by id`, [countries]);
  return rows.map(scanRow);
}

export async function countriesOf(db: Queryable, ids: number[]): Promise<string[]> {
  const { rows } = await db.query('select distinct unnest(countries) as c from recommendation where id = any($1::bigint[])', [ids]);
  return rows.map((row) => row.c as string);
}
