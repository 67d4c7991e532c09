/**
 * The secretariat confirms or rejects a link between two recommendations (one
 * the scan made, `linked` or `candidate`, or one decided before: a person may
 * change their mind). The decision is kept by later scans and audited; a
 * decision made on an older version of the link is a 409.
 */
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { notFound, staleVersion } from '../../../platform/http/errors';
import { recommendationExists } from '../../recommendations/recommendations.repository';
import * as repository from '../related.repository';

export async function decideLink(
  pool: pg.Pool, actor: Actor, recommendationId: number, otherId: number, decision: 'confirmed' | 'rejected', version: number,
): Promise<repository.LinkRow> {
  authorize(actor, 'related:decide');
  return inTransaction(pool, async (tx) => {
    if (!(await recommendationExists(tx, recommendationId))) throw notFound('recommendation_not_found');
    const before = await repository.findLink(tx, recommendationId, otherId, true);
    if (!before) throw notFound('related_link_not_found');
    if (before.version !== version) throw staleVersion(before.version);
    const after = await repository.decideLink(tx, before.id, version, decision, actor.userId);
    if (!after) throw staleVersion(before.version);
    await writeAudit(tx, {
      actor, action: decision === 'confirmed' ? 'confirm' : 'reject', entity: 'recommendation_link', entityId: after.id,
      before: { low_id: before.low_id, high_id: before.high_id, kind: before.kind, state: before.state, similarity: before.similarity, version: before.version },
      after: { low_id: after.low_id, high_id: after.high_id, kind: after.kind, state: after.state, similarity: after.similarity, version: after.version },
    });
    return after;
  });
}
