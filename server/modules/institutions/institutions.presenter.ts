/** Institutions as the API shows them. */
import type { Institution } from '../../../shared/institutions';
import { pickText, type Locale } from '../../platform/http/locale';
import type { InstitutionRow, MemberRow } from './institutions.repository';

export function presentInstitution(row: InstitutionRow, locale: Locale): Institution {
  return {
    id: row.id,
    name: pickText(row.name, locale),
    names: row.name,
    acronym: row.acronym,
    branch: row.branch as Institution['branch'],
    type: row.type,
    parent_id: row.parent_id,
    active: row.active,
    merged_into_id: row.merged_into_id,
    version: row.version,
  };
}

export function presentMember(row: MemberRow) {
  return { id: row.id, user_id: row.user_id, display_name: row.display_name, email: row.email, role: row.role as 'focal_point' };
}
