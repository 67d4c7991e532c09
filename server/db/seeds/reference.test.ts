import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { normaliseLabel } from '../../../shared/labels';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase } from '../../test/database';
import { DEMO_FILE } from './demo';
import { readVocabularyTranslations, seedReferenceData, termKey, vocabularySources } from './reference';

let db: Database;

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());

/** Runs `work` in a transaction that is always rolled back. */
async function rolledBack<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    return await work(client);
  } finally {
    await client.query('rollback');
    client.release();
  }
}

async function termIdOf(client: pg.Pool | pg.PoolClient, vocabulary: string, label: string): Promise<number | undefined> {
  const { rows } = await client.query('select term_id from vocabulary_alias where vocabulary = $1 and alias = $2',
    [vocabulary, normaliseLabel(label)]);
  return rows[0]?.term_id;
}

describe('controlled vocabularies', () => {
  it('seeds every canonical term with its label in en, es, fr and pt', async () => {
    const { rows } = await db.pool.query('select vocabulary, key, label from vocabulary_term');
    const labels = new Map(rows.map((r) => [`${r.vocabulary}:${r.key}`, r.label as Record<string, string>]));
    const missing: string[] = [];
    let checked = 0;
    for (const { vocabulary, terms } of vocabularySources()) {
      for (const term of terms) {
        checked++;
        const label = labels.get(`${vocabulary}:${termKey(term)}`);
        for (const language of ['en', 'es', 'fr', 'pt']) {
          if (!label?.[language]?.trim()) missing.push(`${vocabulary} "${term}" (${language})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(180);
    expect(missing).toEqual([]);
  });

  it('keeps the canonical theme of every variant wording as a term, the variant as its alias', async () => {
    const [themes] = vocabularySources();
    for (const [alias, canonical] of themes.variants) {
      expect(themes.terms).toContain(canonical);
      const { rows } = await db.pool.query(
        `select a.alias from vocabulary_alias a join vocabulary_term t on t.id = a.term_id
         where t.vocabulary = 'theme' and t.key = $1 and a.alias = $2`, [termKey(canonical), alias]);
      expect(rows, `${alias} → ${canonical}`).toHaveLength(1);
    }
  });

  it('translates only terms that exist, once each', () => {
    const sources = new Map(vocabularySources().map((s) => [s.vocabulary as string, new Set(s.terms.map(termKey))]));
    const translations = readVocabularyTranslations();
    for (const [vocabulary, terms] of translations) {
      for (const key of terms.keys()) expect(sources.get(vocabulary)?.has(key), `${vocabulary}:${key}`).toBe(true);
    }
    const total = [...translations.values()].reduce((sum, terms) => sum + terms.size, 0);
    const expected = [...sources.values()].reduce((sum, terms) => sum + terms.size, 0);
    expect(total).toBe(expected);
  });

  it('shows a proper English label where the source spells the term in lower case', async () => {
    const { rows } = await db.pool.query(`select label from vocabulary_term where vocabulary = 'affected_persons' and key = 'girls'`);
    expect(rows[0].label).toEqual({ en: 'Girls', es: 'Niñas', fr: 'Filles', pt: 'Meninas' });
    expect(await termIdOf(db.pool, 'affected_persons', 'girls')).toBe(await termIdOf(db.pool, 'affected_persons', 'Girls'));
  });

  it('resolves a translated label to the same term as the English one', async () => {
    const english = await termIdOf(db.pool, 'theme', 'Right to education');
    expect(english).toBeDefined();
    expect(await termIdOf(db.pool, 'theme', 'Derecho a la educación')).toBe(english);
    expect(await termIdOf(db.pool, 'theme', "Droit à l'éducation")).toBe(english);
    expect(await termIdOf(db.pool, 'theme', 'Direito à educação')).toBe(english);
    expect(await termIdOf(db.pool, 'upr_info_issue', 'Derecho a la educación'))
      .toBe(await termIdOf(db.pool, 'upr_info_issue', 'Right to education'));
  });

  it('makes every translated label an alias of its own term (no label points to another term)', async () => {
    const { rows } = await db.pool.query(
      'select a.vocabulary, a.alias, t.key from vocabulary_alias a join vocabulary_term t on t.id = a.term_id');
    const keyOf = new Map(rows.map((r) => [`${r.vocabulary}:${r.alias}`, r.key]));
    const wrong: string[] = [];
    for (const [vocabulary, terms] of readVocabularyTranslations()) {
      for (const [key, label] of terms) {
        for (const text of Object.values(label)) {
          const found = keyOf.get(`${vocabulary}:${normaliseLabel(text)}`);
          if (found !== key) wrong.push(`${vocabulary} "${text}" → ${found} instead of ${key}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('seeding the reference data again', () => {
  async function snapshot(client: pg.PoolClient) {
    const terms = await client.query('select id, vocabulary, key, label, xmin::text as version from vocabulary_term order by id');
    const aliases = await client.query(
      'select vocabulary, alias, term_id, xmin::text as version from vocabulary_alias order by vocabulary, alias');
    const counts = await client.query(`select
      (select count(*) from country) countries, (select count(*) from country_alias) country_aliases,
      (select count(*) from mechanism) mechanisms, (select count(*) from mechanism_alias) mechanism_aliases,
      (select count(*) from upr_cycle) cycles, (select count(*) from upr_session) sessions,
      (select count(*) from sdg_goal) goals, (select count(*) from sdg_target) targets,
      (select count(*) from sdg_indicator) indicators`);
    return { terms: terms.rows, aliases: aliases.rows, counts: counts.rows[0] };
  }

  it('changes nothing: same rows, and not one vocabulary row rewritten', async () => {
    await rolledBack(async (client) => {
      const before = await snapshot(client);
      await seedReferenceData(client);
      const after = await snapshot(client);
      expect(after.counts).toEqual(before.counts);
      expect(after.terms).toEqual(before.terms);
      expect(after.aliases).toEqual(before.aliases);
    });
  });

  it('brings English-only labels of an older seed up to date, and leaves terms an import created alone', async () => {
    await rolledBack(async (client) => {
      await client.query(`update vocabulary_term set label = jsonb_build_object('en', label->>'en')`);
      await client.query(`insert into vocabulary_term (vocabulary, key, label)
        values ('theme', 'a-theme-from-an-import', '{"en": "A theme from an import"}')`);
      await seedReferenceData(client);
      const { rows } = await client.query(`select key, label from vocabulary_term
        where vocabulary = 'theme' and key in ('right-to-education', 'a-theme-from-an-import') order by key`);
      expect(rows).toEqual([
        { key: 'a-theme-from-an-import', label: { en: 'A theme from an import' } },
        { key: 'right-to-education', label: { en: 'Right to education', es: 'Derecho a la educación', fr: "Droit à l'éducation", pt: 'Direito à educação' } },
      ]);
    });
  });
});

const LANGUAGES = ['en', 'es', 'fr', 'pt'];

/**
 * Every reference label the interface shows, as `kind key (language)` for each language it
 * lacks: mechanisms, States, treaty instruments, SDG goals (title and short title) and
 * targets, and the seeded terms of every controlled vocabulary.
 */
async function missingLabels(client: pg.Pool | pg.PoolClient): Promise<{ checked: number; missing: string[] }> {
  const seededTerms = new Set(vocabularySources().flatMap(({ vocabulary, terms }) => terms.map((t) => `${vocabulary}:${termKey(t)}`)));
  const kinds: [string, string][] = [
    ['mechanism', 'select code as key, name as label from mechanism'],
    ['country', 'select iso3 as key, name as label from country'],
    ['treaty instrument', 'select code as key, name as label from treaty_instrument'],
    ['SDG goal', 'select number::text as key, title as label from sdg_goal'],
    ['SDG goal short title', 'select number::text as key, short_title as label from sdg_goal'],
    ['SDG target', 'select code as key, title as label from sdg_target'],
    ['term', `select vocabulary || ':' || key as key, label from vocabulary_term`],
  ];
  let checked = 0;
  const missing: string[] = [];
  for (const [kind, sql] of kinds) {
    const { rows } = await client.query(sql);
    expect(rows.length, kind).toBeGreaterThan(0);
    for (const { key, label } of rows as { key: string; label: Record<string, string> }[]) {
      if (kind === 'term' && !seededTerms.has(key)) continue; // made by an import from its file's labels
      checked++;
      for (const language of LANGUAGES) if (!label?.[language]?.trim()) missing.push(`${kind} ${key} (${language})`);
    }
  }
  return { checked, missing };
}

describe('reference labels in every language', () => {
  it('names every mechanism, State, instrument, SDG goal and target and vocabulary term in en, es, fr and pt', async () => {
    const { checked, missing } = await missingLabels(db.pool);
    expect(checked).toBeGreaterThan(700);
    expect(missing).toEqual([]);
  });

  it('gives the names to an instance seeded before they existed, on its next start', async () => {
    await rolledBack(async (client) => {
      // As the seed left them before: special procedures named by their UHRI label, no Portuguese
      // for States and SDGs, some terms unknown to the seed (so an import made them in English).
      await client.query(`update mechanism set name = jsonb_build_object('en', name->>'en') where family = 'special_procedure'`);
      await client.query(`update country set name = name - 'pt'`);
      await client.query(`update sdg_goal set title = title - 'pt', short_title = short_title - 'pt'`);
      await client.query(`update sdg_target set title = title - 'pt'`);
      await client.query(`update vocabulary_term set label = jsonb_build_object('en', label->>'en')
        where vocabulary = 'affected_persons' and key in ('human-rights-defenders', 'people-of-african-descent')`);
      expect((await missingLabels(client)).missing.length).toBeGreaterThan(400);
      await seedReferenceData(client);
      expect((await missingLabels(client)).missing).toEqual([]);
      const { rows } = await client.query(`select name->>'es' as es from mechanism where code = 'SR-INDIGENOUS'`);
      expect(rows[0].es).toBe('Relator Especial sobre los derechos de los pueblos indígenas');
    });
  });

  it('resolves every label the demo recommendations use to a term or mechanism named in every language', async () => {
    const demo = parse(fs.readFileSync(DEMO_FILE), { columns: true }) as Record<string, string>[];
    const unnamed: string[] = [];
    const check = async (kind: string, sql: string, label: string) => {
      const { rows } = await db.pool.query(sql, [normaliseLabel(label)]);
      if (rows.length !== 1) {
        unnamed.push(`${kind} "${label}": no seeded entry`);
        return;
      }
      for (const language of LANGUAGES) if (!rows[0].label?.[language]?.trim()) unnamed.push(`${kind} "${label}" (${language})`);
    };
    for (const row of demo) {
      await check('mechanism', 'select m.name as label from mechanism_alias a join mechanism m on m.id = a.mechanism_id where a.alias = $1', row.mechanism);
      for (const [column, vocabulary] of [['themes', 'theme'], ['affected_persons', 'affected_persons']]) {
        for (const label of row[column].split('|').filter(Boolean)) {
          await check(vocabulary, `select t.label from vocabulary_alias a join vocabulary_term t on t.id = a.term_id
            where a.vocabulary = '${vocabulary}' and a.alias = $1`, label);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });
});
