/**
 * How every write on an existing action report starts: signed in, the report
 * locked for the rest of the transaction (unless `lock` is false, for a check
 * made before the transaction), hidden (404) from whoever may not
 * see it, and refused (403) to whoever lacks the permission for its institution.
 */
import type pg from 'pg';
import type { Action } from '../../../../shared/permissions';
import { canEdit, canView, type ActorContext } from '../../../../shared/workflows/action-review';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../../platform/auth/policy';
import { HttpError, notFound } from '../../../platform/http/errors';
import { findAction, type ActionRow } from '../actions.repository';

export const chainContext = (actor: Actor | null): ActorContext => ({ roles: actor?.memberships ?? [] });

export async function lockActionFor(
  db: Pick<pg.PoolClient, 'query'>, actor: Actor | null, id: number, permission: Action, lock = true,
): Promise<{ actor: Actor; action: ActionRow }> {
  requireSignedIn(actor);
  const action = await findAction(db, id, lock);
  if (!action || !canView(chainContext(actor), { state: action.state, institutionId: action.institution_id })) throw notFound();
  authorize(actor, permission, { institutionId: action.institution_id });
  return { actor, action };
}


/** Content and evidence change only while the report is with its authors (409 otherwise, with where it is). */
export function requireEditable(actor: Actor, action: ActionRow): void {
  if (!canEdit(chainContext(actor), { state: action.state, institutionId: action.institution_id })) {
    throw new HttpError(409, 'conflict', 'action_not_editable', {}, { current_version: action.version, state: action.state });
  }
}
