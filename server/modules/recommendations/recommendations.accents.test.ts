/**
 * Accents never change what a search finds: a query and its unaccented form give the same
 * records and the same facet counts, in every language and with no language chosen, in the
 * search (facet and text index) and in the SQL reference (`search_vector @@ tsquery`).
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

/** Texts by language: accented words as written, their plurals, and the same words typed without accents. */
const CATALOGUE: Record<string, string>[] = [
  { es: 'Garantizar la educación inclusiva de las niñas' },
  { es: 'Reconocer las educaciones comunitarias' },
  { es: 'Mejorar la educacion rural y la informacion publica' },
  { es: 'Proteger a los niños migrantes', en: 'Protect migrant children' },
  { es: 'Crear una comisión de la verdad' },
  { pt: 'Garantir a educação de qualidade' },
  { pt: 'Valorizar as educações populares' },
  { pt: 'Fortalecer a educacao indigena' },
  { pt: 'Criar uma comissão nacional' },
  { fr: 'Protéger chaque élève handicapé' },
  { fr: 'Scolariser les élèves migrants' },
  { fr: 'Accueillir les eleves réfugiés' },
  { fr: "Garantir l'égalité des sexes" },
  { fr: 'Promouvoir les egalites réelles', en: 'Promote real equality' },
  { fr: "Assurer l'éducation des filles" },
  { en: 'Ensure inclusive education for all children' },
  { en: 'Protect every pupil and every café worker' },
  { en: 'Education of girls', es: 'Educación de las niñas' },
];

/** Forms of one query, the first accented as a reader writes it; each must find what the others find. */
const FORMS: string[][] = [
  ['educación', 'educacion', 'EDUCACIÓN', 'Educacion'],
  ['educaciones', 'educaciónes'],
  ['educação', 'educacao', 'EDUCAÇÃO'],
  ['educações', 'educacoes'],
  ['élève', 'eleve', 'élevé'],
  ['élèves', 'eleves'],
  ['égalité', 'egalite', 'égalite'],
  ['éducation', 'education'],
  ['niños', 'ninos'],
  ['comisión', 'comision'],
  ['comissão', 'comissao'],
  ['información pública', 'informacion publica'],
  ['"educación inclusiva"', '"educacion inclusiva"'],
  ['niños -educación', 'ninos -educacion'],
  ['café', 'cafe'],
];
const LANGUAGES = [undefined, 'es', 'pt', 'fr', 'en'] as const;

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  forgetLabelMaps();
  maps = await labelMaps(db.pool);
  await insertTexts(db, 'accents', CATALOGUE);
});
afterAll(async () => db.close());

const query = (q: string, lang: string | undefined) => searchQuerySchema.parse({ q, lang, page_size: 100 });
const texts = async (ids: number[]) => (await db.pool.query(
  `select coalesce(texts->'es', texts->'pt', texts->'fr', texts->'en')->>'text' as text from recommendation where id = any($1) order by id`, [ids],
)).rows.map((row) => row.text as string);

describe('accents in the query', () => {
  it('find the same records and facet counts as the unaccented query, in every language and in none', async () => {
    for (const forms of FORMS) {
      for (const lang of LANGUAGES) {
        const [first, ...others] = forms;
        const expected = await matchingIds(db.pool, query(first, lang), maps);
        const expectedFacets = (await searchRecommendations(db.pool, query(first, lang), maps, 'en')).facets;
        for (const q of [first, ...others]) {
          const label = `${q} (lang ${lang ?? 'none'}) like ${first}`;
          const search = await searchRecommendations(db.pool, query(q, lang), maps, 'en');
          expect(await matchingIds(db.pool, query(q, lang), maps), label).toEqual(expected);
          expect(search.total, label).toBe(expected.length);
          expect(search.facets, label).toEqual(expectedFacets);
          // The SQL the facet index replaced reads the same search vectors and tsquery.
          expect(await referenceMatchingIds(db.pool, query(q, lang), maps), label).toEqual(expected);
          expect((await referenceFacets(db.pool, query(q, lang), maps)).facets, label).toEqual(expectedFacets);
        }
      }
    }
  });

  it('find plurals and unaccented spellings in the text, whichever way the query is typed', async () => {
    for (const q of ['educacion', 'educación']) {
      expect(await texts(await matchingIds(db.pool, query(q, 'es'), maps)), q).toEqual([
        'Garantizar la educación inclusiva de las niñas',
        'Reconocer las educaciones comunitarias',
        'Mejorar la educacion rural y la informacion publica',
        'Educación de las niñas',
      ]);
    }
    for (const q of ['educacao', 'educações']) {
      expect(await texts(await matchingIds(db.pool, query(q, 'pt'), maps)), q).toEqual([
        'Garantir a educação de qualidade', 'Valorizar as educações populares', 'Fortalecer a educacao indigena',
      ]);
    }
    for (const q of ['eleve', 'élèves']) {
      expect(await texts(await matchingIds(db.pool, query(q, 'fr'), maps)), q).toEqual([
        'Protéger chaque élève handicapé', 'Scolariser les élèves migrants', 'Accueillir les eleves réfugiés',
      ]);
    }
    for (const q of ['egalite', 'égalités']) {
      expect(await texts(await matchingIds(db.pool, query(q, 'fr'), maps)), q).toEqual([
        "Garantir l'égalité des sexes", 'Promouvoir les egalites réelles',
      ]);
    }
  });
});
