/** The roles people hold on the hub of the Network (table network_role); the last three carry a State. */
export const NETWORK_ROLES = [
  'hub_secretariat', 'committee_member', 'coordinator', 'partner', 'state_focal_point', 'state_deputy', 'observer_representative',
] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];
/** Roles held for one State. */
export const STATE_ROLES = ['state_focal_point', 'state_deputy', 'observer_representative'] as const satisfies readonly NetworkRole[];
export const isStateRole = (role: NetworkRole): boolean => (STATE_ROLES as readonly string[]).includes(role);
