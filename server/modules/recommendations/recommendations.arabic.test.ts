/**
 * Arabic is found however it is written: with or without harakat and tatweel, with any of the usual
 * spellings of alef, yeh, ta marbuta and the hamza carriers, in Arabic or Western digits, in a text
 * in Arabic or in a few Arabic words of a text in another language (migration 0040). The search
 * (facet and text index) and the SQL reference agree; snippets mark the words as they were written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../../shared/recommendations';
import { foldArabic } from '../../platform/arabic-folding';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, insertTexts, resetCatalogue } from '../../test/database';
import { referenceFacets, referenceMatchingIds } from '../../test/search-reference';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { headlineAsWritten, MARK_END, MARK_START, matchingIds, searchRecommendations } from './recommendations.search';

let db: Database;
let maps: LabelMaps;

const CATALOGUE: Record<string, string>[] = [
  { ar: 'تَعْزِيزُ حُقُوقِ الإِنْسَانِ فِي المَدَارِسِ' },
  { ar: 'إنشاء مؤسسة وطنية لحقوق الانسان، وفقا لمبادئ باريس' },
  { ar: 'حماية الأطفال من العنـــف في المنزل' },
  { ar: 'التعاون مع المقررة الخاصة المعنية بالعنف ضد المرأة' },
  { es: 'Cooperar con la Liga de los Estados Árabes (جامعة الدول العربية)', en: 'Cooperate with the League of Arab States' },
  { ar: 'بناء مستشفى في كل محافظة' },
  { ar: 'اعتماد خطة وطنية للتعليم قبل عام ٢٠٢٤' },
  { en: 'Protect human rights defenders and their families' },
  { es: 'Proteger a las mujeres contra la violencia' },
];

/** Forms of one query, each written differently; all must find the same records. */
const FORMS: { forms: string[]; texts: string[] }[] = [
  { forms: ['الإنسان', 'الانسان', 'الإِنْسَانِ', 'الإنسـان', 'الٱنسان'], texts: [CATALOGUE[0].ar, CATALOGUE[1].ar] },
  { forms: ['مؤسسة', 'موسسه', 'مُؤَسَّسَةٌ'], texts: [CATALOGUE[1].ar] },
  { forms: ['العنف', 'العنـــف', 'العُنْف'], texts: [CATALOGUE[2].ar] },
  { forms: ['المرأة', 'المراه', 'المرآة'], texts: [CATALOGUE[3].ar] },
  { forms: ['العربية', 'العربيه', 'الْعَرَبِيَّة'], texts: [CATALOGUE[4].es] },
  { forms: ['مستشفى', 'مستشفي'], texts: [CATALOGUE[5].ar] },
  { forms: ['٢٠٢٤', '2024', '۲۰۲۴'], texts: [CATALOGUE[6].ar] },
  { forms: ['"حقوق الإنسان"', '"حُقُوقِ الانسان"'], texts: [CATALOGUE[0].ar] },
  { forms: ['الإنسان -مؤسسة', 'الانسان -موسسه'], texts: [CATALOGUE[0].ar] },
  { forms: ['باريس', 'باريس،', 'باريس؟'], texts: [CATALOGUE[1].ar] },
];

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  forgetLabelMaps();
  maps = await labelMaps(db.pool);
  await insertTexts(db, 'arabic', CATALOGUE);
});
afterAll(async () => db.close());

const query = (q: string, lang?: string) => searchQuerySchema.parse({ q, lang, page_size: 100 });
const texts = async (ids: number[]) => (await db.pool.query(
  `select coalesce(texts->'ar', texts->'es', texts->'en')->>'text' as text from recommendation where id = any($1) order by id`, [ids],
)).rows.map((row) => row.text as string);

describe('Arabic in the search', () => {
  it('folds in the database exactly as on the server, every character of the Arabic block, and leaves other text alone', async () => {
    const block = Array.from({ length: 0x100 }, (_, k) => String.fromCharCode(0x0600 + k)).join('');
    const other = 'Educación de los niños en São Tomé; 2024 % ?';
    const { rows: [row] } = await db.pool.query('select nmirf_fold_arabic($1) as block, nmirf_fold_arabic($2) as other, nmirf_unaccent($2) as unaccented', [block, other]);
    expect(row.block).toBe(foldArabic(block));
    expect(row.block.length).toBe(0x100 - 23);
    expect(row.other).toBe(other);
    expect(row.unaccented).toBe('Educacion de los ninos en Sao Tome; 2024 % ?');
  });

  it('finds the same records however the query is written, with and without harakat, tatweel or letter variants, as the SQL reference does', async () => {
    for (const { forms, texts: expected } of FORMS) {
      const [first] = forms;
      const ids = await matchingIds(db.pool, query(first), maps);
      expect(await texts(ids), first).toEqual(expected);
      const facets = (await searchRecommendations(db.pool, query(first), maps, 'en')).facets;
      for (const q of forms) {
        const search = await searchRecommendations(db.pool, query(q), maps, 'en');
        expect(await matchingIds(db.pool, query(q), maps), q).toEqual(ids);
        expect(search.total, q).toBe(ids.length);
        expect(search.facets, q).toEqual(facets);
        expect(await referenceMatchingIds(db.pool, query(q), maps), q).toEqual(ids);
        expect((await referenceFacets(db.pool, query(q), maps)).facets, q).toEqual(facets);
      }
    }
  });

  it('finds Arabic words in a text in another language with that language chosen, and Arabic texts with Arabic chosen', async () => {
    for (const q of ['العربية', 'العربيه']) expect(await texts(await matchingIds(db.pool, query(q, 'es'), maps)), q).toEqual([CATALOGUE[4].es]);
    // Arabic is not (yet) a language of the interface: the database is asked directly.
    for (const q of ['الإنسان', 'الانسان', 'الإِنْسَانِ']) {
      const { rows } = await db.pool.query(
        `select texts->'ar'->>'text' as text from recommendation where texts ? 'ar' and search_vector @@ nmirf_search_query($1, 'ar') order by id`, [q]);
      expect(rows.map((r) => r.text), q).toEqual([CATALOGUE[0].ar, CATALOGUE[1].ar]);
    }
  });

  it('marks the words as written in snippets, harakat and tatweel included', async () => {
    const headlines = async (q: string) => new Map((await searchRecommendations(db.pool, query(q), maps, 'en')).rows
      .map((row) => [row.texts[row.headline_language].text, row.headline]));
    const human = await headlines('الانسان');
    expect(human.get(CATALOGUE[0].ar)).toBe(`تَعْزِيزُ حُقُوقِ ${MARK_START}الإِنْسَانِ${MARK_END} فِي المَدَارِسِ`);
    expect(human.get(CATALOGUE[1].ar)).toContain(`لحقوق ${MARK_START}الانسان${MARK_END}،`);
    expect((await headlines('العُنْف')).get(CATALOGUE[2].ar)).toContain(`${MARK_START}العنـــف${MARK_END}`);
    expect((await headlines('2024')).get(CATALOGUE[6].ar)).toContain(`${MARK_START}٢٠٢٤${MARK_END}`);
    expect((await headlines('violencia')).get(CATALOGUE[8].es)).toBe(`Proteger a las mujeres contra la ${MARK_START}violencia${MARK_END}`);
  });

  it('puts a headline of the folded text back into the text as written, fragment by fragment', () => {
    const written = 'أَوَّلًا: حِمَايَةُ الأَطْفَالِ. ثانيا: تعليم البنات';
    const headline = `اولا: ${MARK_START}حمايه${MARK_END} الاطفال … ثانيا: ${MARK_START}تعليم${MARK_END}`;
    expect(headlineAsWritten(headline, written)).toBe(`أَوَّلًا: ${MARK_START}حِمَايَةُ${MARK_END} الأَطْفَالِ … ثانيا: ${MARK_START}تعليم${MARK_END}`);
    expect(headlineAsWritten(`a ${MARK_START}b${MARK_END}`, 'a b')).toBe(`a ${MARK_START}b${MARK_END}`);
    // A fragment that is not in the text is left as it came.
    expect(headlineAsWritten(`${MARK_START}حمايه${MARK_END} شيء آخر`, written)).toBe(`${MARK_START}حمايه${MARK_END} شيء آخر`);
  });
});
