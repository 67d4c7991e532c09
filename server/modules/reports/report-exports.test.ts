/**
 * The report's files, read back by readers that share nothing with the
 * writers: mammoth (DOCX to HTML), Poppler's `pdftotext` (PDF to text) and
 * SheetJS (XLSX). Each must hold every selected recommendation once, in the
 * report's order, with its published actions and nothing unpublished.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { hasPdftotext } from '../../test/pdftotext';

let t: TestApp;
let secretariat: Session;
let focal: Session;
let report: { id: number; sections: { key: string; heading: string; group_heading: string | null; text: string }[] };
const EDIT = 'Párrafo redactado por la secretaría: el Ministerio amplió las becas a 12 departamentos.';

const rec = async (externalId: string) => Number((await t.db.pool.query(
  'select recommendation_id from recommendation_external_id where value = $1', [externalId])).rows[0].recommendation_id);

async function action(institution: number, state: string, title: string, recommendationIds: number[]) {
  const { rows } = await t.db.pool.query(
    `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, progress)
     values ($1, $2, 'programme', 'structural', $3, '{"es":"Descripción."}', 'es', '2024-02-01', 30) returning id`,
    [institution, state, JSON.stringify({ es: title })]);
  for (const id of recommendationIds) await t.db.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [rows[0].id, id]);
}

const download = async (format: string, session: Session | null = secretariat) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}/export.${format}`, headers: as(session) });
  return response;
};

/** Each heading once (119.1 is not 119.12), in the given order, in a text. */
function expectOnceInOrder(text: string, headings: string[]) {
  const positions = headings.map((heading) => {
    const found = [...text.matchAll(new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`, 'g'))].map((m) => m.index);
    expect(found, heading).toHaveLength(1);
    return found[0];
  });
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate report_draft cascade');
  const education = await createInstitution(t.db, 'Ministerio de Educación Export');
  const women = await createInstitution(t.db, 'Ministerio de la Mujer Export');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'focal@example.org', 'focal_point', education);
  secretariat = await signIn(t.app, 'secretariat@example.org');
  focal = await signIn(t.app, 'focal@example.org');
  // Six UPR recommendations of the demo catalogue, two institutions, published and unpublished actions.
  const ids = await Promise.all(['demo-001', 'demo-002', 'demo-003', 'demo-004', 'demo-005', 'demo-006'].map(rec));
  await t.db.pool.query('delete from assignment where recommendation_id = any($1::bigint[])', [ids]);
  for (const [i, id] of ids.entries()) {
    await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead')`, [id, i % 2 ? women : education]);
  }
  await t.db.pool.query('delete from action_recommendation where recommendation_id = any($1::bigint[])', [ids]);
  await action(education, 'published', 'Programa nacional de becas', [ids[0], ids[2]]);
  await action(women, 'published', '=HYPERLINK("https://evil.example/","Casas de acogida")', [ids[1]]);
  await action(education, 'validated', 'Acción validada sin publicar', [ids[0]]);
  await action(women, 'draft', 'Borrador confidencial', [ids[1], ids[3]]);

  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/reports', headers: as(secretariat),
    payload: { template: 'upr_midterm', title: 'Informe de medio término: EPU', language: 'es', grouping: 'institution', recommendation_ids: ids },
  });
  expect(created.statusCode, created.body).toBe(201);
  report = created.json();
  const edited = await t.app.inject({
    method: 'PATCH', url: `/api/v1/reports/${report.id}/sections/${report.sections[1].key}`, headers: as(secretariat),
    payload: { version: 1, text: EDIT },
  });
  expect(edited.statusCode, edited.body).toBe(200);
  report = edited.json();
});
afterAll(async () => t?.close());

const headings = () => report.sections.map((s) => s.heading);

describe('the Word document', () => {
  it('has real headings, each recommendation once in the report order, its published actions, the edit, and nothing unpublished', async () => {
    const response = await download('docx');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml.document');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=.*\.docx/);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer: response.rawPayload });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const [body, annex] = html.split('<h1>Anexo: matriz de recomendaciones</h1>');
    expect(annex).toBeDefined();
    // Group headings are Heading 1 (two institutions), section headings Heading 2: the symbol and paragraph.
    const h1 = [...body.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
    expect(h1).toEqual(['Ministerio de Educación Export', 'Ministerio de la Mujer Export']);
    const h2 = [...body.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(headings());
    expect(new Set(h2).size).toBe(6);
    expect(body).toContain(EDIT);
    expect(body).toContain('Programa nacional de becas');
    for (const text of [html]) {
      expect(text).not.toContain('Borrador confidencial');
      expect(text).not.toContain('Acción validada sin publicar');
    }
    // The matrix: a table, a header row, then one row per recommendation in the same order.
    const rows = [...annex.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, ' ').trim()));
    expect(rows[0].slice(0, 3)).toEqual(['Documento y párrafo', 'Recomendación', 'Estados recomendantes']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(headings());
    expect(annex).toContain('Programa nacional de becas');
  });

  it('carries a table of contents field, page numbers in the footer, and the document symbols cited', async () => {
    const zip = await JSZip.loadAsync((await download('docx')).rawPayload);
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/<w:instrText[^>]*> TOC \\o "1-2"/);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:updateFields w:val="true"/>');
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('w:instr=" PAGE "');
    expect(footer).toContain('Página');
    expect(document).toContain('A/HRC/48/9');
    expect(document).toContain('w:orient="landscape"');
  });
});


describe('the PDF', () => {
  // CI installs poppler-utils, and there a missing pdftotext fails the test; elsewhere it says what to install.
  it.skipIf(!hasPdftotext && !process.env.CI)('holds each recommendation once in order, the edit and only published actions, with page numbers (needs pdftotext from poppler-utils)', async () => {
    const response = await download('pdf');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 'report.pdf'), response.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
      expectOnceInOrder(text.replace(/\s+/g, ' '), headings());
      expect(text.replace(/\s+/g, ' ')).toContain(EDIT);
      expect(text).toContain('Programa nacional de becas');
      expect(text).toContain('Casas de acogida');
      expect(text).not.toContain('Borrador confidencial');
      expect(text).not.toContain('Acción validada sin publicar');
      const pages = text.split('\f').filter((page) => page.trim());
      expect(pages.length).toBeGreaterThanOrEqual(1);
      pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the XLSX matrix', () => {
  it('has one row per recommendation in the report order, in the shape of the UPR matrix, values never formulas', async () => {
    const response = await download('xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const workbook = XLSX.read(response.rawPayload, { type: 'buffer', cellFormula: true });
    const sheet = workbook.Sheets[workbook.SheetNames[0]];
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    expect(rows[0]).toEqual(['Grupo', 'Documento y párrafo', 'Recomendación', 'Estados recomendantes', 'Posición', 'Temas', 'Personas afectadas',
      'Metas de los ODS', 'Instituciones responsables', 'Acciones realizadas', 'Estado de implementación']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(headings());
    expect(rows.slice(1).map((r) => r[0])).toEqual(report.sections.map((s) => s.group_heading));
    const all = JSON.stringify(rows);
    expect(all).toContain('Programa nacional de becas');
    expect(all).not.toContain('Borrador confidencial');
    expect(all).not.toContain('Acción validada sin publicar');
    // A title that looks like a formula is a string cell, exactly as written.
    const formulaLike = Object.entries(sheet).find(([, cell]) => typeof cell === 'object' && String((cell as XLSX.CellObject).v).includes('HYPERLINK'));
    expect(formulaLike).toBeDefined();
    const cell = formulaLike![1] as XLSX.CellObject;
    expect(cell.t).toBe('s');
    expect(cell.f).toBeUndefined();
    expect(String(cell.v)).toContain('=HYPERLINK("https://evil.example/","Casas de acogida")');
  });
});

describe('dates and numbers in the report\'s language', () => {
  // One recommendation with a dated published action, an indicator measured in percent and a government status.
  const CASES = [
    { language: 'es', date: '31 de mayo de 2023', percent: '66,4 %', progress: '45 %', sheet: 'Matriz' },
    { language: 'fr', date: '31 mai 2023', percent: '66,4 %', progress: '45 %', sheet: 'Matrice' },
    { language: 'pt', date: '31 de maio de 2023', percent: '66,4%', progress: '45%', sheet: 'Matriz' },
    { language: 'en', date: 'May 31, 2023', percent: '66.4%', progress: '45%', sheet: 'Matrix' },
    // Arabic as Node's ICU writes it (Latin digits; a left-to-right mark on each side of "%", left out here).
    { language: 'ar', date: '31 مايو 2023', percent: '66.4%', progress: '45%', sheet: 'المصفوفة' },
  ] as const;
  const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
  /** Non-breaking and narrow spaces (what Intl puts before "%") read as plain spaces. */
  const plain = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
  const drafts = new Map<string, number>();

  beforeAll(async () => {
    const id = await rec('demo-007');
    const institution = await createInstitution(t.db, 'Instituto Nacional de Estadística Export');
    await t.db.pool.query('delete from assignment where recommendation_id = $1', [id]);
    await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead')`, [id, institution]);
    await t.db.pool.query('delete from action_recommendation where recommendation_id = $1', [id]);
    const { rows: [act] } = await t.db.pool.query(
      `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, end_date, progress)
       values ($1, 'published', 'programme', 'structural', '{"es":"Censo de acceso escolar"}', '{"es":"Descripción."}', 'es', '2023-05-31', '2024-01-15', 45) returning id`,
      [institution]);
    await t.db.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [act.id, id]);
    const { rows: [indicator] } = await t.db.pool.query(
      `insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Tasa de matriculación"}', 'outcome', '%', 'annual') returning id`,
      [institution]);
    await t.db.pool.query('insert into indicator_recommendation (indicator_id, recommendation_id) values ($1, $2)', [indicator.id, id]);
    await t.db.pool.query(`insert into indicator_measurement (indicator_id, measured_on, value) values ($1, '2023-05-31', 66.4)`, [indicator.id]);
    const { rows: [step] } = await t.db.pool.query(`select key from status_scale_step where assessor_kind = 'government' order by position limit 1`);
    await t.db.pool.query(`delete from implementation_assessment where recommendation_id = $1`, [id]);
    await t.db.pool.query(
      `insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, 'government', $2, 'Informe anual.', '2023-05-31')`,
      [id, step.key]);
    for (const { language } of CASES) {
      const created = await t.app.inject({
        method: 'POST', url: '/api/v1/reports', headers: as(secretariat),
        payload: { template: 'custom', title: `Report ${language}`, language, grouping: 'paragraph', recommendation_ids: [id] },
      });
      expect(created.statusCode, created.body).toBe(201);
      drafts.set(language, created.json().id);
    }
  });

  const fetchExport = async (language: string, format: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${drafts.get(language)}/export.${format}`, headers: as(secretariat) });
    expect(response.statusCode, response.body).toBe(200);
    return response.rawPayload;
  };

  it.each(CASES)('the Word document in $language writes "$date" and "$percent", never an ISO date', async ({ language, date, percent, progress }) => {
    const { value } = await mammoth.extractRawText({ buffer: await fetchExport(language, 'docx') });
    const text = plain(value);
    expect(text).toContain(date);
    expect(text).toContain(`${percent} (${date})`);
    expect(text).toContain(`, ${progress}`);
    expect(text).not.toMatch(ISO_DATE);
  });

  it.each(CASES)('the XLSX matrix in $language has the sheet "$sheet" and dates written as "$date"', async ({ language, date, progress, sheet }) => {
    const workbook = XLSX.read(await fetchExport(language, 'xlsx'), { type: 'buffer' });
    expect(workbook.SheetNames).toEqual([sheet]);
    const rows = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets[sheet], { header: 1, defval: '' });
    const cells = plain(JSON.stringify(rows.slice(1)));
    expect(cells).toContain(`(${date}`);
    expect(cells).toContain(progress);
    expect(cells).not.toMatch(ISO_DATE);
  });

  it.skipIf(!hasPdftotext && !process.env.CI)('the PDF in each language writes its dates and percentages for that language (needs pdftotext)', async () => {
    for (const { language, date, percent } of CASES) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-pdf-'));
      try {
        fs.writeFileSync(path.join(dir, 'report.pdf'), await fetchExport(language, 'pdf'));
        const text = plain(execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }));
        // pdftotext gives a right-to-left line's words in its own order (pdf-arabic.test.ts checks the order on the
        // words' boxes): in Arabic, the date's day, month and year inside one pair of brackets.
        if (language === 'ar') expect(text, language).toMatch(/\((?=[^)]*\b31\b)(?=[^)]*مايو)(?=[^)]*\b2023\b)[^)]*\)/);
        else expect(text, language).toContain(date);
        expect(text, language).toContain(percent);
        expect(text, language).not.toMatch(ISO_DATE);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe('access to the files', () => {
  it('belongs to the secretariat: 403 for a focal point, 401 for a visitor, 404 for an unknown draft', async () => {
    expect((await download('docx', focal)).statusCode).toBe(403);
    expect((await download('pdf', null)).statusCode).toBe(401);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/reports/999999/export.xlsx', headers: as(secretariat) });
    expect(missing.statusCode).toBe(404);
  });
});
