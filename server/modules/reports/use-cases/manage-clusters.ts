/**
 * The secretariat keeps the instance's clusters for reports: creates one, renames it in each
 * language, puts it elsewhere in the order, deletes it (when empty, or sending its
 * recommendations to another cluster), and puts recommendations into clusters — a selection at
 * a time, or by accepting a suggested cluster. Changes to a cluster go against its version;
 * every change is one transaction with its audit row.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { clusterCreateSchema, clusterDeleteSchema, clusterUpdateSchema } from '../../../../shared/clusters';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { suggestClusters } from '../cluster-suggestions';
import * as repository from '../clusters.repository';

function namesOf(label: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(label).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

const clamp = (position: number | undefined, last: number) => Math.min(Math.max(position ?? last, 1), last);

async function lockCurrent(tx: pg.PoolClient, id: number, version: number): Promise<repository.ClusterRow> {
  const before = await repository.lockCluster(tx, id);
  if (!before) throw notFound('cluster_not_found');
  if (before.version !== version) throw staleVersion(before.version);
  return before;
}

export async function createCluster(pool: pg.Pool, actor: Actor, input: z.infer<typeof clusterCreateSchema>): Promise<number> {
  authorize(actor, 'cluster:manage');
  const name = namesOf(input.label);
  return inTransaction(pool, async (tx) => {
    await repository.lockOrder(tx);
    const position = clamp(input.position, (await repository.clusterCount(tx)) + 1);
    const id = await repository.insertCluster(tx, name, position, actor.userId);
    await writeAudit(tx, { actor, action: 'create', entity: 'report_cluster', entityId: id, after: { name, position } });
    return id;
  });
}

export async function updateCluster(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof clusterUpdateSchema>): Promise<void> {
  authorize(actor, 'cluster:manage');
  await inTransaction(pool, async (tx) => {
    await repository.lockOrder(tx);
    const before = await lockCurrent(tx, id, input.version);
    const name = input.label ? namesOf(input.label) : before.name;
    const position = clamp(input.position ?? before.position, await repository.clusterCount(tx));
    await repository.moveCluster(tx, id, before.position, position);
    await repository.updateCluster(tx, id, name);
    await writeAudit(tx, {
      actor, action: 'update', entity: 'report_cluster', entityId: id,
      before: { name: before.name, position: before.position }, after: { name, position },
    });
  });
}

/** Deletes a cluster: an empty one, or one whose recommendations go to `move_to` in the same step. */
export async function deleteCluster(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof clusterDeleteSchema>): Promise<void> {
  authorize(actor, 'cluster:manage');
  await inTransaction(pool, async (tx) => {
    await repository.lockOrder(tx);
    const before = await lockCurrent(tx, id, input.version);
    let moved = 0;
    if (input.move_to !== undefined) {
      if (input.move_to === id) throw badRequest('cluster_move_to_self');
      if (!(await repository.lockCluster(tx, input.move_to))) throw notFound('cluster_not_found');
      moved = await repository.moveAllMembers(tx, id, input.move_to, actor.userId);
      await repository.bumpVersion(tx, input.move_to);
    } else if (before.members > 0) {
      throw new HttpError(409, 'conflict', 'cluster_not_empty', { count: before.members }, { current_version: before.version });
    }
    await repository.deleteCluster(tx, id, before.position);
    await writeAudit(tx, {
      actor, action: 'delete', entity: 'report_cluster', entityId: id,
      before: { name: before.name, position: before.position, members: before.members }, after: { move_to: input.move_to ?? null, moved },
    });
  });
}

async function checkRecommendations(tx: pg.PoolClient, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = await repository.existingRecommendations(tx, unique);
  if (found.length !== unique.length) throw badRequest('cluster_unknown_recommendations', { count: unique.length - found.length });
  return found;
}

/** Puts recommendations into a cluster, wherever they were. */
export async function moveIntoCluster(pool: pg.Pool, actor: Actor, clusterId: number, ids: number[]): Promise<{ moved: number; unchanged: number }> {
  authorize(actor, 'cluster:manage');
  return inTransaction(pool, async (tx) => {
    const cluster = await repository.lockCluster(tx, clusterId);
    if (!cluster) throw notFound('cluster_not_found');
    const found = await checkRecommendations(tx, ids);
    const current = await repository.membershipOf(tx, found);
    const moving = found.filter((id) => current.get(id) !== clusterId);
    if (moving.length) {
      await repository.putInCluster(tx, moving, clusterId, actor.userId, 'manual');
      await writeAudit(tx, {
        actor, action: 'move_recommendations', entity: 'report_cluster', entityId: clusterId,
        before: { clusters: Object.fromEntries(moving.map((id) => [id, current.get(id) ?? null])) }, after: { recommendation_ids: moving },
      });
    }
    return { moved: moving.length, unchanged: found.length - moving.length };
  });
}

/** Takes recommendations out of their cluster. */
export async function releaseFromClusters(pool: pg.Pool, actor: Actor, ids: number[]): Promise<{ moved: number; unchanged: number }> {
  authorize(actor, 'cluster:manage');
  return inTransaction(pool, async (tx) => {
    const found = await checkRecommendations(tx, ids);
    const current = await repository.membershipOf(tx, found);
    const leaving = found.filter((id) => current.has(id));
    if (leaving.length) {
      await repository.release(tx, leaving);
      await writeAudit(tx, {
        actor, action: 'release_recommendations', entity: 'report_cluster', entityId: null,
        before: { clusters: Object.fromEntries(leaving.map((id) => [id, current.get(id)])) }, after: { recommendation_ids: leaving },
      });
    }
    return { moved: leaving.length, unchanged: found.length - leaving.length };
  });
}

/**
 * Accepts a suggested cluster for an unclustered recommendation: the suggestion is measured again
 * in the transaction, so what a person accepts is what is still suggested. A recommendation
 * someone clustered meanwhile is a 409.
 */
export async function acceptSuggestedCluster(pool: pg.Pool, actor: Actor, clusterId: number, recommendationId: number): Promise<void> {
  authorize(actor, 'cluster:manage');
  await inTransaction(pool, async (tx) => {
    const cluster = await repository.lockCluster(tx, clusterId);
    if (!cluster) throw notFound('cluster_not_found');
    await checkRecommendations(tx, [recommendationId]);
    if ((await repository.membershipOf(tx, [recommendationId])).has(recommendationId)) {
      throw new HttpError(409, 'conflict', 'cluster_already_clustered');
    }
    const suggestion = (await suggestClusters(tx, [recommendationId])).get(recommendationId)?.find((s) => s.clusterId === clusterId);
    if (!suggestion) throw badRequest('cluster_not_suggested');
    await repository.putInCluster(tx, [recommendationId], clusterId, actor.userId, 'suggestion', suggestion.score);
    await writeAudit(tx, {
      actor, action: 'accept_suggestion', entity: 'report_cluster', entityId: clusterId,
      after: { recommendation_id: recommendationId, score: suggestion.score, themes: suggestion.themes, linked: suggestion.linked },
    });
  });
}
