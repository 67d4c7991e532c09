/**
 * The signed-in person's roles, as the workspace and the public pages read
 * them. Apart from model.ts because the search page needs isSecretariat and
 * nothing else of the workspace.
 */
import type { SessionUser } from '../../api/auth';

export type Membership = { role: string; institutionId: number | null };

export function membershipsOf(me: SessionUser | null | undefined): Membership[] {
  return (me?.user.memberships ?? []).map((m) => ({
    role: m.role,
    institutionId: m.institution_id === null || m.institution_id === undefined ? null : Number(m.institution_id),
  }));
}

export const isSecretariat = (me: SessionUser | null | undefined) => membershipsOf(me).some((m) => m.role === 'secretariat');
export const isAdministrator = (me: SessionUser | null | undefined) => membershipsOf(me).some((m) => m.role === 'administrator');

/** Institutions where the person writes reports (focal point or alternate). */
export function authorInstitutions(me: SessionUser | null | undefined): number[] {
  return unique(membershipsOf(me)
    .filter((m) => (m.role === 'focal_point' || m.role === 'alternate_focal_point') && m.institutionId !== null)
    .map((m) => m.institutionId!));
}

/** Institutions whose reports the person validates. */
export function validatorInstitutions(me: SessionUser | null | undefined): number[] {
  return unique(membershipsOf(me).filter((m) => m.role === 'validator' && m.institutionId !== null).map((m) => m.institutionId!));
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}
