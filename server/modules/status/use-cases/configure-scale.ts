/**
 * An administrator configures an assessor's scale: labels, order, new steps,
 * retired steps. A step that assessments already use cannot be removed (the
 * history would lose its meaning); it can be retired (active = false). A step
 * sent without `active` keeps its own (a new one starts active).
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { AssessorKind, scaleInputSchema } from '../../../../shared/status';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest } from '../../../platform/http/errors';
import * as repository from '../status.repository';

export async function configureScale(pool: pg.Pool, actor: Actor, assessorKind: AssessorKind, input: z.infer<typeof scaleInputSchema>) {
  authorize(actor, 'status_scale:manage');
  await inTransaction(pool, async (tx) => {
    // Serialises configuration of one scale against assessments being written with it.
    await tx.query('lock table status_scale_step in share row exclusive mode');
    const before = await repository.scaleSteps(tx, assessorKind);
    const stored = new Map(before.map((step) => [step.key, step.active]));
    const steps = input.steps.map((s) => ({ key: s.key, label: s.label as Record<string, string>, active: s.active ?? stored.get(s.key) ?? true }));
    if (!steps.some((step) => step.active)) throw badRequest('scale_needs_active_step');
    const kept = new Set(input.steps.map((step) => step.key));
    const removedButUsed = (await repository.usedKeys(tx, assessorKind)).filter((key) => !kept.has(key));
    if (removedButUsed.length) throw badRequest('scale_step_in_use', { keys: removedButUsed.join(', ') });
    await repository.replaceScale(tx, assessorKind, steps);
    await writeAudit(tx, { actor, action: 'configure', entity: 'status_scale', entityId: assessorKind, before, after: steps });
  });
}
