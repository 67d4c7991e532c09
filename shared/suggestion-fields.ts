/** The fields label suggestions cover (no zod here: the web app imports it as a value). */
export const SUGGESTION_FIELDS = ['theme', 'affected', 'sdg_goal', 'sdg_target', 'upr_info_issue', 'institution'] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];
