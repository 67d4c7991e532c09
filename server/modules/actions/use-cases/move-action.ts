/**
 * One step of the validation chain (submit, validate, publish, or return with
 * comments), decided by shared/workflows/action-review.ts and recorded with
 * who, when and the comment, in the same transaction as its audit row and
 * the emails that tell the next people in the chain.
 */
import type pg from 'pg';
import { TRANSITION_PERMISSIONS } from '../../../../shared/actions';
import { checkTransition, COMMENT_MAX_LENGTH, type TransitionName } from '../../../../shared/workflows/action-review';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, staleVersion } from '../../../platform/http/errors';
import { notifyMailQueued } from '../../../platform/mail/mailer';
import * as repository from '../actions.repository';
import { chainContext, lockActionFor } from './access';
import { notifyChain } from './notify-chain';

export async function moveAction(
  pool: pg.Pool, actor: Actor | null, id: number, transition: TransitionName, input: { version: number; comment?: string | null }, publicUrl: string,
): Promise<void> {
  const queued = await inTransaction(pool, async (tx) => {
    const { actor: mover, action } = await lockActionFor(tx, actor, id, TRANSITION_PERMISSIONS[transition]);
    const check = checkTransition(chainContext(mover), { state: action.state, institutionId: action.institution_id }, transition, input.comment);
    if (!check.ok) {
      switch (check.reason) {
        case 'comment_required': throw badRequest('comment_required');
        case 'comment_too_long': throw badRequest('comment_too_long', { max: COMMENT_MAX_LENGTH });
        case 'not_allowed_from_state':
          throw new HttpError(409, 'conflict', 'transition_not_allowed_from_state', {}, { current_version: action.version, state: action.state });
        default: throw new HttpError(403, 'forbidden', 'forbidden');
      }
    }
    if (action.version !== input.version) throw staleVersion(action.version);
    const comment = input.comment?.trim() || null;
    if (!(await repository.moveAction(tx, action, transition, check.to, mover.userId, comment))) throw staleVersion(action.version);
    await writeAudit(tx, {
      actor: mover, action: transition, entity: 'action_report', entityId: id,
      before: { state: action.state, version: action.version }, after: { state: check.to, version: action.version + 1, comment },
    });
    return notifyChain(tx, action, transition, mover.userId, mover.displayName, comment, publicUrl);
  });
  if (queued) notifyMailQueued();
}
