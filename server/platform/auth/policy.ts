/**
 * can(actor, action, record): deny by default, decided per record from the
 * permissions table in shared/permissions.ts.
 */
import { ACTIONS, scopeOf, type Action, type Role } from '../../../shared/permissions';
import type { Capability } from '../../../shared/users';
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
  for (const held of actor.networkRoles ?? []) if (!roles.includes(held.role)) roles.push(held.role);
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

/** Whether any of the person's roles holds the action, on some record at least. */
export function mayEver(actor: Actor | null, action: Action): boolean {
  return rolesOf(actor).some((role) => scopeOf(action, role) !== undefined);
}

/**
 * The request pipeline's check of a route's declared permission, before its
 * handler: 401 for a visitor when visitors may not, 403 for a person none of
 * whose roles holds it. The handler then decides per record (can, authorize).
 * For records some people may not know exist (`hidesRecords`), only the 401:
 * the handler answers 404 or 403 once it knows whether the person may see it.
 */
export function authorizeRoute(actor: Actor | null, action: Action, options: { hidesRecords?: boolean } = {}): void {
  if (mayEver(actor, action)) return;
  if (!actor) throw new HttpError(401, 'unauthorized', 'login_required');
  if (!options.hidesRecords) throw new HttpError(403, 'forbidden', 'forbidden');
}

/** 401 for a visitor: for writes on existing records, checked before looking the record up (whose existence is not theirs to learn). */
export function requireSignedIn(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new HttpError(401, 'unauthorized', 'login_required');
}

/**
 * What the person may do, as GET /api/v1/auth/me tells the web app: for each
 * permission their roles hold, the widest scope (`any` makes the others
 * redundant), with the institutions or organisations where it holds. The
 * same reading of the table as can() above.
 */
export function capabilitiesOf(actor: Actor): Capability[] {
  const roles = rolesOf(actor);
  const capabilities: Capability[] = [];
  for (const permission of ACTIONS) {
    const scopes = new Set(roles.map((role) => scopeOf(permission, role)));
    if (scopes.has('any')) {
      capabilities.push({ permission, scope: 'any' });
      continue;
    }
    if (scopes.has('own_institution')) {
      const institutionIds = actor.memberships
        .flatMap((m) => (m.institutionId !== null && scopeOf(permission, m.role) === 'own_institution' ? [m.institutionId] : []));
      capabilities.push({ permission, scope: 'own_institution', institution_ids: [...new Set(institutionIds)].sort((a, b) => a - b) });
    }
    if (scopes.has('own_organisation')) {
      const organisationIds = (actor.organisations ?? []).map((o) => o.organisationId);
      capabilities.push({ permission, scope: 'own_organisation', organisation_ids: [...new Set(organisationIds)].sort((a, b) => a - b) });
    }
    if (scopes.has('self')) capabilities.push({ permission, scope: 'self' });
  }
  return capabilities;
}
