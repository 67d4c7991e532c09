/**
 * Suggested clusters for unclustered recommendations, from what the catalogue already knows; no
 * model of its own (docs/decisions/0019-report-clusters.md):
 *
 * - **Themes.** A recommendation's themes weigh 1 when confirmed, and their confidence when only
 *   the label model suggests them (its pending `theme` suggestions). A cluster's profile is, per
 *   theme, the weighted share of its members that carry it. The theme score is the
 *   recommendation's weights averaged over that profile (divided by their sum, or by 1 when they
 *   sum to less, so that a theme only suggested at 0.6 counts at most 0.6): 1 when every confirmed
 *   theme it has is carried by every member, 0 when none is.
 * - **Links.** The related-recommendations scan already measured how close it is to other
 *   recommendations: a duplicate, recurrence or similar link (not rejected) to a member gives the
 *   link's similarity.
 *
 * A cluster's score is the larger of the two; those from `MIN_CLUSTER_SCORE` up are suggested,
 * best first, with why (the shared themes, the linked member).
 */
import type pg from 'pg';
import { CLUSTER_SUGGESTIONS } from '../../../shared/clusters';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Below this a cluster is not suggested: a fifth of its members' themes, or a weak link. */
export const MIN_CLUSTER_SCORE = 0.2;

export interface RawClusterSuggestion {
  clusterId: number;
  score: number;
  /** Theme term ids the recommendation shares with the cluster, heaviest first. */
  themes: number[];
  linked: { id: number; similarity: number } | null;
}

/** For each recommendation given, the clusters suggested for it, best first (its current cluster is not excluded: ask for unclustered ones). */
export async function suggestClusters(db: Queryable, ids: number[]): Promise<Map<number, RawClusterSuggestion[]>> {
  const result = new Map<number, RawClusterSuggestion[]>();
  if (!ids.length) return result;
  const { rows } = await db.query(
    `with member as (select recommendation_id as rid, cluster_id from report_cluster_member),
     size as (select cluster_id, count(*)::float8 as n from member group by cluster_id),
     scope as (select unnest($1::bigint[]) as rid union select rid from member),
     weights as (
       select rid, term, max(w) as w from (
         select r.id as rid, t.term, 1.0::float8 as w from scope s join recommendation r on r.id = s.rid cross join lateral unnest(r.theme_ids) as t(term)
         union all
         select l.recommendation_id, v.id, l.confidence::float8 from scope s
           join label_suggestion l on l.recommendation_id = s.rid and l.field = 'theme'
           join vocabulary_term v on v.vocabulary = 'theme' and v.key = l.key
       ) x group by rid, term),
     profile as (
       select m.cluster_id, w.term, sum(w.w) / max(s.n) as p from member m join weights w on w.rid = m.rid join size s on s.cluster_id = m.cluster_id
       group by m.cluster_id, w.term),
     target as (select w.rid, w.term, w.w, sum(w.w) over (partition by w.rid) as total from weights w where w.rid = any($1::bigint[])),
     theme_score as (
       select t.rid, p.cluster_id, sum(t.w * p.p) / greatest(max(t.total), 1) as score, (array_agg(t.term order by t.w * p.p desc, t.term))[1:3] as terms
       from target t join profile p on p.term = t.term group by t.rid, p.cluster_id),
     link_score as (
       select distinct on (x.id, m.cluster_id) x.id as rid, m.cluster_id, l.similarity::float8 as similarity, m.rid as member
       from unnest($1::bigint[]) as x(id)
       join recommendation_link l on (l.low_id = x.id or l.high_id = x.id) and l.state <> 'rejected'
       join member m on m.rid = case when l.low_id = x.id then l.high_id else l.low_id end
       order by x.id, m.cluster_id, l.similarity desc, m.rid)
     select coalesce(t.rid, k.rid) as rid, coalesce(t.cluster_id, k.cluster_id) as cluster_id,
       greatest(coalesce(t.score, 0), coalesce(k.similarity, 0)) as score, coalesce(t.terms, '{}') as terms, k.member, k.similarity
     from theme_score t full join link_score k on k.rid = t.rid and k.cluster_id = t.cluster_id`,
    [ids]);
  for (const row of rows) {
    const score = Number(row.score);
    if (score < MIN_CLUSTER_SCORE) continue;
    const rid = Number(row.rid);
    const list = result.get(rid) ?? [];
    list.push({
      clusterId: Number(row.cluster_id),
      score: Math.round(score * 1000) / 1000,
      themes: (row.terms as number[]).map(Number),
      linked: row.member === null ? null : { id: Number(row.member), similarity: Math.round(Number(row.similarity) * 1000) / 1000 },
    });
    result.set(rid, list);
  }
  for (const [rid, list] of result) {
    result.set(rid, list.sort((a, b) => b.score - a.score || a.clusterId - b.clusterId).slice(0, CLUSTER_SUGGESTIONS));
  }
  return result;
}
