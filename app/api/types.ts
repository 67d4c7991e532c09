/** The shapes of the public recommendations API (`/api/v1/recommendations`). */

export interface KeyLabel {
  key: string;
  label: string;
}

export interface FacetValue extends KeyLabel {
  count: number;
}

export type Position = 'supported' | 'noted' | 'supported_in_part';

export interface RecommendationSummary {
  id: number;
  kind: string;
  mechanism: KeyLabel;
  countries: KeyLabel[];
  symbol: string | null;
  paragraph: string | null;
  date: string | null;
  year: number | null;
  cycle: number | null;
  session: number | null;
  position: Position | null;
  language: string;
  /** Escaped HTML whose only tags are <mark> and </mark>. */
  snippet?: string | null;
  text: string;
}

export const facetNames = ['mechanism', 'country', 'theme', 'affected', 'sdg', 'position', 'cycle', 'year'] as const;
export type FacetName = (typeof facetNames)[number];

export interface SearchResponse {
  total: number;
  page: number;
  page_size: number;
  items: RecommendationSummary[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

export type TextStatus = 'original' | 'official' | 'machine' | 'draft';

export interface RecommendationDetail {
  id: number;
  kind: string;
  mechanism: KeyLabel;
  countries: KeyLabel[];
  symbol: string | null;
  paragraph: string | null;
  date: string | null;
  year: number | null;
  cycle: number | null;
  session: number | null;
  position: Position | null;
  position_source: string | null;
  language: string;
  texts: Record<string, { text: string; status: TextStatus | string }>;
  recommending_states: KeyLabel[];
  themes: KeyLabel[];
  affected: KeyLabel[];
  sdg_goals: KeyLabel[];
  sdg_targets: KeyLabel[];
  upr_info_issues: KeyLabel[];
  upr_info_action: number | null;
  external_ids: { scheme: string; value: string }[];
}

export interface ApiErrorBody {
  error: string;
  message: string;
}
