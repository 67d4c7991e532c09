/**
 * Loads the reference taxonomies shipped in ./reference (see NOTICE.md there
 * for sources and licences). Idempotent: run at every start, it inserts what
 * is missing and refreshes names, never deletes (records may point to terms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import { normaliseLabel } from '../../../shared/labels';
import type { LocalizedText } from '../schema/reference';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(dir, file)), { columns: true, skip_empty_lines: true, bom: true });
}

/** UPR cycles by session range, from OHCHR's calendar. */
export const UPR_CYCLES = [
  { number: 1, firstSession: 1, lastSession: 12, startYear: 2008, endYear: 2011 },
  { number: 2, firstSession: 13, lastSession: 26, startYear: 2012, endYear: 2016 },
  { number: 3, firstSession: 27, lastSession: 40, startYear: 2017, endYear: 2022 },
  { number: 4, firstSession: 41, lastSession: null, startYear: 2022, endYear: null },
] as const;
/** Year each UPR Working Group session was held (sessions 1 to 50). */
const UPR_SESSION_YEARS = [
  2008, 2008, 2008, 2009, 2009, 2009, 2010, 2010, 2010, 2011, 2011, 2011, 2012, 2012, 2013, 2013, 2013, 2014, 2014,
  2014, 2015, 2015, 2015, 2016, 2016, 2016, 2017, 2017, 2018, 2018, 2018, 2019, 2019, 2019, 2020, 2020, 2021, 2021,
  2021, 2022, 2022, 2023, 2023, 2023, 2024, 2024, 2024, 2025, 2025, 2025,
];

export function yearOfSession(session: number): number {
  // Beyond the table, three sessions a year.
  return UPR_SESSION_YEARS[session - 1] ?? 2025 + Math.ceil((session - UPR_SESSION_YEARS.length) / 3);
}

/** Key for a term: readable, stable, URL-safe ("Right to education" → "right-to-education"). */
export function termKey(label: string): string {
  return normaliseLabel(label).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type Row = Record<string, unknown>;

/** Bulk upsert through jsonb_to_recordset: one round trip per table. */
async function upsert(client: pg.PoolClient, table: string, columns: Record<string, string>, key: string[], rows: Row[], update: string[]) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  const conflict = update.length
    ? `do update set ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`
    : 'do nothing';
  await client.query(
    `insert into ${table} (${names.join(', ')})
     select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as r(${definition})
     on conflict (${key.join(', ')}) ${conflict}`,
    [JSON.stringify(rows)],
  );
}

export async function seedReferenceData(client: pg.PoolClient): Promise<void> {
  await seedCountries(client);
  await seedMechanisms(client);
  await upsert(client, 'upr_cycle',
    { number: 'smallint', first_session: 'smallint', last_session: 'smallint', start_year: 'smallint', end_year: 'smallint' },
    ['number'],
    UPR_CYCLES.map((c) => ({ number: c.number, first_session: c.firstSession, last_session: c.lastSession, start_year: c.startYear, end_year: c.endYear })),
    ['first_session', 'last_session', 'start_year', 'end_year']);
  const sessions = UPR_SESSION_YEARS.map((year, index) => ({ number: index + 1, cycle: cycleOfSession(index + 1), year }));
  await upsert(client, 'upr_session', { number: 'smallint', cycle: 'smallint', year: 'smallint' }, ['number'], sessions, ['cycle', 'year']);
  await seedSdgs(client);
  await seedTreaties(client);
  const translations = readVocabularyTranslations();
  for (const { vocabulary, terms, variants } of vocabularySources()) {
    await seedVocabulary(client, vocabulary, terms, variants, translations.get(vocabulary) ?? new Map());
  }
}

export function cycleOfSession(session: number): number {
  return UPR_CYCLES.findLast((c) => session >= c.firstSession)!.number;
}

async function seedCountries(client: pg.PoolClient) {
  const rows = readCsv('countries.csv');
  await upsert(client, 'country', {
    iso3: 'text', iso2: 'text', m49: 'text', name: 'jsonb', official_name_en: 'text', un_member: 'boolean',
    un_regional_group: 'text', m49_region: 'text', m49_subregion: 'text',
  }, ['iso3'], rows.map((r) => ({
    iso3: r.iso3, iso2: r.iso2, m49: r.m49,
    name: { en: r.name_en, es: r.name_es || r.name_en, fr: r.name_fr || r.name_en, pt: r.name_pt || r.name_en },
    official_name_en: r.name_official_en || null,
    un_member: r.un_member === 'True',
    un_regional_group: r.un_regional_group || null,
    m49_region: r.m49_region || null,
    m49_subregion: r.m49_subregion || null,
  })), ['iso2', 'm49', 'name', 'official_name_en', 'un_member', 'un_regional_group', 'm49_region', 'm49_subregion']);

  const aliases = new Map<string, string>();
  for (const r of rows) {
    for (const label of [r.iso3, r.iso2, r.name_en, r.name_official_en, r.name_es, r.name_fr]) {
      if (label) aliases.set(normaliseLabel(label), r.iso3);
    }
  }
  // Portuguese names never take an alias from another State ("Guiana" is French Guiana's).
  for (const r of rows) {
    if (r.name_pt && !aliases.has(normaliseLabel(r.name_pt))) aliases.set(normaliseLabel(r.name_pt), r.iso3);
  }
  for (const r of readCsv('country_aliases.csv')) aliases.set(normaliseLabel(r.alias), r.iso3);
  await upsert(client, 'country_alias', { alias: 'text', iso3: 'text' }, ['alias'],
    [...aliases].map(([alias, iso3]) => ({ alias, iso3 })), ['iso3']);
}

function slugCode(label: string): string {
  return normaliseLabel(label).toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function seedMechanisms(client: pg.PoolClient) {
  const curated = readCsv('mechanisms.csv');
  const mechanisms = new Map<string, Row>();
  const aliases = new Map<string, string>(); // normalised alias → code
  for (const r of curated) {
    mechanisms.set(r.code, {
      code: r.code, family: r.family, acronym: r.acronym || null, treaty: r.treaty || null,
      name: { en: r.name_en, es: r.name_es, fr: r.name_fr, pt: r.name_pt },
      short_name: r.acronym
        ? { en: r.acronym, es: r.acronym_es || r.acronym, fr: r.acronym_fr || r.acronym, pt: r.acronym_pt || r.acronym }
        : {},
    });
    for (const alias of [r.code, r.acronym, r.acronym_es, r.acronym_fr, r.acronym_pt, r.name_en, r.name_es, r.name_fr, r.name_pt,
      ...r.aliases.split('|')]) {
      if (alias) aliases.set(normaliseLabel(alias), r.code);
    }
  }
  // Every "Recommending Body" label of the UHRI export maps to one mechanism:
  // a curated one when the label is its acronym or full name, else its own.
  for (const r of readCsv('uhri_mechanisms.csv')) {
    const label = r.label.trim();
    const code = aliases.get(normaliseLabel(label)) ?? aliases.get(normaliseLabel(r.acronym || '-')) ?? slugCode(label);
    if (!mechanisms.has(code)) {
      mechanisms.set(code, {
        code, family: r.family, acronym: r.acronym || null, treaty: r.treaty || null,
        name: { en: r.full_name_en || label }, short_name: r.acronym ? { en: r.acronym } : {},
      });
    }
    aliases.set(normaliseLabel(label), code);
    aliases.set(normaliseLabel(r.uhri_body_label_raw), code);
    if (r.full_name_en) aliases.set(normaliseLabel(r.full_name_en), code);
  }
  // A mechanism an administrator added or edited (edited_by set) keeps its names, family and aliases.
  await client.query(
    `insert into mechanism (code, family, acronym, treaty, name, short_name)
     select code, family, acronym, treaty, name, short_name
     from jsonb_to_recordset($1::jsonb) as r(code text, family text, acronym text, treaty text, name jsonb, short_name jsonb)
     on conflict (code) do update set family = excluded.family, acronym = excluded.acronym, treaty = excluded.treaty,
       name = excluded.name, short_name = excluded.short_name
     where mechanism.edited_by is null`,
    [JSON.stringify([...mechanisms.values()])],
  );
  await client.query(
    `insert into mechanism_alias (alias, mechanism_id)
     select r.alias, m.id from jsonb_to_recordset($1::jsonb) as r(alias text, code text) join mechanism m on m.code = r.code
     where m.edited_by is null
     on conflict (alias) do update set mechanism_id = excluded.mechanism_id
     where mechanism_alias.mechanism_id is distinct from excluded.mechanism_id
       and (select edited_by from mechanism where id = mechanism_alias.mechanism_id) is null`,
    [JSON.stringify([...aliases].map(([alias, code]) => ({ alias, code })))],
  );
}

/**
 * The core UN human-rights treaties and optional protocols (with the body each
 * reports to and the default periodicity of its periodic reports), and every
 * UN member State's ratification status. The periodicity is set only when an
 * instrument is first seeded (the secretariat may change it); ratifications
 * are refreshed from the file unless the secretariat edited them (`manual`).
 */
async function seedTreaties(client: pg.PoolClient) {
  const instruments = readCsv('treaty_instruments.csv');
  await client.query(
    `insert into treaty_instrument (code, name, mechanism_id, parent_code, periodicity_years, position)
     select r.code, r.name, m.id, r.parent_code, r.periodicity_years, r.position
     from jsonb_to_recordset($1::jsonb) as r(code text, name jsonb, mechanism text, parent_code text, periodicity_years smallint, position smallint)
     join mechanism m on m.code = r.mechanism
     on conflict (code) do update set name = excluded.name, mechanism_id = excluded.mechanism_id, parent_code = excluded.parent_code,
       position = excluded.position`,
    [JSON.stringify(instruments.map((r, index) => ({
      code: r.code, mechanism: r.mechanism, parent_code: r.parent || null,
      periodicity_years: r.periodicity_years ? Number(r.periodicity_years) : null, position: index + 1,
      name: { en: r.name_en, es: r.name_es, fr: r.name_fr, pt: r.name_pt },
    })))],
  );
  await client.query(
    `insert into treaty_ratification (iso3, instrument_code, status, year)
     select r.iso3, r.instrument, r.status, r.year from jsonb_to_recordset($1::jsonb) as r(iso3 text, instrument text, status text, year smallint)
     on conflict (iso3, instrument_code) do update set status = excluded.status, year = excluded.year,
       version = treaty_ratification.version + 1, updated_at = now()
     where treaty_ratification.source = 'reference'
       and (treaty_ratification.status, treaty_ratification.year) is distinct from (excluded.status, excluded.year)`,
    [JSON.stringify(readCsv('treaty_ratifications.csv').map((r) => ({
      iso3: r.iso3, instrument: r.instrument, status: r.status, year: r.year ? Number(r.year) : null,
    })))],
  );
}

async function seedSdgs(client: pg.PoolClient) {
  await upsert(client, 'sdg_goal', { number: 'smallint', title: 'jsonb', short_title: 'jsonb' }, ['number'],
    readCsv('sdg_goals.csv').map((r) => ({
      number: Number(r.goal),
      title: { en: r.title_en, es: r.title_es, fr: r.title_fr, pt: r.title_pt },
      short_title: { en: r.short_en, es: r.short_es, fr: r.short_fr, pt: r.short_pt },
    })), ['title', 'short_title']);
  await upsert(client, 'sdg_target', { code: 'text', goal: 'smallint', title: 'jsonb' }, ['code'],
    readCsv('sdg_targets.csv').map((r) => ({
      code: r.target, goal: Number(r.goal), title: { en: r.title_en, es: r.title_es, fr: r.title_fr, pt: r.title_pt },
    })), ['goal', 'title']);
  await upsert(client, 'sdg_indicator', { code: 'text', target: 'text', title: 'jsonb' }, ['code'],
    readCsv('sdg_indicators.csv').map((r) => ({
      code: r.indicator, target: r.target, title: { en: r.title_en, es: r.title_es, fr: r.title_fr },
    })), ['target', 'title']);
}

export type Vocabulary = 'theme' | 'affected_persons' | 'upr_info_issue';

/**
 * The canonical terms of each controlled vocabulary, as the seed creates them:
 * the labels of the source file minus the variant wordings of theme_aliases.csv
 * (which become aliases), one label per term key. A label that merely
 * normalises like its canonical term ("Budget &resources" / "Budget &
 * resources") is the term itself, and the canonical spelling wins.
 */
export function vocabularySources(): { vocabulary: Vocabulary; terms: string[]; variants: Map<string, string> }[] {
  const themeVariants = new Map(readCsv('theme_aliases.csv').map((v) => [normaliseLabel(v.alias), v.theme]));
  const sources: [Vocabulary, string[], Map<string, string>][] = [
    ['theme', readCsv('uhri_themes.csv').map((r) => r.theme), themeVariants],
    ['affected_persons', readCsv('uhri_affected_persons.csv').map((r) => r.affected_person), new Map()],
    ['upr_info_issue', readCsv('upr_info_issues.csv').map((r) => r.issue), new Map()],
  ];
  return sources.map(([vocabulary, labels, variants]) => {
    const canonical = new Set(variants.values());
    const canonicalKeys = new Set([...canonical].map(normaliseLabel));
    const terms = new Map<string, string>(); // key → label
    for (const label of labels) {
      const alias = normaliseLabel(label);
      if (variants.has(alias) && !canonicalKeys.has(alias)) continue;
      const key = termKey(label);
      if (!terms.has(key) || canonical.has(label)) terms.set(key, label);
    }
    return { vocabulary, terms: [...terms.values()], variants };
  });
}

/**
 * vocabulary_translations.csv: per vocabulary, term key → label in en (an
 * English display label when the source spells the term poorly), es, fr, pt.
 */
export function readVocabularyTranslations(): Map<string, Map<string, LocalizedText>> {
  const translations = new Map<string, Map<string, LocalizedText>>();
  for (const r of readCsv('vocabulary_translations.csv')) {
    const label: LocalizedText = { en: r.display_en || r.label_en };
    for (const language of ['es', 'fr', 'pt']) {
      const text = r[`label_${language}`]?.trim();
      if (text) label[language] = text;
    }
    if (!translations.has(r.vocabulary)) translations.set(r.vocabulary, new Map());
    translations.get(r.vocabulary)!.set(termKey(r.label_en), label);
  }
  return translations;
}

/**
 * Terms and their aliases. `variants` maps an older or variant wording
 * (normalised) to the term it stands for; that wording is then an alias, not
 * a term of its own. Terms with a translation get their labels in every
 * language, refreshed at each run; the others keep `{ en }` and, when an
 * import created them first, the label it gave. Translated and display labels
 * are aliases too, so that a Spanish spreadsheet saying "Derecho a la
 * educación" finds "Right to education"; they never take an alias away from
 * an English label or a variant.
 */
async function seedVocabulary(
  client: pg.PoolClient, vocabulary: string, terms: string[], variants: Map<string, string>,
  translations: Map<string, LocalizedText>,
) {
  const rows = dedupeBy(terms.map((label) => {
    const key = termKey(label);
    return { vocabulary, key, label: translations.get(key) ?? { en: label }, translated: translations.has(key) };
  }), (t) => t.key);
  for (const translated of [true, false]) {
    const batch = rows.filter((t) => t.translated === translated).map(({ vocabulary, key, label }) => ({ vocabulary, key, label }));
    if (batch.length === 0) continue;
    await client.query(
      `insert into vocabulary_term (vocabulary, key, label)
       select r.vocabulary, r.key, r.label from jsonb_to_recordset($1::jsonb) as r(vocabulary text, key text, label jsonb)
       on conflict (vocabulary, key) ${translated
        ? 'do update set label = excluded.label where vocabulary_term.label is distinct from excluded.label and vocabulary_term.edited_by is null'
        : 'do nothing'}`,
      [JSON.stringify(batch)],
    );
  }
  const aliases = new Map<string, string>();
  for (const label of terms) aliases.set(normaliseLabel(label), termKey(label));
  for (const [alias, canonical] of variants) aliases.set(alias, termKey(canonical));
  for (const { key, label } of rows) {
    for (const text of Object.values(label)) {
      const alias = normaliseLabel(text);
      if (alias && !aliases.has(alias)) aliases.set(alias, key);
    }
  }
  await client.query(
    `insert into vocabulary_alias (vocabulary, alias, term_id)
     select $1, r.alias, t.id from jsonb_to_recordset($2::jsonb) as r(alias text, key text)
     join vocabulary_term t on t.vocabulary = $1 and t.key = r.key
     on conflict (vocabulary, alias) do update set term_id = excluded.term_id
     where vocabulary_alias.term_id is distinct from excluded.term_id`,
    [vocabulary, JSON.stringify([...aliases].map(([alias, key]) => ({ alias, key })))],
  );
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
