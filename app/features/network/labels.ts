/** How the Network's coded values read in the reader's language. */
import type { Cooperation, Resource } from '../../api/knowledge';
import type { NetworkState } from '../../api/network';
import type { TFunction } from '../../i18n';

/** The kinds of NMIRF (shared/network/api.ts NMIRF_TYPES; the app takes the contract's types only, not zod). */
export const NMIRF_TYPES = ['ministerial', 'inter_ministerial', 'parliamentary', 'institutionally_separate'] as const satisfies readonly NonNullable<NetworkState['nmirf_type']>[];

export { NAME_LANGUAGES } from '../../../shared/network/names';

/** The kinds of contribution to the knowledge hub, and the help a request or offer of cooperation is about (shared/network/knowledge.ts). */
export const RESOURCE_KINDS = ['practice', 'lesson', 'event_report', 'document', 'tool'] as const satisfies readonly Resource['kind'][];
export const COOPERATION_KINDS = ['request', 'offer'] as const satisfies readonly Cooperation['kind'][];
export const COOPERATION_HELP = ['software', 'training', 'exchange_of_experience', 'other'] as const satisfies readonly Cooperation['help'][number][];
export const AGREEMENT_STATUSES = ['agreed', 'in_progress', 'completed', 'cancelled'] as const satisfies readonly Cooperation['agreements'][number]['status'][];
/** The Sustainable Development Goals a contribution may be tagged with. */
export const SDG_GOALS = Array.from({ length: 17 }, (_, index) => index + 1);

export const GROUPS: Record<string, string> = {
  'African Group': 'african',
  'Asia and the Pacific Group': 'asia_pacific',
  'Eastern European Group': 'eastern_european',
  'Latin American and Caribbean Group': 'grulac',
  'Western European and Others Group': 'weog',
};

/** The UN regional groups (the reference data's English names), in their order. */
export const UN_REGIONAL_GROUPS = Object.keys(GROUPS);

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
