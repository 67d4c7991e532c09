/** Institutions as a table: one row per institution as the JSON list presents it. */
import type { Institution } from '../../../shared/institutions';
import type { TableRow } from '../../platform/export/tables';

export const INSTITUTION_COLUMNS = ['id', 'name', 'acronym', 'branch', 'type', 'parent_id', 'active'] as const;

export function institutionRow(institution: Institution): TableRow {
  return {
    id: institution.id,
    name: institution.name,
    acronym: institution.acronym,
    branch: institution.branch,
    type: institution.type,
    parent_id: institution.parent_id,
    active: institution.active,
  };
}
