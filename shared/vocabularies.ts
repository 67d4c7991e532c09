/**
 * Closed lists of the follow-up workflow, without any dependency, so that the
 * browser can import them without loading the zod contracts that use them.
 */
export const ACTION_TYPES = [
  'legislative', 'regulatory', 'policy_plan', 'programme', 'budgetary', 'institutional', 'judicial', 'training', 'awareness', 'data',
] as const;
/** Structural: changes a law, policy, budget or institution. Individual: a measure for particular cases or people. */
export const ACTION_REACHES = ['structural', 'individual'] as const;
export const RESPONSIBILITIES = ['lead', 'co_responsible'] as const;

/** The roles a membership gives (the database holds the same list as a check). */
export const MEMBERSHIP_ROLES = ['focal_point', 'alternate_focal_point', 'validator', 'secretariat', 'administrator'] as const;
/** The roles held in one institution (the others, secretariat and administrator, act for all). */
export const INSTITUTION_ROLES = ['focal_point', 'alternate_focal_point', 'validator'] as const;
/** The roles held for the whole instance, not for an institution. */
export const STAFF_ROLES = ['secretariat', 'administrator'] as const;
export const isStaffRole = (role: string): boolean => (STAFF_ROLES as readonly string[]).includes(role);
/** The branches of the State an institution belongs to. */
export const BRANCHES = ['executive', 'legislative', 'judicial', 'autonomous', 'subnational'] as const;
/** The families of mechanisms recommendations come from (regional: the Inter-American, African and European bodies). */
export const MECHANISM_FAMILIES = ['upr', 'treaty_body', 'special_procedure', 'regional', 'national', 'other'] as const;
