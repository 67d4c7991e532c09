/**
 * can(actor, action, record): deny by default, decided per record from the
 * permissions table in shared/permissions.ts.
 */
import { scopeOf, type Action, type Role } from '../../../shared/permissions';
import { HttpError } from '../http/errors';
import type { Actor } from './actor';

/** What a policy needs to know about a record: whose institution or organisation it is, or whose account. */
export interface RecordScope {
  institutionId?: number | null;
  organisationId?: number | null;
  userId?: number | null;
}

export function rolesOf(actor: Actor | null): Role[] {
  if (!actor) return ['anonymous'];
  const roles: Role[] = ['authenticated', ...new Set(actor.memberships.map((m) => m.role))];
  if (actor.organisations?.length) roles.push('organisation_member');
  return roles;
}

export function can(actor: Actor | null, action: Action, record: RecordScope = {}): boolean {
  for (const role of rolesOf(actor)) {
    const scope = scopeOf(action, role);
    if (scope === 'any') return true;
    if (scope === 'self' && actor && record.userId != null && record.userId === actor.userId) return true;
    if (scope === 'own_institution' && actor && record.institutionId != null
      && actor.memberships.some((m) => m.role === role && m.institutionId === record.institutionId)) return true;
    if (scope === 'own_organisation' && actor && record.organisationId != null
      && actor.organisations?.some((o) => o.organisationId === record.organisationId)) return true;
  }
  return false;
}

/**
 * Refuses with the status the caller should see: 401 without login, 403 when
 * the action is not theirs, 404 when they may not even know the record exists.
 */
export function authorize(actor: Actor | null, action: Action, record: RecordScope = {}, options: { hideExistence?: boolean } = {}): void {
  if (can(actor, action, record)) return;
  if (!actor && scopeOf(action, 'anonymous') === undefined) throw new HttpError(401, 'unauthorized', 'login_required');
  if (options.hideExistence) throw new HttpError(404, 'not_found', 'not_found');
  throw new HttpError(403, 'forbidden', 'forbidden');
}

/** 401 for a visitor: for writes on existing records, checked before looking the record up (whose existence is not theirs to learn). */
export function requireSignedIn(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new HttpError(401, 'unauthorized', 'login_required');
}
