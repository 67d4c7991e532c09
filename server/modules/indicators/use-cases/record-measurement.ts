/**
 * Record a measurement of an indicator (for the whole population or one group
 * of its disaggregation), or remove one. A second value for the same date and
 * group is a correction: it replaces the first, and the audit row keeps both.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { measurementInputSchema } from '../../../../shared/indicators';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound } from '../../../platform/http/errors';
import * as repository from '../indicators.repository';

async function lockIndicator(tx: pg.PoolClient, actor: Actor, id: number) {
  requireSignedIn(actor);
  const indicator = await repository.findIndicator(tx, id, true);
  if (!indicator) throw notFound();
  authorize(actor, 'indicator:manage', { institutionId: indicator.institution_id });
  return indicator;
}

export async function recordMeasurement(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof measurementInputSchema>) {
  return inTransaction(pool, async (tx) => {
    const indicator = await lockIndicator(tx, actor, id);
    const unknown = Object.keys(input.breakdown).filter((dimension) => !indicator.disaggregation.includes(dimension));
    if (unknown.length) {
      throw badRequest('measurement_breakdown_invalid', { dimensions: unknown.join(', '), allowed: indicator.disaggregation.join(', ') || '—' });
    }
    const { before, after } = await repository.upsertMeasurement(tx, id, { ...input, note: input.note ?? null }, actor.userId);
    await writeAudit(tx, { actor, action: before ? 'correct_measurement' : 'add_measurement', entity: 'indicator', entityId: id, before, after });
    return Number(after.id);
  });
}

export async function removeMeasurement(pool: pg.Pool, actor: Actor, id: number, measurementId: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await lockIndicator(tx, actor, id);
    const removed = await repository.deleteMeasurement(tx, id, measurementId);
    if (!removed) throw notFound();
    await writeAudit(tx, { actor, action: 'remove_measurement', entity: 'indicator', entityId: id, before: removed });
  });
}
