/**
 * A synthetic Network for `npm run bench:hub`: each State's public records in the exact shapes
 * `server/modules/federation/public-records.ts` publishes (recommendations, institutions, published
 * actions, statuses, indicators), the State's full package and an incremental one (about 1% of its
 * records changed, added or withdrawn) written as the national instance writes them: NDJSON pages of
 * PAGE_RECORDS canonical-JSON lines, listed in a manifest built by `manifestOf` (sizes and SHA-256),
 * signed later by `signManifest` with the State's Ed25519 key.
 *
 * Texts: a recommendation's English text is a real UPR Info recommendation (../shared/data, so the
 * length distribution is the real one; without it, an SDG target's text, and the output says so);
 * its Spanish, French or Portuguese version, and every other text (action titles and descriptions,
 * reasons, names), is made of clauses of the official SDG target texts in that language
 * (server/db/seeds/reference/sdg_targets.csv) joined up to the length wanted times the language's
 * usual expansion. Each State writes in its official language (Spanish, French, Portuguese or
 * English) with an English version as the UN publishes it. Vocabulary keys, mechanisms, status scales and SDG targets are the hub's own
 * reference data. Everything is drawn from a seeded generator: the same Network on every run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import type pg from 'pg';
import { canonicalJson } from '../../shared/canonical-json';
import { seededRandom } from '../../shared/seeded-random';
import { PAGE_RECORDS } from '../../server/modules/federation/package';
import { manifestOf, PACKAGE_PROFILE, type Manifest } from '../../server/modules/federation/package-signature';
import { RECORD_KINDS, RESOURCE_OF, type RecordKind } from '../../server/modules/federation/public-records';

/** The Network: 270,000 recommendations and 1 million published actions over 193 States. */
export const ACTIONS_PER_RECOMMENDATION = 1_000_000 / 270_000;

const SPANISH = new Set(['ARG', 'BOL', 'CHL', 'COL', 'CRI', 'CUB', 'DOM', 'ECU', 'ESP', 'GNQ', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'PER', 'PRY', 'SLV', 'URY', 'VEN']);
const PORTUGUESE = new Set(['AGO', 'BRA', 'CPV', 'GNB', 'MOZ', 'PRT', 'STP', 'TLS']);
const FRENCH = new Set(['BEL', 'BEN', 'BFA', 'BDI', 'CAF', 'CIV', 'CMR', 'COD', 'COG', 'COM', 'DJI', 'FRA', 'GAB', 'GIN', 'HTI', 'LUX', 'MCO', 'MDG', 'MLI',
  'NER', 'SEN', 'SYC', 'TCD', 'TGO', 'CHE', 'VUT', 'RWA', 'MAR', 'TUN', 'DZA', 'LBN', 'MRT']);
/** Characters of a text in the language per character of its English version (usual translation expansion). */
const EXPANSION: Record<string, number> = { en: 1, es: 1.15, fr: 1.18, pt: 1.12 };

export function languageOf(iso3: string): 'en' | 'es' | 'fr' | 'pt' {
  return SPANISH.has(iso3) ? 'es' : PORTUGUESE.has(iso3) ? 'pt' : FRENCH.has(iso3) ? 'fr' : 'en';
}

export interface Material {
  /** Real English recommendation texts, or SDG targets when the UPR Info corpus is absent. */
  english: string[];
  englishSource: string;
  /** Clauses per language, to build texts of a given length. */
  clauses: Record<string, string[]>;
  themes: string[];
  affected: string[];
  mechanisms: { code: string; weight: number }[];
  sdgTargets: string[];
  sdgIndicators: string[];
  statuses: Record<string, string[]>;
  states: string[];
}

/** The sentence material and the hub's reference data the Network is drawn from. */
export async function readMaterial(projectRoot: string, hub: pg.Pool): Promise<Material> {
  const sdg = parseCsv(fs.readFileSync(path.join(projectRoot, 'server/db/seeds/reference/sdg_targets.csv')), { columns: true }) as Record<string, string>[];
  const clauses: Record<string, string[]> = {};
  for (const language of ['en', 'es', 'fr', 'pt']) {
    clauses[language] = sdg.flatMap((row) => (row[`title_${language}`] ?? '').replace(/\.$/, '').split(/(?<=[,;:])\s+/).map((c) => c.replace(/[,;:]$/, '')))
      .filter((c) => c.length > 8);
  }
  const dataRoot = process.env.SHARED_DATA ? path.resolve(process.env.SHARED_DATA) : path.resolve(projectRoot, '../shared/data');
  const upr = path.join(dataRoot, 'upr-info-2008-2014/upr_info_sessions_1-20.utf8.csv');
  let english: string[];
  let englishSource: string;
  if (fs.existsSync(upr)) {
    const rows = parseCsv(fs.readFileSync(upr), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    english = rows.map((row) => row.text?.trim().replace(/\s+/g, ' ')).filter((text): text is string => !!text && text.length > 20);
    englishSource = `${english.length} real UPR Info recommendation texts (${upr})`;
  } else {
    english = sdg.map((row) => row.title_en);
    englishSource = `SDG target texts in English (${upr} is absent: lengths are not the real corpus's)`;
  }
  const vocabulary = async (name: string) => (await hub.query('select key from vocabulary_term where vocabulary = $1 and retired_at is null order by key', [name])).rows.map((r) => r.key as string);
  const { rows: mechanismRows } = await hub.query('select code, family from mechanism order by code');
  // About half of the UHRI's records are UPR recommendations, the rest mostly treaty bodies (un-mechanisms/uhri_mechanisms.csv).
  const mechanisms = mechanismRows.filter((m) => m.family === 'upr' || m.family === 'treaty_body' || m.family === 'special_procedure')
    .map((m) => ({ code: m.code as string, weight: m.family === 'upr' ? 48 : m.family === 'treaty_body' ? 5 : 0.5 }));
  const { rows: steps } = await hub.query('select assessor_kind, key from status_scale_step order by assessor_kind, position');
  const statuses: Record<string, string[]> = {};
  for (const step of steps) (statuses[step.assessor_kind] ??= []).push(step.key);
  return {
    english, englishSource, clauses,
    themes: await vocabulary('theme'), affected: await vocabulary('affected_persons'), mechanisms,
    sdgTargets: (await hub.query('select code from sdg_target order by code')).rows.map((r) => r.code),
    sdgIndicators: (await hub.query('select code from sdg_indicator order by code')).rows.map((r) => r.code),
    statuses,
    states: (await hub.query('select iso3 from country where un_member order by iso3')).rows.map((r) => r.iso3),
  };
}

type Body = Record<string, unknown> & { id: number };
export type StateRecords = Record<RecordKind, Body[]>;

const ACTION_TYPES = ['legislative', 'regulatory', 'policy_plan', 'programme', 'budgetary', 'institutional', 'judicial', 'training', 'awareness', 'data'];
const BRANCHES = ['executive', 'executive', 'executive', 'legislative', 'judicial', 'autonomous', 'subnational'];
const INSTITUTION_WORDS: Record<string, string> = { en: 'Ministry of', es: 'Ministerio de', fr: 'Ministère de', pt: 'Ministério de' };

/**
 * The generator of one State and its first draws (its institutions and recommendations): what
 * `stateNetwork` goes on from, and all `stateRecommendations` needs.
 */
function beginState(material: Material, iso3: string, index: number, recommendations: number) {
  const random = seededRandom(20_261_207 + index * 7919);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const some = <T>(items: T[], low: number, high: number): T[] => [...new Set(Array.from({ length: between(low, high) }, () => pick(items)))].sort();
  const language = languageOf(iso3);
  const languages = language === 'en' ? ['en'] : [language, 'en'];
  const day = (year: number) => `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
  /** A text in `lang` about `length` English characters long, of clauses of the SDG targets in that language. */
  const text = (lang: string, length: number) => {
    const target = Math.round(length * EXPANSION[lang]);
    let out = pick(material.clauses[lang]);
    while (out.length < target) out += `, ${pick(material.clauses[lang]).replace(/^./, (c) => c.toLowerCase())}`;
    return `${out}.`;
  };
  const texts = (length: number) => Object.fromEntries(languages.map((lang) => [lang, text(lang, length)]));
  const totalWeight = material.mechanisms.reduce((sum, m) => sum + m.weight, 0);
  const mechanism = () => {
    let x = random() * totalWeight;
    for (const m of material.mechanisms) if ((x -= m.weight) <= 0) return m.code;
    return material.mechanisms[0].code;
  };

  const institutions: Body[] = Array.from({ length: between(25, 60) }, (_, i) => ({
    id: i + 1, name: Object.fromEntries(languages.map((lang) => [lang, `${INSTITUTION_WORDS[lang]} ${text(lang, 30).slice(0, 60)}`])),
    acronym: random() < 0.6 ? `M${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}` : null,
    branch: pick(BRANCHES), type: pick(['ministry', 'secretariat', 'agency', 'court', 'council', null]), parent: null, active: random() > 0.03,
  }));
  const recs: Body[] = [];
  for (let id = 1; id <= recommendations; id++) {
    const code = mechanism();
    const upr = code === 'UPR';
    const year = between(2008, 2026);
    const english = pick(material.english);
    recs.push({
      id, uhri_id: random() < 0.8 ? createHash('sha1').update(`${iso3}:${id}`).digest('hex').slice(0, 32) : null,
      mechanism: code, kind: random() < 0.96 ? 'recommendation' : 'observation', countries: [iso3],
      symbol: upr ? `A/HRC/${between(8, 58)}/${between(1, 20)}` : `${code}/C/${iso3}/CO/${between(1, 7)}`,
      paragraph: upr ? `${between(100, 160)}.${between(1, 260)}` : String(between(5, 60)), date: day(year), year,
      cycle: upr ? between(1, 4) : null, session: upr ? between(1, 46) : null,
      position: upr ? (random() < 0.72 ? 'supported' : 'noted') : null,
      recommending_states: upr ? some(material.states, 1, 3) : [], original_language: language,
      texts: Object.fromEntries(languages.map((lang) => [lang, lang === 'en' ? english : text(lang, english.length)])),
      themes: some(material.themes, 1, 3), affected_persons: some(material.affected, 0, 2), sdg_targets: some(material.sdgTargets, 0, 2),
      responsible: some(institutions.map((i) => i.id), 1, 2).map((institution, k) => ({ institution, responsibility: k === 0 ? 'lead' : 'support' })),
    });
  }
  return { random, pick, between, some, language, day, text, texts, institutions, recs };
}

/**
 * One State's recommendations exactly as `stateNetwork` draws them (the same generator, stopped
 * before the actions): what the hub's similar-recommendation index is built from, without writing
 * and harvesting the rest of the Network (bench/similar.ts).
 */
export function stateRecommendations(material: Material, iso3: string, index: number, recommendations: number): Body[] {
  return beginState(material, iso3, index, recommendations).recs;
}

/** One State's records and what changes in its next version (about `changeShare` of its records). */
export function stateNetwork(material: Material, iso3: string, index: number, recommendations: number) {
  const { random, pick, between, some, language, day, text, texts, institutions, recs } = beginState(material, iso3, index, recommendations);
  const actionCount = Math.round(recommendations * ACTIONS_PER_RECOMMENDATION);
  const actions: Body[] = Array.from({ length: actionCount }, (_, i) => {
    const start = between(2010, 2026);
    return {
      id: i + 1, institution: pick(institutions).id, type: pick(ACTION_TYPES), reach: random() < 0.85 ? 'structural' : 'individual',
      title: texts(between(40, 110)), description: texts(between(150, 900)), original_language: language,
      start_date: day(start), end_date: random() < 0.5 ? day(Math.min(2030, start + between(0, 4))) : null, progress: between(0, 10) * 10,
      budget: random() < 0.3 ? { amount: `${between(1_000, 9_000_000)}.00`, currency: 'USD', programme: `P-${between(100, 999)}` } : null,
      published_at: `${day(Math.max(start, 2015))}T${String(between(8, 18)).padStart(2, '0')}:15:00Z`,
      recommendations: some(recs.map((r) => r.id), 1, 2),
      evidence_links: Array.from({ length: between(0, 2) }, (_, k) => ({ title: text(language, 40).slice(0, 80), url: `https://gov.example.org/${iso3.toLowerCase()}/${i + 1}/${k}` })),
    };
  });
  const statuses: Body[] = [];
  for (const rec of recs) {
    for (let k = between(1, 3); k > 0; k--) {
      const assessor = random() < 0.8 ? 'government' : pick(['nhri', 'civil_society', 'mechanism']);
      statuses.push({
        id: statuses.length + 1, recommendation: rec.id, assessor, status: pick(material.statuses[assessor]),
        reason: text(language, between(40, 220)), assessed_on: day(between(2015, 2026)),
      });
    }
  }
  const indicators: Body[] = Array.from({ length: Math.max(1, Math.round(recommendations / 50)) }, (_, i) => ({
    id: i + 1, institution: pick(institutions).id, name: texts(between(40, 120)), kind: pick(['structural', 'process', 'outcome']), unit: pick(['%', 'persons', 'cases per 100,000']),
    baseline: { value: String(between(1, 90)), date: day(2020) }, target: { value: String(between(50, 100)), date: day(2030) },
    disaggregation: some(['sex', 'age', 'area', 'disability'], 0, 2), sdg_indicator: pick(material.sdgIndicators), data_source: 'National statistics office', frequency: 'annual',
    recommendations: some(recs.map((r) => r.id), 1, 3), actions: some(actions.map((a) => a.id), 0, 2),
    measurements: Array.from({ length: between(0, 4) }, (_, k) => ({ measured_on: `${2021 + k}-12-31`, value: String(between(1, 100)), breakdown: {} })),
  }));
  const records: StateRecords = { recommendation: recs, institution: institutions, action: actions, status: statuses, indicator: indicators };

  /**
   * The next version: about `share` of the records. Of them, 60% edited (an action's progress and
   * description, a recommendation's translation, an indicator's new measurement), 30% new (a status,
   * a published action), 10% withdrawn (an action unpublished): tombstones.
   */
  const changes = (share: number) => {
    const total = RECORD_KINDS.reduce((sum, kind) => sum + records[kind].length, 0);
    const count = Math.max(1, Math.round(total * share));
    const changed: StateRecords = { recommendation: [], institution: [], action: [], status: [], indicator: [] };
    const tombstones: { kind: RecordKind; id: number }[] = [];
    const touched = new Set<string>();
    for (let n = 0; n < count; n++) {
      const roll = random();
      if (roll < 0.6) {
        const kind = pick<RecordKind>(['action', 'action', 'recommendation', 'indicator']);
        const record = pick(records[kind]);
        if (touched.has(`${kind}:${record.id}`)) continue;
        touched.add(`${kind}:${record.id}`);
        const edited: Body = kind === 'action' ? { ...record, progress: Math.min(100, Number(record.progress) + 10), description: texts(between(150, 900)) }
          : kind === 'recommendation' ? { ...record, texts: { ...(record.texts as object), ...texts(300) } }
            : { ...record, measurements: [...(record.measurements as object[]), { measured_on: '2026-12-31', value: String(between(1, 100)), breakdown: {} }] };
        changed[kind].push(edited);
      } else if (roll < 0.9) {
        if (random() < 0.5) {
          changed.status.push({ id: statuses.length + changed.status.length + 1, recommendation: pick(recs).id, assessor: 'government',
            status: pick(material.statuses.government), reason: text(language, between(40, 220)), assessed_on: '2026-12-01' });
        } else {
          changed.action.push({ ...pick(actions), id: actions.length + changed.action.filter((a) => a.id > actions.length).length + 1, published_at: '2026-12-01T10:00:00Z' });
        }
      } else {
        const record = pick(actions);
        if (touched.has(`action:${record.id}`)) continue;
        touched.add(`action:${record.id}`);
        tombstones.push({ kind: 'action', id: record.id });
      }
    }
    for (const kind of RECORD_KINDS) changed[kind].sort((a, b) => a.id - b.id);
    tombstones.sort((a, b) => a.id - b.id);
    return { changed, tombstones };
  };
  return { records, changes };
}

export interface WrittenPackage {
  /** The manifest without its signature's time (set when it is signed). */
  manifest: Omit<Manifest, 'created'>;
  dir: string;
  /** Lines of records and of tombstones; per kind, the records and their ids. */
  records: number;
  kinds: Record<RecordKind, number[]>;
  tombstones: number;
  bytes: number;
  /** The pages gzipped (level 6, as a compressing proxy would send them); null when not measured. */
  gzipBytes: number | null;
}

/** Writes a package's pages as `package.ts` lays them out (one resource per kind, PAGE_RECORDS lines a page) and lists them in a manifest. */
export function writePackage(
  dir: string, head: { instance: string; state: string; version: number; since: number | null }, records: StateRecords,
  tombstones: { kind: RecordKind; id: number }[] = [], compress = false,
): WrittenPackage {
  fs.mkdirSync(dir, { recursive: true });
  const resources: { name: string; path: string; format: 'ndjson'; content: Uint8Array }[] = [];
  const pages = (resource: string, lines: string[]) => {
    for (let start = 0, page = 1; start < lines.length; start += PAGE_RECORDS, page++) {
      const content = Buffer.from(lines.slice(start, start + PAGE_RECORDS).join(''), 'utf8');
      const file = `${resource}-${page}.ndjson`;
      fs.writeFileSync(path.join(dir, file), content);
      resources.push({ name: `${resource}-${page}`, path: file, format: 'ndjson', content });
    }
  };
  let count = 0;
  const kinds = {} as Record<RecordKind, number[]>;
  for (const kind of RECORD_KINDS) {
    pages(RESOURCE_OF[kind], records[kind].map((body) => `${canonicalJson(body)}\n`));
    count += records[kind].length;
    kinds[kind] = records[kind].map((body) => body.id);
  }
  if (head.since !== null) pages('tombstones', tombstones.map((t) => `${canonicalJson({ kind: t.kind, id: t.id, version: head.version })}\n`));
  const manifest = manifestOf({ profile: PACKAGE_PROFILE, ...head, created: new Date().toISOString() }, resources);
  const { created: _created, ...unsigned } = manifest;
  return {
    manifest: unsigned, dir, records: count, kinds, tombstones: tombstones.length, bytes: resources.reduce((sum, r) => sum + r.content.byteLength, 0),
    gzipBytes: compress ? resources.reduce((sum, r) => sum + gzipSync(r.content, { level: 6 }).byteLength, 0) : null,
  };
}
