/**
 * Groups of duplicates for the search (`group=duplicates`): recommendations connected by `duplicate` links
 * (the same ask made by several States in one review, or repeated in one document; decision 0012) that a
 * visitor sees (`linked` and `confirmed`), kept in memory per version of the links
 * (public_content_state.link_version, bumped at commit by every change of recommendation_link).
 *
 * Staff see the same groups as visitors: a candidate or rejected link never groups, so that the search
 * shows one thing to everyone and a person reviews candidates on the recommendation's page.
 *
 * A group is a connected component of those links over the whole catalogue; a search shows each group
 * that has a match once, as its first match in the search's order.
 */
import type pg from 'pg';
import { PUBLIC_LINK_STATES } from '../../../shared/related';
import type { Evaluation, FacetIndex } from './recommendations.facet-index';

type Queryable = Pick<pg.Pool, 'query'>;

export interface DuplicateGroups {
  /** The version of the links they were read at. */
  version: string;
  /** Group number of every recommendation in a group of two or more. */
  groupOf: Map<number, number>;
  /** Members of each group, by id ascending. */
  members: number[][];
}

const loaded = new WeakMap<Queryable, DuplicateGroups>();

/** Components of the links (union-find over the ids). */
export function groupsOf(version: string, pairs: [number, number][]): DuplicateGroups {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let x = id; x !== root;) { const next = parent.get(x)!; parent.set(x, root); x = next; }
    return root;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const byRoot = new Map<number, number[]>();
  for (const id of [...parent.keys()].sort((x, y) => x - y)) {
    const root = find(id);
    const list = byRoot.get(root);
    if (list) list.push(id); else byRoot.set(root, [id]);
  }
  const members = [...byRoot.values()];
  const groupOf = new Map<number, number>();
  members.forEach((ids, g) => { for (const id of ids) groupOf.set(id, g); });
  return { version, groupOf, members };
}

/** The groups at the links' current version: read again only when it moved. */
export async function duplicateGroups(pool: Queryable): Promise<DuplicateGroups> {
  const kept = loaded.get(pool);
  const { rows: [state] } = await pool.query<{ version: string }>('select link_version::text as version from public_content_state');
  if (kept && kept.version === state.version) return kept;
  // The version and the links in one statement: one snapshot.
  const { rows } = await pool.query<{ version: string; pairs: string | null }>(
    `select p.link_version::text as version,
       (select string_agg(l.low_id || ',' || l.high_id, ';') from recommendation_link l
        where l.kind = 'duplicate' and l.state = any($1::text[])) as pairs
     from public_content_state p`, [PUBLIC_LINK_STATES]);
  const pairs = rows[0].pairs ? rows[0].pairs.split(';').map((pair) => pair.split(',').map(Number) as [number, number]) : [];
  const groups = groupsOf(rows[0].version, pairs);
  const latest = loaded.get(pool);
  if (!latest || BigInt(latest.version) <= BigInt(groups.version)) loaded.set(pool, groups);
  return groups;
}

/** How many of each group's members are among the matches, and the number of groups and lone matches (the grouped total). */
export function matchingByGroup(groups: DuplicateGroups, index: FacetIndex, evaluation: Evaluation): { matching: Int32Array; total: number } {
  const matching = new Int32Array(groups.members.length);
  let total = evaluation.total;
  groups.members.forEach((ids, g) => {
    let n = 0;
    for (const id of ids) {
      const row = index.row(id);
      if (row >= 0 && evaluation.matched[row]) n++;
    }
    matching[g] = n;
    if (n > 1) total -= n - 1;
  });
  return { matching, total };
}

/**
 * The representatives `offset`..`offset + limit - 1`: walks the matches in the search's order (`next` gives the
 * following ones, an empty list at the end) and keeps each group's first.
 */
export async function representatives(groups: DuplicateGroups, offset: number, limit: number,
  next: () => Promise<number[]>): Promise<number[]> {
  const seen = new Set<number>();
  const kept: number[] = [];
  for (;;) {
    const ids = await next();
    if (ids.length === 0) break;
    for (const id of ids) {
      const g = groups.groupOf.get(id);
      if (g !== undefined) {
        if (seen.has(g)) continue;
        seen.add(g);
      }
      kept.push(id);
      if (kept.length >= offset + limit) return kept.slice(offset);
    }
  }
  return kept.slice(offset);
}
