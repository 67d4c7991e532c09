/**
 * The secretariat opens a reporting round, changes it or closes it. One
 * transaction with its audit row; edits carry the version they started from.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { roundInputSchema, roundPatchSchema } from '../../../../shared/rounds';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../rounds.repository';

type Input = z.infer<typeof roundInputSchema>;
type Patch = z.infer<typeof roundPatchSchema>;

async function values(db: pg.PoolClient, input: Input, closed: boolean): Promise<repository.RoundValues> {
  if (input.due_on < input.opens_on) throw badRequest('round_dates_order');
  if (input.escalate_to_secretariat_after_days < input.escalate_to_validator_after_days) throw badRequest('round_escalation_order');
  const codes = [...new Set(input.scope.mechanisms)];
  const ids = await repository.mechanismIdsByCode(db, codes);
  const unknown = codes.filter((code) => !ids.has(code));
  if (unknown.length) throw badRequest('round_unknown_mechanisms', { codes: unknown.join(', ') });
  return {
    title: input.title as Record<string, string>,
    mechanism_ids: codes.map((code) => ids.get(code)!),
    recommendation_ids: [...new Set(input.scope.recommendation_ids)],
    institution_ids: [...new Set(input.scope.institution_ids)],
    opens_on: input.opens_on,
    due_on: input.due_on,
    reminder_days: [...new Set(input.reminder_days)].sort((a, b) => b - a),
    escalate_to_validator_after_days: input.escalate_to_validator_after_days,
    escalate_to_secretariat_after_days: input.escalate_to_secretariat_after_days,
    closed,
  };
}

export async function createRound(pool: pg.Pool, actor: Actor, input: Input) {
  authorize(actor, 'round:manage');
  return inTransaction(pool, async (tx) => {
    const created = await repository.insertRound(tx, await values(tx, input, false), actor.userId);
    await writeAudit(tx, { actor, action: 'create', entity: 'reporting_round', entityId: created.id, after: created });
    return created;
  });
}

export async function updateRound(pool: pg.Pool, actor: Actor, id: number, patch: Patch) {
  authorize(actor, 'round:manage');
  return inTransaction(pool, async (tx) => {
    const before = await repository.findRound(tx, id, true);
    if (!before) throw notFound();
    if (before.version !== patch.version) throw staleVersion(before.version);
    const codes = await repository.mechanismCodes(tx, before.mechanism_ids);
    const merged: Input = {
      title: patch.title ?? before.title,
      scope: patch.scope ?? {
        mechanisms: before.mechanism_ids.map((mid) => codes.get(mid)!), recommendation_ids: before.recommendation_ids, institution_ids: before.institution_ids,
      },
      opens_on: patch.opens_on ?? before.opens_on,
      due_on: patch.due_on ?? before.due_on,
      reminder_days: patch.reminder_days ?? before.reminder_days,
      escalate_to_validator_after_days: patch.escalate_to_validator_after_days ?? before.escalate_to_validator_after_days,
      escalate_to_secretariat_after_days: patch.escalate_to_secretariat_after_days ?? before.escalate_to_secretariat_after_days,
    };
    const after = await repository.updateRound(tx, id, patch.version, await values(tx, merged, patch.closed ?? before.closed));
    if (!after) throw staleVersion(before.version);
    await writeAudit(tx, { actor, action: 'update', entity: 'reporting_round', entityId: id, before, after });
    return after;
  });
}
