/** The only way recommendation data leaves the server: shapes and labels for the public API. */
import type { Facet, RecommendationDetail, SearchResponse } from '../../../shared/recommendations';
import { pickText, type Locale } from '../../platform/http/locale';
import { type MessageKey, message } from '../../platform/http/messages';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { MARK_END, MARK_START, type SearchResult, type SearchRow } from './recommendations.search';

/** The State's positions the catalogue names (their labels: `position_<key>` in the server's catalogue). */
const POSITION_MESSAGES: Record<string, MessageKey> = {
  supported: 'position_supported', noted: 'position_noted', supported_in_part: 'position_supported_in_part',
};
const SNIPPET_CHARS = 300;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escaped text with the search matches wrapped in <mark>. */
function snippetHtml(row: SearchRow, text: string): string {
  if (row.headline) {
    return escapeHtml(row.headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
  }
  return escapeHtml(text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, '')} …` : text);
}

export function bestText(texts: Record<string, { text: string }>, locale: string, original: string): { language: string; text: string } {
  const language = texts[locale] ? locale : texts[original] ? original : Object.keys(texts)[0];
  return { language, text: texts[language]?.text ?? '' };
}

export class Labeller {
  constructor(private readonly maps: LabelMaps, private readonly locale: Locale) {}

  /** `short`: the mechanism's acronym in the reader's language (CIDH in Spanish, IACHR in English), or null. */
  mechanism(id: number) {
    const m = this.maps.mechanisms.get(id);
    return { key: m?.code ?? String(id), label: m ? pickText(m.name, this.locale) : String(id), short: pickText(m?.short, this.locale) || null };
  }
  country(iso3: string) {
    return { key: iso3, label: pickText(this.maps.countries.get(iso3), this.locale) || iso3 };
  }
  term(id: number) {
    const t = this.maps.terms.get(id);
    return { key: t?.key ?? String(id), label: t ? pickText(t.label, this.locale) : String(id) };
  }
  sdgGoal(goal: number) {
    const g = this.maps.sdgGoals.get(goal);
    return { key: String(goal), label: g ? `${goal} ${pickText(g.short, this.locale)}` : String(goal) };
  }
  sdgTarget(code: string) {
    return { key: code, label: `${code} ${pickText(this.maps.sdgTargets.get(code), this.locale)}`.trim() };
  }
  position(position: string) {
    const key = POSITION_MESSAGES[position];
    return { key: position, label: key ? message(key, this.locale) : position };
  }
  facet(facet: Facet, key: string) {
    switch (facet) {
      case 'mechanism': return this.mechanism(Number(key));
      case 'country': return this.country(key);
      case 'theme': case 'affected': return this.term(Number(key));
      case 'sdg': return this.sdgGoal(Number(key));
      case 'position': return this.position(key);
      case 'cycle': return { key, label: message('cycle_number', this.locale, { cycle: key }) };
      case 'year': return { key, label: key };
    }
  }
}

export function presentSearch(result: SearchResult, page: number, pageSize: number, labels: Labeller, locale: Locale): SearchResponse {
  return {
    total: result.total,
    page,
    page_size: pageSize,
    items: result.rows.map((row) => {
      const best = bestText(row.texts, locale, row.original_language);
      return {
        id: row.id,
        kind: row.kind as SearchResponse['items'][number]['kind'],
        mechanism: labels.mechanism(row.mechanism_id),
        countries: row.countries.map((c) => labels.country(c)),
        symbol: row.document_symbol,
        paragraph: row.paragraph,
        date: row.document_date,
        year: row.year,
        cycle: row.cycle,
        session: row.session,
        position: row.position as SearchResponse['items'][number]['position'],
        language: best.language,
        snippet: snippetHtml(row, best.text),
        text: best.text,
        ...(row.duplicates ? {
          duplicates: {
            size: row.duplicates.size,
            matching: row.duplicates.matching,
            others: row.duplicates.others.map((o) => ({
              id: o.id, symbol: o.document_symbol, paragraph: o.paragraph,
              recommending_states: o.recommending_states.map((c) => labels.country(c)), matches: o.matches,
            })),
          },
        } : {}),
      };
    }),
    ...(result.grouped ? { grouped: { by: 'duplicates' as const, recommendations: result.grouped.recommendations } } : {}),
    facets: Object.fromEntries(Object.entries(result.facets).map(([facet, values]) => [
      facet, values.map((v) => ({ ...labels.facet(facet as Facet, v.key), count: v.count })),
    ])) as SearchResponse['facets'],
  };
}

export interface DetailRow {
  id: number; kind: string; mechanism_id: number; countries: string[]; document_symbol: string | null;
  paragraph: string | null; document_date: string | null; year: number | null; cycle: number | null;
  session: number | null; position: string | null; position_source: string | null; original_language: string;
  texts: Record<string, { text: string; status: string }>; recommending_states: string[]; theme_ids: number[];
  affected_ids: number[]; sdg_goals: number[]; sdg_targets: string[]; upr_info_issue_ids: number[];
  upr_info_action: number | null; version: number; updated_at: Date;
  external_ids: { scheme: string; value: string }[];
  labels: { vocabulary: string; value: string; provenance: string; source_label: string | null }[];
}

export function presentDetail(row: DetailRow, labels: Labeller): RecommendationDetail {
  return {
    id: row.id,
    kind: row.kind as RecommendationDetail['kind'],
    mechanism: labels.mechanism(row.mechanism_id),
    countries: row.countries.map((c) => labels.country(c)),
    symbol: row.document_symbol,
    paragraph: row.paragraph,
    date: row.document_date,
    year: row.year,
    cycle: row.cycle,
    session: row.session,
    position: row.position as RecommendationDetail['position'],
    position_source: row.position_source,
    language: row.original_language,
    texts: row.texts,
    recommending_states: row.recommending_states.map((c) => labels.country(c)),
    themes: row.theme_ids.map((id) => labels.term(id)),
    affected: row.affected_ids.map((id) => labels.term(id)),
    sdg_goals: row.sdg_goals.map((g) => labels.sdgGoal(g)),
    sdg_targets: row.sdg_targets.map((t) => labels.sdgTarget(t)),
    upr_info_issues: row.upr_info_issue_ids.map((id) => labels.term(id)),
    upr_info_action: row.upr_info_action,
    external_ids: row.external_ids,
    labels: row.labels.map((l) => ({
      vocabulary: l.vocabulary,
      key: ['theme', 'affected_persons', 'upr_info_issue'].includes(l.vocabulary) ? labels.term(Number(l.value)).key : l.value,
      provenance: l.provenance,
      source_label: l.source_label,
    })),
    version: row.version,
    updated_at: row.updated_at.toISOString(),
  };
}
