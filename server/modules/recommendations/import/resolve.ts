/**
 * Turns a parsed source record into the catalogue's shape: labels mapped to
 * reference ids, an identity key, and a hash of the content that decides
 * whether a re-import changed anything.
 */
import { createHash } from 'node:crypto';
import { importReason, type Reason } from './reasons';
import { lookupCountry, type LabelVocabulary, type ReferenceIndex } from './reference-index';
import type { ImportFormat, ParsedRecommendation, Position, RecommendationKind, RowIssue } from './types';

export interface ResolvedLabel {
  vocabulary: LabelVocabulary | 'sdg_goal' | 'sdg_target';
  value: string;
  sourceLabel: string;
}

export interface ResolvedRecommendation {
  line: number;
  identityKey: string;
  source: ImportFormat;
  mechanismId: number;
  kind: RecommendationKind;
  countries: string[];
  documentSymbol: string | null;
  paragraph: string | null;
  documentDate: string | null;
  year: number | null;
  cycle: number | null;
  session: number | null;
  position: Position | null;
  positionSource: string | null;
  recommendingStates: string[];
  originalLanguage: string;
  texts: Record<string, { text: string; status: 'original' }>;
  labels: ResolvedLabel[];
  uprInfoAction: number | null;
  externalIds: { scheme: string; value: string }[];
  contentHash: string;
}

const LANGUAGE = /^[a-z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function resolveRecord(
  record: ParsedRecommendation,
  index: ReferenceIndex,
  source: ImportFormat,
): ResolvedRecommendation | RowIssue[] {
  const issues: RowIssue[] = [];
  const recordId = record.externalId?.value;
  const issue = (field: string, reason: Reason) => issues.push({ line: record.line, field, reason, ...(recordId ? { recordId } : {}) });

  const mechanism = index.mechanisms.get(index.normalise(record.mechanism ?? ''));
  if (!mechanism) issue('mechanism', record.mechanism ? importReason('unknown_mechanism', { value: `"${record.mechanism}"` }) : importReason('mechanism_missing'));

  const countries: string[] = [];
  for (const label of record.countries ?? []) {
    const iso3 = lookupCountry(index, label);
    if (iso3) countries.push(iso3);
    else issue('country', importReason('unknown_state', { value: `"${label}"` }));
  }
  if ((record.countries ?? []).length === 0) issue('country', importReason('state_under_review_missing'));

  const recommendingStates: string[] = [];
  for (const label of record.recommendingStates ?? []) {
    const iso3 = lookupCountry(index, label);
    if (iso3) recommendingStates.push(iso3);
    else issue('recommending_states', importReason('unknown_recommending_state', { value: `"${label}"` }));
  }

  const text = record.text?.trim() ?? '';
  if (!text) issue('text', importReason('text_empty'));
  const language = record.language?.toLowerCase() ?? '';
  if (!LANGUAGE.test(language)) issue('language', importReason('language_not_two_letters', { value: `"${record.language}"` }));

  let documentDate: string | null = null;
  if (record.date) {
    if (DATE.test(record.date) && !Number.isNaN(Date.parse(record.date))) documentDate = record.date;
    else issue('date', importReason('date_not_iso', { value: `"${record.date}"` }));
  }

  const session = record.session ?? null;
  const sessionInfo = session ? index.sessionYears.get(session) : undefined;
  if (session !== null && !sessionInfo && mechanism?.code === 'UPR') issue('session', importReason('unknown_upr_session', { session }));
  const cycle = record.cycle ?? sessionInfo?.cycle ?? null;
  if (cycle !== null && (!Number.isInteger(cycle) || cycle < 1 || cycle > 20)) issue('cycle', importReason('cycle_not_number', { value: `"${cycle}"` }));
  const year = documentDate ? Number(documentDate.slice(0, 4)) : (sessionInfo?.year ?? null);

  const labels: ResolvedLabel[] = [];
  const addTerms = (vocabulary: LabelVocabulary, values: string[] | undefined) => {
    for (const label of values ?? []) {
      const id = index.terms[vocabulary].get(index.normalise(label));
      // Unknown terms were added to the vocabulary before resolving (see ensureTerms).
      if (id !== undefined) labels.push({ vocabulary, value: String(id), sourceLabel: label });
    }
  };
  addTerms('theme', record.themes);
  addTerms('affected_persons', record.affectedPersons);
  addTerms('upr_info_issue', record.uprInfoIssues);
  for (const code of record.sdgs ?? []) {
    if (/^\d+$/.test(code) && index.sdgGoals.has(Number(code))) {
      labels.push({ vocabulary: 'sdg_goal', value: code, sourceLabel: code });
    } else if (index.sdgTargets.has(code)) {
      labels.push({ vocabulary: 'sdg_target', value: code, sourceLabel: code });
      labels.push({ vocabulary: 'sdg_goal', value: code.split('.')[0], sourceLabel: code });
    } else {
      issue('sdgs', importReason('sdg_unknown', { value: `"${code}"` }));
    }
  }

  const action = record.uprInfoAction ?? null;
  if (action !== null && !(Number.isInteger(action) && action >= 1 && action <= 5)) {
    issue('action', importReason('upr_info_action_out_of_range', { value: `"${action}"` }));
  }

  if (issues.length > 0 || !mechanism) return issues;

  const normalisedText = text.replace(/\s+/g, ' ');
  const externalIds = record.externalId ? [record.externalId] : [];
  const identityKey = record.externalId?.scheme === 'uhri'
    ? `uhri:${record.externalId.value.toLowerCase()}`
    : record.externalId
      ? `${record.externalId.scheme}:${record.externalId.value}`
      : `key:${sha256([
        mechanism.code,
        record.kind,
        [...countries].sort().join(','),
        record.symbol ?? '',
        documentDate ?? (session ? `session ${session}` : ''),
        record.paragraph ?? '',
        normalisedText.toLowerCase(),
      ].join('\u001f'))}`;

  const resolved: Omit<ResolvedRecommendation, 'contentHash'> = {
    line: record.line,
    identityKey,
    source,
    mechanismId: mechanism.id,
    kind: record.kind,
    countries: unique(countries),
    documentSymbol: record.symbol?.trim() || null,
    paragraph: record.paragraph?.trim() || null,
    documentDate,
    year,
    cycle,
    session,
    position: record.position ?? null,
    positionSource: record.positionSource?.trim() || null,
    recommendingStates: unique(recommendingStates),
    originalLanguage: language,
    texts: { [language]: { text: normalisedText, status: 'original' } },
    labels: uniqueLabels(labels),
    uprInfoAction: action,
    externalIds,
  };
  return { ...resolved, contentHash: contentHash(resolved) };
}

/**
 * Records of one file that share an identity are one recommendation made by
 * several States (UPR Info lists each recommending State on its own row):
 * merge them, uniting recommending States and labels.
 */
export function mergeDuplicates(records: ResolvedRecommendation[]): ResolvedRecommendation[] {
  const byKey = new Map<string, ResolvedRecommendation>();
  for (const record of records) {
    const existing = byKey.get(record.identityKey);
    if (!existing) {
      byKey.set(record.identityKey, record);
      continue;
    }
    existing.recommendingStates = unique([...existing.recommendingStates, ...record.recommendingStates]);
    existing.labels = uniqueLabels([...existing.labels, ...record.labels]);
    existing.position ??= record.position;
    existing.uprInfoAction ??= record.uprInfoAction;
    existing.contentHash = contentHash(existing);
  }
  return [...byKey.values()];
}

/** Hash of what a record says (not where it sat in the file), stable under reordering of its sets. */
function contentHash(record: Omit<ResolvedRecommendation, 'contentHash'>): string {
  const { line: _line, contentHash: _previous, ...content } = record as ResolvedRecommendation;
  const key = (label: ResolvedLabel) => `${label.vocabulary}:${label.value}`;
  const sorted = {
    ...content,
    recommendingStates: [...content.recommendingStates].sort(),
    labels: [...content.labels].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
  return sha256(JSON.stringify(sorted));
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueLabels(labels: ResolvedLabel[]): ResolvedLabel[] {
  const seen = new Map<string, ResolvedLabel>();
  for (const label of labels) seen.set(`${label.vocabulary}:${label.value}`, seen.get(`${label.vocabulary}:${label.value}`) ?? label);
  return [...seen.values()];
}
