/** How the administration pages name roles and institutions. */
import type { TFunction } from '../../i18n';
import type { Institution } from '../../api/types';

export function institutionName(institutions: Institution[] | undefined, id: number | null): string {
  if (id === null) return '';
  const found = institutions?.find((i) => i.id === id);
  if (!found) return `#${id}`;
  return found.acronym ? `${found.name} (${found.acronym})` : found.name;
}

/** "Focal point, Ministry of Education (MEC)" or "Secretariat". */
export function roleText(t: TFunction, role: { role: string; institution_id: number | null }, institutions: Institution[] | undefined): string {
  const name = t(`auth.roles.${role.role}`, { defaultValue: role.role });
  return role.institution_id === null ? name : t('admin.roleAt', { role: name, institution: institutionName(institutions, role.institution_id) });
}

/** Active, retired, or merged into another institution. */
export function institutionState(t: TFunction, institution: Institution, institutions: Institution[] | undefined): string {
  if (institution.merged_into_id !== null) return t('admin.institutions.mergedInto', { institution: institutionName(institutions, institution.merged_into_id) });
  return institution.active ? t('admin.institutions.active') : t('admin.institutions.retired');
}
