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
