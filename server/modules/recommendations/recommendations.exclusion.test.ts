/**
 * An excluded word or phrase (`-children`, `-"death penalty"`) leaves out every record that holds
 * it, in whichever language the record or the excluded word is written, with no language chosen
 * and with one; the search (facet and text index) and the SQL reference agree. Before, each
 * language's reading of the query excluded only its own stem, so `torture -children` still found
 * "Prevent the torture of children" through the Spanish reading, and a query of exclusions alone
 * found every record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, insertTexts, resetCatalogue } from '../../test/database';
import { referenceFacets, referenceMatchingIds } from '../../test/search-reference';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { matchingIds, searchRecommendations } from './recommendations.search';

let db: Database;
let maps: LabelMaps;

const CATALOGUE: Record<string, string>[] = [
  { en: 'Abolish the death penalty' },
  { en: 'Commute every death sentence and end the penalty of death' },
  { es: 'Abolir la pena de muerte' },
  { en: 'Prevent the torture of children' },
  { en: 'Prevent torture in prisons' },
  { es: 'Prevenir la tortura de los niños' },
  { es: 'Investigar la tortura en las cárceles' },
  { fr: 'Protéger les enfants migrants' },
  { en: 'Protect migrant children', es: 'Proteger a los niños migrantes' },
];

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  forgetLabelMaps();
  maps = await labelMaps(db.pool);
  await insertTexts(db, 'exclusion', CATALOGUE);
});
afterAll(async () => db.close());

const query = (q: string, lang?: string) => searchQuerySchema.parse({ q, lang, page_size: 100 });

/** The first text of each matching record, in catalogue order; the index, the SQL reference and the page agree. */
async function found(q: string, lang?: string): Promise<string[]> {
  const ids = await matchingIds(db.pool, query(q, lang), maps);
  expect(await referenceMatchingIds(db.pool, query(q, lang), maps), q).toEqual(ids);
  const search = await searchRecommendations(db.pool, query(q, lang), maps, 'en');
  expect(search.total, q).toBe(ids.length);
  expect(search.facets, q).toEqual((await referenceFacets(db.pool, query(q, lang), maps)).facets);
  const rows = (await db.pool.query(
    `select texts, original_language from recommendation where id = any($1) order by identity_key`, [ids],
  )).rows as { texts: Record<string, { text: string }>; original_language: string }[];
  return rows.map((row) => row.texts[row.original_language].text);
}

const ALL = CATALOGUE.map((texts) => Object.values(texts)[0]);
const without = (...texts: string[]) => ALL.filter((text) => !texts.includes(text));

describe('excluded words and phrases', () => {
  it('leave out the records that hold an excluded phrase, and only those, when nothing else is asked', async () => {
    expect(await found('-"death penalty"')).toEqual(without('Abolish the death penalty'));
    expect(await found('-"pena de muerte"')).toEqual(without('Abolir la pena de muerte'));
  });

  it('leave out a word in every language that reads it, whichever language the query is in', async () => {
    expect(await found('torture -children')).toEqual([
      'Prevent torture in prisons', 'Prevenir la tortura de los niños', 'Investigar la tortura en las cárceles',
    ]);
    expect(await found('tortura -niños')).toEqual(['Prevent the torture of children', 'Prevent torture in prisons',
      'Investigar la tortura en las cárceles']);
    expect(await found('migrants -children')).toEqual(['Protéger les enfants migrants']);
  });

  it('apply to their own OR group only, as the websearch syntax reads them', async () => {
    expect(await found('"death penalty" OR torture -prisons')).toEqual([
      'Abolish the death penalty', 'Prevent the torture of children', 'Prevenir la tortura de los niños',
      'Investigar la tortura en las cárceles',
    ]);
    expect(await found('-torture or -death')).toEqual(ALL);
  });

  it('within one content language, leave out what that language reads', async () => {
    expect(await found('tortura -niños', 'es')).toEqual(['Investigar la tortura en las cárceles']);
    expect(await found('-"pena de muerte"', 'es')).toEqual([
      'Prevenir la tortura de los niños', 'Investigar la tortura en las cárceles', 'Protect migrant children',
    ]);
  });
});
