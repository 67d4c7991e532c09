/** How the Network's coded values read in the reader's language. */
import type { NetworkState } from '../../api/network';
import type { TFunction } from '../../i18n';

/** The kinds of NMIRF (shared/network/api.ts NMIRF_TYPES; the app takes the contract's types only, not zod). */
export const NMIRF_TYPES = ['ministerial', 'inter_ministerial', 'parliamentary', 'institutionally_separate'] as const satisfies readonly NonNullable<NetworkState['nmirf_type']>[];

export { NAME_LANGUAGES } from '../../../shared/network/names';

export const GROUPS: Record<string, string> = {
  'African Group': 'african',
  'Asia and the Pacific Group': 'asia_pacific',
  'Eastern European Group': 'eastern_european',
  'Latin American and Caribbean Group': 'grulac',
  'Western European and Others Group': 'weog',
};

/** A UN regional group's name (the reference data's English name when it is not one of the five). */
export function groupLabel(t: TFunction, group: string | null): string {
  if (!group) return t('network.groups.none');
  const key = GROUPS[group];
  return key ? t(`network.groups.${key}`) : group;
}

/** A State's name for a code, from the registry when it is there. */
export function stateName(names: Map<string, string>, iso3: string): string {
  return names.get(iso3) ?? iso3;
}
