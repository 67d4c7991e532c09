import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { createInstitution, resetPeople } from '../../test/people';

let t: TestApp;
let published: number;
let draft: number;
let recommendation: number;

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  const institution = await createInstitution(t.db, 'Ministerio de Educación');
  recommendation = Number((await t.db.pool.query('select id from recommendation order by id limit 1')).rows[0].id);
  const report = async (state: string, title: string) => {
    const { rows } = await t.db.pool.query(
      `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, progress, budget_amount, budget_currency, published_at)
       values ($1, $2, 'programme', 'structural', $3, '{"es":"Descripción"}', 'es', 40, 1500000.50, 'PYG', case when $2 = 'published' then now() end) returning id`,
      [institution, state, JSON.stringify({ es: title })]);
    await t.db.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [rows[0].id, recommendation]);
    return Number(rows[0].id);
  };
  published = await report('published', '=HYPERLINK("http://evil.example","click")');
  draft = await report('draft', 'Borrador interno');
  await t.db.pool.query(`insert into action_evidence (action_id, kind, title, url) values ($1, 'link', 'Gaceta', 'https://gaceta.example.org/ley')`, [published]);
  await t.db.pool.query(`insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, 'government', 'in_progress', 'Proyecto de ley en el Congreso', '2025-03-01')`, [recommendation]);
});
afterAll(async () => t.close());

const download = (file: string) => t.app.inject({ method: 'GET', url: `/api/v1/open-data/${file}` });

describe('open data', () => {
  it('describes every dataset with its licence, downloads and a data dictionary in the reader\'s language', async () => {
    const index = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data?locale=es' })).json();
    expect(index.licence).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(index.datasets.map((d: { name: string }) => d.name)).toEqual(['recommendations', 'actions', 'assessments', 'contributions', 'planned_activities']);
    const actions = index.datasets[1];
    expect(actions).toMatchObject({ title: 'Acciones publicadas', downloads: { csv: '/api/v1/open-data/actions.csv', xlsx: '/api/v1/open-data/actions.xlsx' } });
    expect(actions.fields.find((f: { name: string }) => f.name === 'progress').description).toBe('Avance en porcentaje, según la institución');
  });

  it('publishes only published actions, the same rows in CSV, JSON and XLSX, safe in a spreadsheet', async () => {
    const csv = await download('actions.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers.link).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.id))).toEqual([published]);
    expect(rows[0]).toMatchObject({ title: `'=HYPERLINK("http://evil.example","click")`, progress: '40', budget_amount: '1500000.5', budget_currency: 'PYG',
      recommendation_ids: String(recommendation), evidence: 'https://gaceta.example.org/ley', institution: 'Ministerio de Educación' });
    expect(csv.body).not.toContain('Borrador interno');

    const json = JSON.parse((await download('actions.json')).body);
    expect(json).toEqual([expect.objectContaining({ id: published, title: '=HYPERLINK("http://evil.example","click")', progress: 40, budget_amount: 1500000.5 })]);
    expect(json.map((row: { id: number }) => row.id)).not.toContain(draft);

    const xlsx = await download('actions.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('actions')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('id');
    const title = sheet.getRow(2).getCell(3);
    expect(title.value).toBe('=HYPERLINK("http://evil.example","click")'); // text, exactly as written…
    expect(title.type).toBe(ExcelJS.ValueType.String); // …and never a formula
    expect(sheet.rowCount).toBe(2);
  });

  it('publishes the whole catalogue and the status assessments', async () => {
    const catalogue = parse((await download('recommendations.csv')).body, { columns: true, bom: true }) as Record<string, string>[];
    expect(catalogue).toHaveLength(45);
    expect(catalogue[0]).toMatchObject({ mechanism: 'UPR', countries: 'PRY', symbol: 'A/HRC/48/9' });
    const assessments = JSON.parse((await download('assessments.json')).body);
    expect(assessments).toEqual([{ recommendation_id: recommendation, assessor: 'government', status: 'in_progress', reason: 'Proyecto de ley en el Congreso', assessed_on: '2025-03-01' }]);
    expect((await download('users.csv')).statusCode).toBe(400);
    expect((await download('actions.exe')).statusCode).toBe(400);
  });

  it('publishes the activities of adopted and closed plans, never a draft plan\'s or a proposal, the same rows in CSV, JSON and XLSX', async () => {
    const institution = Number((await t.db.pool.query('select id from institution order by id limit 1')).rows[0].id);
    const co = await createInstitution(t.db, 'Ministerio de Salud');
    const plan = async (status: string, title: string) => Number((await t.db.pool.query(
      `insert into plan (kind, title, original_language, status, adopted_on) values ('national_action_plan', $1, 'es', $2, case when $2 <> 'draft' then date '2025-01-15' end) returning id`,
      [JSON.stringify({ es: title }), status])).rows[0].id);
    const adoptedPlan = await plan('adopted', 'Plan Nacional de Derechos Humanos');
    const closedPlan = await plan('closed', 'Plan anterior');
    const draftPlan = await plan('draft', 'Plan en borrador');
    const axis = Number((await t.db.pool.query(`insert into plan_objective (plan_id, level, title) values ($1, 'axis', '{"es":"Eje 1"}') returning id`, [adoptedPlan])).rows[0].id);
    const goal = Number((await t.db.pool.query(`insert into plan_objective (plan_id, parent_id, level, title) values ($1, $2, 'objective', '{"es":"Objetivo 1.1"}') returning id`, [adoptedPlan, axis])).rows[0].id);
    const activity = async (planId: number, state: string, title: string, objective: number | null = null) => Number((await t.db.pool.query(
      `insert into plan_activity (plan_id, institution_id, state, objective_id, title, original_language, start_date, end_date, budget_amount, budget_currency)
       values ($1, $2, $3, $4, $5, 'es', '2025-03-01', '2026-12-31', 250000, 'PYG') returning id`,
      [planId, institution, state, objective, JSON.stringify({ es: title })])).rows[0].id);
    const accepted = await activity(adoptedPlan, 'published', '=HYPERLINK("http://evil.example","plan")', goal);
    await t.db.pool.query('insert into plan_activity_institution (activity_id, institution_id) values ($1, $2)', [accepted, co]);
    await t.db.pool.query('insert into plan_activity_recommendation (activity_id, recommendation_id) values ($1, $2)', [accepted, recommendation]);
    await t.db.pool.query(`insert into plan_activity_sdg_target (activity_id, target) values ($1, '4.1')`, [accepted]);
    const ofClosed = await activity(closedPlan, 'published', 'Actividad cerrada');
    const proposal = await activity(adoptedPlan, 'submitted', 'Propuesta interna');
    const ofDraft = await activity(draftPlan, 'published', 'Actividad del borrador');

    const csv = await download('planned_activities.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.id))).toEqual([accepted, ofClosed]);
    expect(rows[0]).toMatchObject({
      plan_id: String(adoptedPlan), plan: 'Plan Nacional de Derechos Humanos', plan_status: 'adopted', plan_adopted_on: '2025-01-15', objective: 'Eje 1 > Objetivo 1.1',
      title: `'=HYPERLINK("http://evil.example","plan")`, institution: 'Ministerio de Educación', co_responsible: 'Ministerio de Salud',
      start_date: '2025-03-01', end_date: '2026-12-31', budget_amount: '250000', budget_currency: 'PYG', recommendation_ids: String(recommendation), sdg_targets: '4.1',
    });
    expect(rows[1]).toMatchObject({ plan_status: 'closed', title: 'Actividad cerrada' });
    for (const hidden of ['Propuesta interna', 'Actividad del borrador', 'Plan en borrador']) expect(csv.body).not.toContain(hidden);

    const json = JSON.parse((await download('planned_activities.json')).body);
    expect(json.map((row: { id: number }) => row.id)).toEqual([accepted, ofClosed]);
    expect(json[0]).toMatchObject({ id: accepted, title: '=HYPERLINK("http://evil.example","plan")', budget_amount: 250000, plan_status: 'adopted' });
    expect(json.map((row: { id: number }) => row.id)).not.toContain(proposal);
    expect(json.map((row: { id: number }) => row.id)).not.toContain(ofDraft);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('planned_activities.xlsx')).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(Object.keys(rows[0]));
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe(accepted);
    const title = sheet.getRow(2).getCell(header.indexOf('title') + 1);
    expect(title.value).toBe('=HYPERLINK("http://evil.example","plan")');
    expect(title.type).toBe(ExcelJS.ValueType.String);
  });
});
