/**
 * What the signed-in person may do, as the server says in GET /api/v1/auth/me
 * (`capabilities`, worked out from shared/permissions.ts and their roles). The
 * one place the web app asks: no page reads role names. What depends on a
 * record the record itself says (`available_transitions` of an action report,
 * `permissions` of an indicator or of reports due).
 */
import type { Action } from '../../shared/permissions';
import type { SessionUser } from '../../shared/users';

/** Whose record it is, for permissions held in some institutions or organisations only. */
export interface RecordScope {
  institutionId?: number | null;
  organisationId?: number | null;
  userId?: number | null;
}

/**
 * Whether the person may do it: everywhere, or on this record (its institution,
 * organisation or account). The same reading as the server's can().
 */
export function can(me: SessionUser | null | undefined, permission: Action, record: RecordScope = {}): boolean {
  for (const capability of me?.capabilities ?? []) {
    if (capability.permission !== permission) continue;
    if (capability.scope === 'any') return true;
    if (capability.scope === 'own_institution' && record.institutionId != null && capability.institution_ids?.includes(record.institutionId)) return true;
    if (capability.scope === 'own_organisation' && record.organisationId != null && capability.organisation_ids?.includes(record.organisationId)) return true;
    if (capability.scope === 'self' && record.userId != null && record.userId === me?.user.id) return true;
  }
  return false;
}

/** The institutions where the person holds the permission (every one of them when it holds everywhere is not listed: ask can()). */
export function institutionsWhere(me: SessionUser | null | undefined, permission: Action): number[] {
  const ids = (me?.capabilities ?? [])
    .filter((c) => c.permission === permission && c.scope === 'own_institution')
    .flatMap((c) => c.institution_ids ?? []);
  return [...new Set(ids)];
}
