/**
 * Display labels of reference data, cached in memory: they change only when an
 * administrator or an import adds terms. Each use reads
 * `public_content_state.reference_version` (bumped at commit by a trigger on every
 * write to those tables, migration 0017_public_content_version; the same version
 * public answers' ETags carry) and reloads when it moved, so a term added through
 * another app server is labelled here at the next request.
 */
import type pg from 'pg';
import type { LocalizedText } from '../../db/schema/reference';

export interface LabelMaps {
  mechanisms: Map<number, { code: string; name: LocalizedText; short: LocalizedText }>;
  mechanismIdsByCode: Map<string, number>;
  countries: Map<string, LocalizedText>;
  terms: Map<number, { vocabulary: string; key: string; label: LocalizedText }>;
  termIdsByKey: Map<string, number>;
  sdgGoals: Map<number, { title: LocalizedText; short: LocalizedText }>;
  sdgTargets: Map<string, LocalizedText>;
}

let cached: { version: string; pool: pg.Pool; maps: Promise<LabelMaps> } | null = null;

export async function labelMaps(pool: pg.Pool): Promise<LabelMaps> {
  // Read before the load: the maps are never older than the version they carry.
  const { rows: [state] } = await pool.query<{ version: string }>('select reference_version::text as version from public_content_state');
  if (cached && cached.pool === pool && cached.version === state.version) return cached.maps;
  const maps = loadLabelMaps(pool);
  const entry = { version: state.version, pool, maps };
  cached = entry;
  maps.catch(() => { if (cached === entry) cached = null; });
  return maps;
}

/** Call after a change to reference data in this process (an import adds terms, say). */
export function forgetLabelMaps(): void {
  cached = null;
}

async function loadLabelMaps(pool: pg.Pool): Promise<LabelMaps> {
  const [mechanisms, countries, terms, goals, targets] = await Promise.all([
    pool.query('select id, code, name, short_name from mechanism'),
    pool.query('select iso3, name from country'),
    pool.query('select id, vocabulary, key, label from vocabulary_term'),
    pool.query('select number, title, short_title from sdg_goal'),
    pool.query('select code, title from sdg_target'),
  ]);
  return {
    mechanisms: new Map(mechanisms.rows.map((r) => [r.id, { code: r.code, name: r.name, short: r.short_name }])),
    mechanismIdsByCode: new Map(mechanisms.rows.map((r) => [r.code, r.id])),
    countries: new Map(countries.rows.map((r) => [r.iso3, r.name])),
    terms: new Map(terms.rows.map((r) => [r.id, { vocabulary: r.vocabulary, key: r.key, label: r.label }])),
    termIdsByKey: new Map(terms.rows.map((r) => [`${r.vocabulary}:${r.key}`, r.id])),
    sdgGoals: new Map(goals.rows.map((r) => [r.number, { title: r.title, short: r.short_title }])),
    sdgTargets: new Map(targets.rows.map((r) => [r.code, r.title])),
  };
}
