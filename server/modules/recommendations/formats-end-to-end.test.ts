/**
 * Each import format, from file to API answer: what the parsers extract must
 * survive resolution, storage and presentation.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecommendationDetail, SearchResponse } from '../../../shared/recommendations';
import { buildApp } from '../../app';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { importRecommendations } from './use-cases/import-recommendations';

const fixtures = path.join(import.meta.dirname, 'import/formats/fixtures');
let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
});
afterAll(async () => { await app.close(); await db.close(); });

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function detailOf(query: string): Promise<RecommendationDetail> {
  const result = await get<SearchResponse>(`/api/v1/recommendations?${query}`);
  expect(result.total, query).toBe(1);
  return get<RecommendationDetail>(`/api/v1/recommendations/${result.items[0].id}`);
}

describe('UHRI JSON export', () => {
  it('keeps identity, paragraph, positions, cycle, SDG targets and goal-level labels', async () => {
    const report = await importRecommendations(db.pool, fs.readFileSync(path.join(fixtures, 'uhri-export.json')), { fileName: 'uhri.json', actor: 'system:test' });
    expect(report).toMatchObject({ format: 'uhri-json', created: 7, rejected: 0 });
    forgetLabelMaps();
    const upr = await detailOf(`q=${encodeURIComponent('"comprehensive law against all forms of discrimination"')}`);
    expect(upr).toMatchObject({ symbol: 'A/HRC/48/9', paragraph: '136.12', cycle: 3, session: 38, position: 'supported', kind: 'recommendation' });
    expect(upr.texts.en.text).toMatch(/^Adopt a comprehensive law/);
    expect(upr.texts.en.text).not.toMatch(/136\.12|&nbsp;|<p>/);
    expect(upr.external_ids).toEqual([{ scheme: 'uhri', value: '3f6c2a1e-8b4d-4c1a-9e2f-0a1b2c3d4e01' }]);
    expect(upr.recommending_states.map((s) => s.key)).toEqual(['CHL']);
    expect(upr.sdg_targets.map((t) => t.key)).toEqual(['10.3', '16.b']);
    expect(upr.sdg_goals.map((t) => t.key)).toEqual(['10', '16']);

    const split = await get<SearchResponse>('/api/v1/recommendations?position=supported_in_part');
    expect(split.total).toBe(1);
    const sr = await get<SearchResponse>('/api/v1/recommendations?mechanism=SR-TORTURE');
    expect(sr.total).toBe(1);
    const srDetail = await get<RecommendationDetail>(`/api/v1/recommendations/${sr.items[0].id}`);
    expect(srDetail.sdg_goals.map((g) => g.key)).toEqual(['16']);
    expect(srDetail.sdg_targets).toEqual([]);
    expect((await get<SearchResponse>('/api/v1/recommendations?mechanism=CRC')).items[0].kind).toMatch(/recommendation|observation/);
  });
});

describe('UHRI XLSX export', () => {
  it('reads the misspelled OHCHR headers, "- " prefixed multi-line cells and Excel serial dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Text', 'Countries Concerned', 'Reccomending Body', 'Document Symbol', 'Themes', 'Affected Persons', 'Sdgs',
      'Document Publication Date', 'UPR Reccomending States', 'UPR Position', 'Type', 'OHCHR Annotation Id', 'UPR Session',
      'Regions Concerned', 'Recommending Regions', 'Date of publication on UHRI']);
    sheet.addRow(['49. The Committee recommends that the State party guarantee birth registration for every child in the Chaco.',
      '- Paraguay', '- CRC', '- CRC/C/PRY/CO/6', '- Rights related to name, identity & nationality\n- Children: definition; general principles; protection',
      '- Children', '- 16.9 - Universal legal identity and birth registration', 44846, '', '', '- Recommendations',
      '- 9b2a1c3d-0000-4000-8000-00000000abcd', '', '- Latin America and the Caribbean', '', 44900]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importRecommendations(db.pool, buffer, { fileName: 'export.xlsx', actor: 'system:test' });
    expect(report).toMatchObject({ format: 'uhri-xlsx', created: 1, rejected: 0 });
    forgetLabelMaps();
    const detail = await detailOf('q=Chaco&mechanism=CRC');
    expect(detail).toMatchObject({ symbol: 'CRC/C/PRY/CO/6', paragraph: '49', date: '2022-10-12' });
    expect(detail.themes.map((t) => t.key)).toEqual(expect.arrayContaining(['rights-related-to-name-identity-and-nationality']));
    expect(detail.external_ids[0]).toEqual({ scheme: 'uhri', value: '9b2a1c3d-0000-4000-8000-00000000abcd' });
  });
});

describe('generic spreadsheet (XLSX)', () => {
  it('imports the generic columns from an XLSX file too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Recomendaciones');
    sheet.addRow(['mechanism', 'country', 'language', 'date', 'paragraph', 'symbol', 'text', 'themes', 'position']);
    sheet.addRow(['IACHR', 'Paraguay', 'es', new Date(Date.UTC(2020, 0, 15)), '7', '', 'Reparar integralmente a las víctimas de Curuguaty.', 'Right to effective remedy & reparations', '']);
    const report = await importRecommendations(db.pool, Buffer.from(await workbook.xlsx.writeBuffer()), { fileName: 'cidh.xlsx', actor: 'system:test' });
    expect(report).toMatchObject({ format: 'csv', created: 1, rejected: 0 });
    forgetLabelMaps();
    const detail = await detailOf(`q=Curuguaty&locale=es`);
    expect(detail.mechanism).toEqual({ key: 'IACHR', label: 'Inter-American Commission on Human Rights', short: 'IACHR' });
    expect(detail.date).toBe('2020-01-15');
  });
});
