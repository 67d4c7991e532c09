/**
 * Display labels of reference data, cached in memory for a short while:
 * they change only when an administrator or an import adds terms.
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

const TTL_MS = 30_000;
let cached: { at: number; pool: pg.Pool; maps: Promise<LabelMaps> } | null = null;

export function labelMaps(pool: pg.Pool): Promise<LabelMaps> {
  if (cached && cached.pool === pool && Date.now() - cached.at < TTL_MS) return cached.maps;
  const maps = loadLabelMaps(pool);
  cached = { at: Date.now(), pool, maps };
  maps.catch(() => { cached = null; });
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
