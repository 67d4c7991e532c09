/**
 * The list exports against their JSON lists: for each list, the CSV and the
 * XLSX hold exactly the JSON list's items (ids and order, for the same
 * filters, every page), a filter narrows them, the per-record visibility of
 * the list holds (drafts stay with their chain), and a value that a
 * spreadsheet would run as a formula comes out as text.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { allPages } from './list-export';

const EVIL = '=HYPERLINK("http://evil.example","click")';

let t: TestApp;
let education: number;
let health: number;
let inactive: number;
let round: number;
const sessions: Record<string, Session> = {};
const ids: Record<string, number> = {};

type Who = 'visitor' | 'focal' | 'healthFocal' | 'secretariat';

beforeAll(async () => {
  t = await appWithDemoData();
  const db = t.db;
  await resetPeople(db);
  await db.pool.query('truncate reporting_round, reporting_obligation');
  education = await createInstitution(db, 'Ministry of Education');
  health = await createInstitution(db, 'Ministry of Health');
  inactive = await createInstitution(db, EVIL);
  await db.pool.query('update institution set active = false where id = $1', [inactive]);
  for (const [key, role, institution] of [
    ['focal', 'focal_point', education], ['healthFocal', 'focal_point', health], ['secretariat', 'secretariat', undefined],
  ] as const) {
    await createPerson(db, `${key}@example.org`, role, institution);
    sessions[key] = await signIn(t.app, `${key}@example.org`);
  }

  // A recommendation whose text starts like a formula, assigned with the demo ones.
  await importRecommendations(db.pool, Buffer.from(`mechanism,country,language,date,paragraph,symbol,text\nCRC,PRY,es,2022-10-07,99,CRC/C/PRY/CO/6,"${EVIL.replaceAll('"', '""')}"\n`),
    { fileName: 'evil.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  const evilRecommendation = Number((await db.pool.query(`select id from recommendation where paragraph = '99' and document_symbol = 'CRC/C/PRY/CO/6'`)).rows[0].id);
  const demo = (await db.pool.query('select id from recommendation where id <> $1 order by id limit 30', [evilRecommendation])).rows.map((r) => Number(r.id));
  // Education's queue: 25 recommendations, more than the list's first page, with due dates in an order of their own.
  await db.pool.query(
    `insert into assignment (recommendation_id, institution_id, responsibility, due_date)
     select r, $2::int, 'lead', date '2030-01-01' + (r % 7)::int from unnest($1::bigint[]) as r`,
    [[evilRecommendation, ...demo.slice(0, 24)], education]);
  await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2::int, 'lead'`, [demo.slice(24), health]);

  // Action reports: education in every state (the draft's title is a formula), 22 published ones more, health's draft and published.
  const report = async (institution: number, state: string, title: Record<string, string>, recommendation: number) => Number((await db.pool.query(
    `with report as (
       insert into action_report (institution_id, state, action_type, reach, title, original_language)
       values ($1, $2, 'training', 'structural', $3, 'es') returning id
     ), link as (insert into action_recommendation (action_id, recommendation_id) select id, $4 from report)
     select id from report`, [institution, state, JSON.stringify(title), recommendation])).rows[0].id);
  ids.educationDraft = await report(education, 'draft', { es: EVIL }, evilRecommendation);
  ids.educationSubmitted = await report(education, 'submitted', { es: 'Enviado' }, demo[0]);
  ids.educationPublished = await report(education, 'published', { es: 'Ley de educación inclusiva', en: 'Inclusive education act' }, demo[1]);
  for (let i = 0; i < 22; i++) await report(education, 'published', { es: `Capacitación ${i}` }, demo[2]);
  ids.healthDraft = await report(health, 'draft', { es: 'Borrador de salud' }, demo[24]);
  ids.healthPublished = await report(health, 'published', { es: 'Salud publicada' }, demo[25]);

  // Indicators: education's links to its draft and its published report; health's one.
  const indicator = async (institution: number, name: Record<string, string>, actions: number[]) => {
    const id = Number((await db.pool.query(
      `insert into indicator (institution_id, name, kind, unit, frequency) values ($1, $2, 'outcome', '%', 'annual') returning id`,
      [institution, JSON.stringify(name)])).rows[0].id);
    await db.pool.query('insert into indicator_action (indicator_id, action_id) select $1, unnest($2::bigint[])', [id, actions]);
    return id;
  };
  ids.educationIndicator = await indicator(education, { es: '+SUM(A1:A9)', en: 'Enrolment' }, [ids.educationDraft, ids.educationPublished]);
  await db.pool.query(`insert into indicator_measurement (indicator_id, measured_on, value) values ($1, '2024-12-31', 71.5), ($1, '2023-12-31', 70)`, [ids.educationIndicator]);
  ids.healthIndicator = await indicator(health, { es: 'Cobertura' }, [ids.healthPublished]);

  // The calendar: a manual obligation whose title is a formula, a met one, an undated one.
  await db.pool.query(
    `insert into reporting_obligation (kind, title, due_on, met_on) values
       ('other', '{"en":"@SUM(1)","es":"@SUMA(1)"}', '2030-01-31', null),
       ('other', '{"en":"Met report"}', '2024-01-31', '2024-01-15'),
       ('regional_request', '{"en":"Undated request"}', null, null)`);

  round = Number((await db.pool.query(
    `insert into reporting_round (title, opens_on, due_on) values ('{"en":"-2+3 round","es":"Ronda -2+3"}', '2024-01-01', '2024-06-30') returning id`)).rows[0].id);
  await db.pool.query(`insert into reporting_round (title, opens_on, due_on, closed) values ('{"en":"Old round"}', '2023-01-01', '2023-06-30', true)`);
});
afterAll(async () => { await t.close(); });

const headers = (who: Who) => (who === 'visitor' ? {} : as(sessions[who]));
const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: headers(who) });

/** The JSON list's items. */
async function items(who: Who, url: string): Promise<Record<string, unknown>[]> {
  const response = await get(who, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items ?? response.json().institutions;
}

/** The CSV export, parsed, after checking it is served as an attachment. */
async function csv(who: Who, url: string, name: string): Promise<Record<string, string>[]> {
  const response = await get(who, url);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers['content-disposition']).toBe(`attachment; filename=${name}.csv`);
  return parse(response.body, { columns: true, bom: true });
}

/** The XLSX export's first sheet as objects by column, plus the type of every cell. */
async function xlsx(who: Who, url: string, name: string) {
  const response = await get(who, url);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(response.headers['content-disposition']).toBe(`attachment; filename=${name}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const columns = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  const types: ExcelJS.ValueType[] = [];
  sheet.eachRow((row, number) => {
    row.eachCell((cell) => types.push(cell.type));
    if (number > 1) rows.push(Object.fromEntries(columns.map((column, i) => [column, row.getCell(i + 1).value])));
  });
  return { columns, rows, types };
}

/** Both exports of `path` for `query`, checked to hold the same ids in the same order; returns the CSV rows and the XLSX. */
async function exports(who: Who, path: string, query: string, name: string, id = 'id') {
  const separator = query ? '&' : '';
  const fromCsv = await csv(who, `${path}.csv?${query}${separator}locale=en`, name);
  const fromXlsx = await xlsx(who, `${path}.xlsx?${query}${separator}locale=en`, name);
  expect(fromXlsx.rows.map((row) => Number(row[id]))).toEqual(fromCsv.map((row) => Number(row[id])));
  expect(fromXlsx.types).not.toContain(ExcelJS.ValueType.Formula);
  return { csv: fromCsv, xlsx: fromXlsx };
}

describe('action reports', () => {
  const list = (who: Who, query = '') => items(who, `/api/v1/actions?page_size=100&locale=en${query ? `&${query}` : ''}`);

  it('hold every report of the list, in its order, beyond its first page, with the list’s values', async () => {
    const json = await list('focal');
    const out = await exports('focal', '/api/v1/actions', '', 'actions');
    expect(json.length).toBeGreaterThan(20); // the list's default page
    expect(out.csv.map((row) => Number(row.id))).toEqual(json.map((item) => item.id));
    expect(out.csv.map((row) => row.title)).toEqual(json.map((item) => (item.title as string).startsWith('=') ? `'${item.title}` : item.title));
    expect(out.csv.map((row) => row.state)).toEqual(json.map((item) => item.state));
    expect(out.xlsx.columns).toEqual(Object.keys(out.csv[0]));
    const published = out.csv.find((row) => Number(row.id) === ids.educationPublished)!;
    expect(published).toMatchObject({ title: 'Inclusive education act', title_language: 'en', institution: 'Ministry of Education', state: 'published' });
  });

  it('takes the list’s filters: fewer rows, the same as the list', async () => {
    const all = await exports('focal', '/api/v1/actions', '', 'actions');
    const drafts = await exports('focal', '/api/v1/actions', 'state=draft&state=submitted', 'actions');
    expect(drafts.csv.length).toBeLessThan(all.csv.length);
    expect(drafts.csv.map((row) => Number(row.id))).toEqual((await list('focal', 'state=draft&state=submitted')).map((item) => item.id));
    expect(drafts.csv.map((row) => Number(row.id)).sort()).toEqual([ids.educationDraft, ids.educationSubmitted].sort());
  });

  it('shows each person only what the list shows them: another institution’s drafts never, the public only what is published', async () => {
    const focal = (await exports('focal', '/api/v1/actions', '', 'actions')).csv.map((row) => Number(row.id));
    expect(focal).toContain(ids.educationDraft);
    expect(focal).toContain(ids.healthPublished);
    expect(focal).not.toContain(ids.healthDraft);
    const health = (await exports('healthFocal', '/api/v1/actions', '', 'actions')).csv.map((row) => Number(row.id));
    expect(health).toContain(ids.healthDraft);
    expect(health).not.toContain(ids.educationDraft);
    expect(health).not.toContain(ids.educationSubmitted);
    const visitor = await exports('visitor', '/api/v1/actions', '', 'actions');
    expect(visitor.csv.map((row) => Number(row.id))).toEqual((await list('visitor')).map((item) => item.id));
    expect(new Set(visitor.csv.map((row) => row.state))).toEqual(new Set(['published']));
  });

  it('writes a title that starts like a formula as text', async () => {
    const out = await exports('focal', '/api/v1/actions', 'state=draft', 'actions');
    expect(out.csv.find((row) => Number(row.id) === ids.educationDraft)!.title).toBe(`'${EVIL}`);
    const cell = out.xlsx.rows.find((row) => Number(row.id) === ids.educationDraft)!.title;
    expect(cell).toBe(EVIL);
  });
});

describe("an institution's queue", () => {
  const path = () => `/api/v1/institutions/${education}/assignments`;

  it('holds every assignment of the queue, in its order, beyond its first page', async () => {
    const json = await items('focal', `${path()}?page_size=100&locale=en`);
    const out = await exports('focal', path(), '', 'assignments');
    expect(json.length).toBe(25);
    expect(out.csv.map((row) => Number(row.id))).toEqual(json.map((item) => item.id));
    expect(out.csv.map((row) => row.due_date)).toEqual(json.map((item) => item.due_date));
    expect(out.csv.map((row) => Number(row.recommendation_id))).toEqual(json.map((item) => (item.recommendation as { id: number }).id));
  });

  it('is refused to a focal point of another institution, as the queue is', async () => {
    expect((await get('healthFocal', `${path()}.csv`)).statusCode).toBe(403);
    expect((await get('healthFocal', `${path()}.xlsx`)).statusCode).toBe(403);
    expect((await get('visitor', `${path()}.csv`)).statusCode).toBe(401);
  });

  it('writes a recommendation text that starts like a formula as text', async () => {
    const out = await exports('focal', path(), '', 'assignments');
    expect(out.csv.filter((row) => row.text.includes('HYPERLINK')).map((row) => row.text)).toEqual([`'${EVIL}`]);
    expect(out.xlsx.rows.filter((row) => String(row.text).includes('HYPERLINK')).map((row) => row.text)).toEqual([EVIL]);
  });
});

describe('indicators', () => {
  it('hold the list’s indicators with their latest value; a filter narrows them', async () => {
    const json = await items('visitor', '/api/v1/indicators?page_size=100&locale=en');
    const out = await exports('visitor', '/api/v1/indicators', '', 'indicators');
    expect(out.csv.map((row) => Number(row.id))).toEqual(json.map((item) => item.id));
    expect(out.csv.find((row) => Number(row.id) === ids.educationIndicator)).toMatchObject({ name: 'Enrolment', latest_value: '71.5', latest_date: '2024-12-31' });
    const filtered = await exports('visitor', '/api/v1/indicators', `institution_id=${health}`, 'indicators');
    expect(filtered.csv.map((row) => Number(row.id))).toEqual([ids.healthIndicator]);
  });

  it('leave out links to reports the reader may not see', async () => {
    const linked = async (who: Who) => (await exports(who, '/api/v1/indicators', `institution_id=${education}`, 'indicators')).csv[0].action_ids;
    expect(await linked('visitor')).toBe(String(ids.educationPublished));
    expect(await linked('healthFocal')).toBe(String(ids.educationPublished));
    expect(await linked('focal')).toBe(`${ids.educationDraft}|${ids.educationPublished}`);
  });

  it('write a name that starts like a formula as text', async () => {
    const csvRows = await csv('visitor', `/api/v1/indicators.csv?institution_id=${education}&locale=es`, 'indicators');
    expect(csvRows[0].name).toBe("'+SUM(A1:A9)");
    const sheet = await xlsx('visitor', `/api/v1/indicators.xlsx?institution_id=${education}&locale=es`, 'indicators');
    expect(sheet.rows[0].name).toBe('+SUM(A1:A9)');
    expect(sheet.types).not.toContain(ExcelJS.ValueType.Formula);
  });
});

describe('the reporting calendar', () => {
  it('holds the calendar’s obligations in its order, with its filters, for visitors too', async () => {
    const json = await items('visitor', '/api/v1/obligations?locale=en');
    const out = await exports('visitor', '/api/v1/obligations', '', 'obligations');
    expect(out.csv.map((row) => Number(row.id))).toEqual(json.map((item) => item.id));
    expect(out.csv.map((row) => row.status)).toEqual(json.map((item) => item.status));
    const met = await exports('visitor', '/api/v1/obligations', 'status=met', 'obligations');
    expect(met.csv.length).toBeLessThan(out.csv.length);
    expect(met.csv.map((row) => row.title)).toEqual(['Met report']);
    const kind = await exports('visitor', '/api/v1/obligations', 'kind=regional_request', 'obligations');
    expect(kind.csv.map((row) => Number(row.id))).toEqual((await items('visitor', '/api/v1/obligations?kind=regional_request')).map((item) => item.id));
  });

  it('writes a title that starts like a formula as text, in the requested language', async () => {
    const rows = await csv('visitor', '/api/v1/obligations.csv?status=open&locale=es', 'obligations');
    expect(rows.map((row) => row.title)).toContain("'@SUMA(1)");
    const sheet = await xlsx('visitor', '/api/v1/obligations.xlsx?status=open&locale=es', 'obligations');
    expect(sheet.rows.map((row) => row.title)).toContain('@SUMA(1)');
  });
});

describe('reporting rounds and a round’s dashboard', () => {
  it('hold the rounds of the list, open ones first, for those who may read them', async () => {
    const json = await items('focal', '/api/v1/rounds?locale=en');
    const out = await exports('focal', '/api/v1/rounds', '', 'rounds');
    expect(json).toHaveLength(2);
    expect(out.csv.map((row) => Number(row.id))).toEqual(json.map((item) => item.id));
    expect(out.csv[0]).toMatchObject({ title: "'-2+3 round", closed: 'false' });
    expect(out.xlsx.rows[0].title).toBe('-2+3 round');
    expect((await get('visitor', '/api/v1/rounds.csv')).statusCode).toBe(401);
  });

  it('hold one row per institution of the dashboard, in its order, with its counts', async () => {
    const json = await items('secretariat', `/api/v1/rounds/${round}/dashboard?locale=en`);
    const out = await exports('secretariat', `/api/v1/rounds/${round}/dashboard`, '', `round-${round}-dashboard`, 'institution_id');
    expect(json.length).toBe(2);
    expect(out.csv.map((row) => Number(row.institution_id))).toEqual(json.map((item) => (item.institution as { id: number }).id));
    expect(out.csv.map((row) => Number(row.owed))).toEqual(json.map((item) => item.owed));
    expect(out.xlsx.rows.map((row) => row.owed)).toEqual(json.map((item) => item.owed));
    expect(out.csv.map((row) => row.progress)).toEqual(json.map((item) => item.progress));
    expect((await get('focal', `/api/v1/rounds/${round}/dashboard.csv`)).statusCode).toBe(403);
    expect((await get('secretariat', '/api/v1/rounds/999999/dashboard.xlsx')).statusCode).toBe(404);
  });
});

describe('institutions', () => {
  it('hold the active institutions; inactive ones only for the secretariat, when asked, as the list does', async () => {
    const visitor = await exports('visitor', '/api/v1/institutions', 'include_inactive=true', 'institutions');
    expect(visitor.csv.map((row) => Number(row.id))).toEqual((await items('visitor', '/api/v1/institutions?include_inactive=true')).map((item) => item.id));
    expect(visitor.csv.map((row) => Number(row.id))).not.toContain(inactive);
    const secretariat = await exports('secretariat', '/api/v1/institutions', 'include_inactive=true', 'institutions');
    expect(secretariat.csv.map((row) => Number(row.id))).toEqual((await items('secretariat', '/api/v1/institutions?include_inactive=true')).map((item) => item.id));
    expect(secretariat.csv.length).toBeGreaterThan(visitor.csv.length);
    const evil = secretariat.csv.find((row) => Number(row.id) === inactive)!;
    expect(evil).toMatchObject({ name: `'${EVIL}`, active: 'false' });
    expect(secretariat.xlsx.rows.find((row) => Number(row.id) === inactive)!.name).toBe(EVIL);
  });
});

describe('the API description', () => {
  it('documents every export with its list’s parameters and the file type it answers', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const lists = ['/api/v1/actions', '/api/v1/institutions/{id}/assignments', '/api/v1/indicators', '/api/v1/obligations', '/api/v1/rounds',
      '/api/v1/rounds/{id}/dashboard', '/api/v1/institutions'];
    for (const list of lists) {
      const parameters = (spec.paths[list].get.parameters ?? []).map((p: { name: string }) => p.name).sort();
      for (const [format, type] of [['csv', 'text/csv; charset=utf-8'], ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]) {
        const operation = spec.paths[`${list}.${format}`]?.get;
        expect(operation, `${list}.${format}`).toBeDefined();
        expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(parameters);
        expect(Object.keys(operation.responses['200'].content)).toEqual([type]);
      }
    }
  });
});

describe('paging through a list', () => {
  it('reads page after page until a page comes back short, and every row once', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const asked: number[] = [];
    const pages: number[][] = [];
    for await (const page of allPages(async (number, size) => { asked.push(number); return rows.slice((number - 1) * size, number * size); }, 3)) pages.push(page);
    expect(pages).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(asked).toEqual([1, 2, 3]);
    const exact: number[][] = [];
    for await (const page of allPages(async (number, size) => rows.slice(0, 6).slice((number - 1) * size, number * size), 3)) exact.push(page);
    expect(exact).toEqual([[0, 1, 2], [3, 4, 5]]);
  });
});
