import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { appWithDemoData } from '../../test/app';
import { importRecommendations } from './use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import type { RecommendationDetail, SearchResponse } from '../../../shared/recommendations';

let app: FastifyInstance;
let db: Database;
let close: () => Promise<void>;
const demoRows = fs.readFileSync(DEMO_FILE, 'utf8').trim().split('\n').length - 1;

beforeAll(async () => {
  ({ app, db, close } = await appWithDemoData());
});
afterAll(async () => close());

async function search(query: string): Promise<SearchResponse> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const texts = (result: SearchResponse) => result.items.map((item) => item.text);

describe('GET /api/health', () => {
  it('answers ok once the database is reachable', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('search without a query', () => {
  it('lists everything, newest first, with facet counts that add up', async () => {
    const result = await search('page_size=100');
    expect(result.total).toBe(demoRows);
    expect(result.items).toHaveLength(demoRows);
    const dates = result.items.map((item) => item.date ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    const mechanismTotal = result.facets.mechanism.reduce((sum, f) => sum + f.count, 0);
    expect(mechanismTotal).toBe(demoRows);
    expect(result.facets.position.map((f) => f.key).sort()).toEqual(['noted', 'supported', 'supported_in_part']);
    expect(result.facets.mechanism.find((f) => f.key === 'UPR')?.label).toBe('Universal Periodic Review');
  });

  it('pages through the results without overlap', async () => {
    const first = await search('page_size=20&page=1');
    const third = await search('page_size=20&page=3');
    expect(first.items).toHaveLength(20);
    expect(third.items).toHaveLength(demoRows - 40);
    const ids = new Set(first.items.map((i) => i.id));
    expect(third.items.some((i) => ids.has(i.id))).toBe(false);
  });
});

describe('language-aware full-text search', () => {
  it('stems Spanish: "niño" finds "niños"', async () => {
    const result = await search(`q=${encodeURIComponent('niño')}&lang=es`);
    expect(result.total).toBeGreaterThan(2);
    expect(texts(result).every((t) => /niñ[oa]s?/i.test(t))).toBe(true);
    expect(texts(result).some((t) => /niños/.test(t))).toBe(true);
  });

  it('ignores accents: "educacion" finds "educación"', async () => {
    const result = await search('q=educacion&lang=es');
    expect(result.total).toBeGreaterThan(3);
    expect(texts(result).every((t) => /educaci[oó]n|educativo/i.test(t))).toBe(true);
  });

  it('matches plurals of accented words, with or without the accents', async () => {
    const singular = await search(`q=${encodeURIComponent('educación')}&lang=es`);
    for (const q of ['educaciones', 'educacion', 'EDUCACIÓN']) {
      const result = await search(`q=${encodeURIComponent(q)}&lang=es`);
      expect(result.total, q).toBe(singular.total);
    }
    expect(texts(await search(`q=${encodeURIComponent('educações')}&lang=pt`))).toEqual([expect.stringContaining('educação')]);
    expect(texts(await search(`q=${encodeURIComponent('éducations')}&lang=fr`))).toEqual([expect.stringContaining('éducation')]);
  });

  it('stems English, French and Portuguese', async () => {
    expect(texts(await search('q=children&lang=en')).some((t) => t.includes('child'))).toBe(true);
    expect(texts(await search(`q=${encodeURIComponent('écoles')}&lang=fr`))).toEqual([expect.stringContaining('écoles')]);
    expect(texts(await search(`q=${encodeURIComponent('educacao')}&lang=pt`))).toEqual([expect.stringContaining('educação')]);
  });

  it('searches every language when none is given', async () => {
    const result = await search('q=education');
    expect(result.items.some((i) => i.language === 'en')).toBe(true);
  });

  it('matches quoted phrases exactly', async () => {
    const phrase = await search(`q=${encodeURIComponent('"educación inclusiva"')}&lang=es`);
    expect(phrase.total).toBe(1);
    expect(phrase.items[0].text).toContain('educación inclusiva');
    const words = await search(`q=${encodeURIComponent('educación inclusiva')}&lang=es`);
    expect(words.total).toBe(1);
    const reversed = await search(`q=${encodeURIComponent('"inclusiva educación"')}&lang=es`);
    expect(reversed.total).toBe(0);
  });

  it('supports OR and -exclusion', async () => {
    const tortura = await search('q=tortura&lang=es');
    const corrupcion = await search(`q=${encodeURIComponent('corrupción')}&lang=es`);
    const either = await search(`q=${encodeURIComponent('tortura OR corrupción')}&lang=es`);
    expect(tortura.total).toBeGreaterThan(0);
    expect(corrupcion.total).toBeGreaterThan(0);
    expect(either.total).toBe(tortura.total + corrupcion.total);
    const all = await search('q=educacion&lang=es');
    const without = await search(`q=${encodeURIComponent('educación -indígenas')}&lang=es`);
    expect(without.total).toBeGreaterThan(0);
    expect(without.total).toBeLessThan(all.total);
    expect(texts(without).some((t) => /indígena/i.test(t))).toBe(false);
  });

  it('ranks by relevance and highlights matches in an escaped snippet', async () => {
    const result = await search('q=educacion&lang=es');
    expect(result.items[0].snippet).toMatch(/<mark>educaci[oó]n<\/mark>/i);
    for (const item of result.items) {
      expect(item.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
  });

  it('never fails on odd query syntax', async () => {
    for (const q of ['"', '-', 'OR', '((', '!!', ':*', "'", '&|!', 'a'.repeat(500)]) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations?q=${encodeURIComponent(q)}` });
      expect(response.statusCode, `${q}: ${response.body}`).toBe(200);
    }
  });
});

describe('filters and facets', () => {
  it('filters by mechanism, and keeps the other mechanisms countable', async () => {
    const result = await search('mechanism=CRC');
    expect(result.total).toBe(4);
    expect(result.items.every((i) => i.mechanism.key === 'CRC')).toBe(true);
    expect(result.facets.mechanism.length).toBeGreaterThan(3);
    const both = await search('mechanism=CRC&mechanism=CAT');
    expect(both.total).toBe(result.total + result.facets.mechanism.find((f) => f.key === 'CAT')!.count);
  });

  it('combines filters across facets with AND', async () => {
    const result = await search('mechanism=UPR&country=PRY&position=noted');
    expect(result.total).toBe(3);
    expect(result.items.every((i) => i.position === 'noted' && i.countries[0].key === 'PRY')).toBe(true);
    expect(result.facets.country.find((f) => f.key === 'URY')?.count).toBeUndefined();
  });

  it('filters by theme, affected persons, SDG goal and target, cycle and years', async () => {
    const education = await search('theme=right-to-education');
    expect(education.total).toBeGreaterThan(5);
    const children = await search('affected=children&theme=right-to-education');
    expect(children.total).toBeLessThan(education.total);
    const goal4 = await search('sdg=4');
    const target45 = await search('sdg=4.5');
    expect(target45.total).toBeGreaterThan(0);
    expect(target45.total).toBeLessThan(goal4.total);
    const cycle1 = await search('cycle=1');
    expect(cycle1.items.every((i) => i.cycle === 1)).toBe(true);
    const years = await search('year_from=2019&year_to=2021');
    expect(years.items.every((i) => i.year! >= 2019 && i.year! <= 2021)).toBe(true);
    // The year facet ignores its own filter, so a reader can widen the range.
    expect(years.facets.year.map((f) => f.key)).toContain('2011');
    expect(years.total).toBe(years.facets.year.filter((f) => Number(f.key) >= 2019 && Number(f.key) <= 2021)
      .reduce((sum, f) => sum + f.count, 0));
  });

  it('labels facets in the requested language', async () => {
    const es = await search('locale=es');
    expect(es.facets.mechanism.find((f) => f.key === 'UPR')?.label).toBe('Examen Periódico Universal');
    expect(es.facets.position.find((f) => f.key === 'supported')?.label).toBe('Aceptada');
    expect(es.facets.country.find((f) => f.key === 'BRA')?.label).toBe('Brasil');
  });
});

describe('invalid parameters', () => {
  const bad = [
    'page_size=1000', 'page_size=0', 'page=0', 'page=abc', 'year_from=abc', 'year_to=3000', 'country=PARAGUAY',
    'position=maybe', 'sort=random', 'lang=xx', 'cycle=0', 'sdg=goal', `q=${'x'.repeat(501)}`, 'page=600',
  ];
  it.each(bad)('%s answers 400 with a message, never 500', async (query) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations?${query}` });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('bad_request');
    expect(body.message.length).toBeGreaterThan(5);
    expect(response.body).not.toMatch(/at .*\.ts|stack/i);
  });

  it('answers in the caller\'s language', async () => {
    const es = await app.inject({ method: 'GET', url: '/api/v1/recommendations?page_size=1000&locale=es' });
    expect(es.json().message).toMatch(/^Parámetro no válido page_size/);
    const fr = await app.inject({ method: 'GET', url: '/api/v1/recommendations?page=600', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(fr.json().message).toMatch(/premiers résultats/);
  });
});

describe('GET /api/v1/recommendations/{id}', () => {
  it('gives one recommendation in full, with label provenance', async () => {
    const hit = (await search(`q=${encodeURIComponent('"educación inclusiva"')}&lang=es`)).items[0];
    const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations/${hit.id}?locale=en` });
    expect(response.statusCode).toBe(200);
    const detail: RecommendationDetail = response.json();
    expect(detail.symbol).toBe('CRC/C/PRY/CO/6');
    expect(detail.paragraph).toBe('36');
    expect(detail.texts.es.text).toContain('educación inclusiva');
    expect(detail.themes.map((t) => t.key)).toContain('right-to-education');
    expect(detail.sdg_targets.map((t) => t.key).sort()).toEqual(['4.5', '4.a']);
    expect(detail.sdg_goals.map((t) => t.key)).toEqual(['4']);
    expect(detail.external_ids).toEqual([{ scheme: 'csv', value: 'demo-022' }]);
    expect(detail.labels.every((l) => l.provenance === 'import')).toBe(true);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/recommendations/999999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/recommendations/abc' })).statusCode).toBe(400);
  });
});

describe('GET /api/v1/recommendations.csv', () => {
  it('streams the same filtered set, spreadsheet-safe, accents intact', async () => {
    await importRecommendations(db.pool, Buffer.from(
      'mechanism,country,language,date,paragraph,symbol,text\n' +
      'UPR,PRY,es,2024-01-01,1,A/HRC/99/1,"=HYPERLINK(""http://evil.example"",""clic"") garantizar <script>alert(1)</script> educación"\n',
    ), { fileName: 'evil.csv', format: 'csv', actor: 'system:test' });
    forgetLabelMaps();
    const filtered = await search('q=educacion&lang=es&page_size=100');
    const response = await app.inject({ method: 'GET', url: '/api/v1/recommendations.csv?q=educacion&lang=es' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const body = response.rawPayload.toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^id,mechanism,/);
    expect(lines).toHaveLength(filtered.total + 1);
    expect(body).toContain('educación');
    expect(body).toContain(`"'=HYPERLINK(`);
    expect(body).not.toMatch(/(^|,)"?=/m);
    // Snippets escape everything but <mark>: with a query (ts_headline drops markup) and without.
    const evil = filtered.items.find((i) => i.text.includes('HYPERLINK'))!;
    expect(evil.snippet).not.toMatch(/<(?!\/?mark>)/);
    const plain = (await search('year_from=2024')).items.find((i) => i.text.includes('HYPERLINK'))!;
    expect(plain.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    // The same set as XLSX: the same ids in the same order, text kept exactly and never a formula.
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/recommendations.xlsx?q=educacion&lang=es' });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('recommendations')!;
    const ids = (sheet.getColumn(1).values as unknown[]).slice(2).map(String);
    expect(ids).toEqual(lines.slice(1).map((line) => line.split(',')[0]));
    const textColumn = (sheet.getRow(1).values as unknown[]).indexOf('text');
    const evilCell = sheet.getColumn(textColumn).values.find((v) => String(v).includes('HYPERLINK'));
    expect(String(evilCell)).toMatch(/^=HYPERLINK\(/);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('mechanism names and acronyms in the reader\'s language', () => {
  const facet = async (locale: string, code: string) =>
    (await search(`locale=${locale}`)).facets.mechanism.find((f) => f.key === code);

  it('gives each mechanism its name and acronym in the reader\'s language (CIDH in Spanish, IACHR in English)', async () => {
    expect(await facet('es', 'IACHR')).toMatchObject({ label: 'Comisión Interamericana de Derechos Humanos', short: 'CIDH' });
    expect(await facet('fr', 'IACHR')).toMatchObject({ label: "Commission interaméricaine des droits de l'homme", short: 'CIDH' });
    expect(await facet('en', 'IACHR')).toMatchObject({ label: 'Inter-American Commission on Human Rights', short: 'IACHR' });
    expect(await facet('es', 'UPR')).toMatchObject({ label: 'Examen Periódico Universal', short: 'EPU' });
    expect(await facet('pt', 'UPR')).toMatchObject({ label: 'Revisão Periódica Universal', short: 'RPU' });
    expect(await facet('fr', 'CRC')).toMatchObject({ short: 'CRC' });
    // A special procedure: its mandate title, no acronym.
    expect(await facet('es', 'SR-INDIGENOUS')).toMatchObject({ label: 'Relator Especial sobre los derechos de los pueblos indígenas', short: null });
    const iachr = (await search('locale=es&mechanism=IACHR')).items[0];
    expect(iachr.mechanism).toEqual({ key: 'IACHR', label: 'Comisión Interamericana de Derechos Humanos', short: 'CIDH' });
    const page = async (locale: string) => (await app.inject({ method: 'GET', url: `/api/v1/public/mechanisms/IACHR?locale=${locale}` })).json();
    expect(await page('es')).toMatchObject({ name: 'Comisión Interamericana de Derechos Humanos', acronym: 'CIDH' });
    expect(await page('en')).toMatchObject({ name: 'Inter-American Commission on Human Rights', acronym: 'IACHR' });
  });
});
