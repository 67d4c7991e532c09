import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obligationStatus } from '../../../shared/obligations';
import { seedReferenceData } from '../../db/seeds/reference';
import { readConfig } from '../../platform/config';
import { installErrorHandler } from '../../platform/http/errors';
import { startJobRunner } from '../../platform/jobs/runner';
import { createSmtpTransport, deliverPending } from '../../platform/mail/mailer';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { mailSubject, mailText, startSmtpReceiver } from '../../test/smtp';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { addMonths } from '../../platform/clock';
import { queueObligationNotices } from './obligation-notices';
import { obligationsRoutes } from './obligations.routes';

let t: TestApp;
const s: Record<string, Session> = {};

const api = (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? as(s[who]) : {} });

async function importCsv(rows: string[]) {
  await importRecommendations(t.db.pool, Buffer.from(`mechanism,country,language,date,paragraph,symbol,text\n${rows.join('\n')}\n`),
    { fileName: 'recs.csv', format: 'csv', actor: 'system:test' });
}

async function recommendationId(symbol: string, paragraph: string): Promise<number> {
  const { rows } = await t.db.pool.query('select id from recommendation where document_symbol = $1 and paragraph = $2', [symbol, paragraph]);
  return Number(rows[0].id);
}

type Item = { id: number; kind: string; status: string; title: string; due_on: string | null; due_on_source: string; instrument: { code: string } | null; version: number };
const list = async (query = '') => (await api(null, 'GET', `/api/v1/obligations?locale=en${query}`)).json().items as Item[];
const byKind = async (kind: string) => list(`&kind=${kind}`);

beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await resetPeople(t.db);
  await t.db.pool.query(`truncate reporting_obligation, job_run, job_slot; update treaty_ratification set source = 'reference' where iso3 = 'PRY'`);
  for (const [name, role] of [['secretariat', 'secretariat'], ['secretaria', 'secretariat'], ['focal', 'focal_point']] as const) {
    await createPerson(t.db, `${name}@example.org`, role === 'focal_point' ? undefined : role);
    s[name] = await signIn(t.app, `${name}@example.org`);
  }
  await t.db.pool.query(`update app_user set locale = 'es' where email = 'secretaria@example.org'`);
  // Ratifications back to the reference file (an earlier run may have edited them).
  const client = await t.db.pool.connect();
  try {
    await client.query('begin');
    await seedReferenceData(client);
    await client.query('commit');
  } finally {
    client.release();
  }
});
afterAll(async () => t.close());

describe('treaties and ratifications', () => {
  it('are seeded from the UN Treaty Collection snapshot for the State, with each treaty body and periodicity', async () => {
    const response = await api(null, 'GET', '/api/v1/ratifications?locale=es');
    expect(response.statusCode).toBe(200);
    const { state, items } = response.json();
    expect(state).toBe('PRY');
    expect(items).toHaveLength(18);
    const by = Object.fromEntries(items.map((r: { instrument: { code: string } }) => [r.instrument.code, r]));
    expect(by.CRC).toMatchObject({
      instrument: { code: 'CRC', name: 'Convención sobre los Derechos del Niño', mechanism: 'CRC', periodicity_years: 5, parent_code: null },
      status: 'party', year: 1990, source: 'reference',
    });
    expect(by.CEDAW).toMatchObject({ status: 'party', year: 1987, instrument: { mechanism: 'CEDAW', periodicity_years: 4 } });
    expect(by.ICERD).toMatchObject({ status: 'party', year: 2003, instrument: { mechanism: 'CERD', periodicity_years: 2 } });
    expect(by.CPED).toMatchObject({ status: 'party', year: 2010, instrument: { mechanism: 'CED', periodicity_years: null } });
    expect(by.OPCAT).toMatchObject({ status: 'party', year: 2005, instrument: { mechanism: 'SPT', parent_code: 'CAT', periodicity_years: null } });
    expect(by['ICESCR-OP']).toMatchObject({ status: 'signatory', year: null });
    // Every UN member State, every instrument.
    const { rows } = await t.db.pool.query('select count(*)::int as n, count(distinct iso3)::int as states from treaty_ratification');
    // (The source lists Montserrat, not a UN member, instead of Gabon for the communications protocol of the CRC.)
    expect(rows[0]).toEqual({ n: 193 * 18 - 1, states: 193 });
  });

  it('seeds again without undoing the secretariat\'s corrections', async () => {
    const client: pg.PoolClient = await t.db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`update treaty_ratification set status = 'party', year = 2024, source = 'manual' where iso3 = 'PRY' and instrument_code = 'ICESCR-OP'`);
      await client.query(`update treaty_ratification set status = 'none', year = null where iso3 = 'URY' and instrument_code = 'CRC'`);
      await client.query(`update treaty_instrument set periodicity_years = 6 where code = 'CRC'`);
      await seedReferenceData(client);
      await seedReferenceData(client);
      const { rows } = await client.query(`select iso3, instrument_code, status, year from treaty_ratification
        where (iso3, instrument_code) in (('PRY', 'ICESCR-OP'), ('URY', 'CRC')) order by iso3`);
      expect(rows).toEqual([
        { iso3: 'PRY', instrument_code: 'ICESCR-OP', status: 'party', year: 2024 },
        { iso3: 'URY', instrument_code: 'CRC', status: 'party', year: 1990 },
      ]);
      expect((await client.query(`select periodicity_years from treaty_instrument where code = 'CRC'`)).rows[0].periodicity_years).toBe(6);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});

describe('derived obligations', () => {
  it('open one periodic report per ratified treaty with periodic reports, date to be set', async () => {
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toEqual({ created: 8, updated: 0, removed: 0 });
    const periodic = await byKind('periodic_report');
    expect(periodic.map((o) => o.instrument!.code).sort()).toEqual(['CAT', 'CEDAW', 'CRC', 'CRPD', 'ICCPR', 'ICERD', 'ICESCR', 'ICMW']);
    expect(periodic.every((o) => o.due_on === null && o.status === 'open' && o.due_on_source === 'derived')).toBe(true);
    expect(periodic.find((o) => o.instrument!.code === 'CRC')!.title).toBe('Periodic report to the Committee on the Rights of the Child');
    // Nothing changes on a second run.
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toEqual({ created: 0, updated: 0, removed: 0 });
  });

  it('put the next UPR review 54 months and the mid-term report 30 months after the latest UPR document', async () => {
    await importCsv(['UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar la educación', 'UPR,URY,es,2024-01-01,1,A/HRC/56/1,Otro Estado']);
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toEqual({ created: 2, updated: 0, removed: 0 });
    expect((await byKind('upr_review')).map((o) => [o.due_on, o.title])).toEqual([['2025-09-01', 'Universal Periodic Review: next review']]);
    expect((await byKind('upr_midterm')).map((o) => o.due_on)).toEqual(['2023-09-01']);
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
  });

  it('follow a new review in the catalogue, but never move a due date the secretariat set', async () => {
    const [midterm] = await byKind('upr_midterm');
    const edited = await api('secretariat', 'PATCH', `/api/v1/obligations/${midterm.id}`, { version: midterm.version, due_on: '2028-06-30' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ due_on: '2028-06-30', due_on_source: 'manual', version: 2 });
    await importCsv(['UPR,PRY,es,2025-11-10,2,A/HRC/61/9,Nuevo examen']);
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toEqual({ created: 0, updated: 1, removed: 0 });
    expect((await byKind('upr_review')).map((o) => o.due_on)).toEqual(['2030-05-10']);
    expect((await byKind('upr_midterm')).map((o) => [o.due_on, o.due_on_source])).toEqual([['2028-06-30', 'manual']]);
    // The audit log has each change.
    const { rows } = await t.db.pool.query(`select action, actor from audit_log where entity = 'reporting_obligation' and entity_id = $1 order by id`, [String(midterm.id)]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('follow the ratifications: a treaty no longer ratified loses its open periodic report, and a stale edit is refused', async () => {
    const { items } = (await api(null, 'GET', '/api/v1/ratifications')).json();
    const crc = items.find((r: { instrument: { code: string } }) => r.instrument.code === 'CRC');
    const changed = await api('secretariat', 'PATCH', '/api/v1/ratifications/CRC?locale=en', { version: crc.version, status: 'signatory' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'signatory', year: null, source: 'manual', version: crc.version + 1 });
    expect((await byKind('periodic_report')).map((o) => o.instrument!.code)).not.toContain('CRC');
    const stale = await api('secretariat', 'PATCH', '/api/v1/ratifications/CRC', { version: crc.version, status: 'party', year: 1990 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(crc.version + 1);
    const badYear = await api('secretariat', 'PATCH', '/api/v1/ratifications/CRC?locale=es', { version: crc.version + 1, year: 1990 });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().message).toBe('Solo se indica un año de ratificación para un Estado parte.');
    const back = await api('secretariat', 'PATCH', '/api/v1/ratifications/CRC', { version: crc.version + 1, status: 'party', year: 1990, periodicity_years: 5 });
    expect(back.statusCode, back.body).toBe(200);
    expect((await byKind('periodic_report')).map((o) => o.instrument!.code)).toContain('CRC');
    expect((await api('focal', 'PATCH', '/api/v1/ratifications/CRC', { version: crc.version + 2, status: 'none' })).statusCode).toBe(403);
  });

  it('open the next periodic report when one is met: due its periodicity after the met one', async () => {
    const crc = (await byKind('periodic_report')).find((o) => o.instrument!.code === 'CRC')!;
    const dated = (await api('secretariat', 'PATCH', `/api/v1/obligations/${crc.id}`, { version: crc.version, due_on: '2025-02-01' })).json();
    const met = await api('secretariat', 'POST', `/api/v1/obligations/${crc.id}/met`, { version: dated.version, met_on: '2025-01-20' });
    expect(met.json()).toMatchObject({ status: 'met', met_on: '2025-01-20' });
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toMatchObject({ created: 1 });
    const crcs = (await byKind('periodic_report')).filter((o) => o.instrument!.code === 'CRC');
    expect(crcs.map((o) => [o.due_on, o.status, o.due_on_source])).toEqual([['2025-02-01', 'met', 'manual'], ['2030-02-01', 'open', 'derived']]);
    expect((await api('secretariat', 'POST', '/api/v1/obligations/refresh')).json()).toEqual({ created: 0, updated: 0, removed: 0 });
  });
});

describe('follow-up paragraphs', () => {
  const symbol = 'CRC/C/PRY/CO/6';
  beforeAll(async () => {
    await importCsv([
      `CRC,PRY,es,2022-10-07,12,${symbol},Registro de nacimientos`, `CRC,PRY,es,2022-10-07,25,${symbol},Violencia`,
      'CEDAW,PRY,es,2023-10-31,20,CEDAW/C/PRY/CO/8,Participación política',
    ]);
  });

  it('are flagged by the secretariat: due one or two years after the document, shown on each recommendation', async () => {
    const ids = [await recommendationId(symbol, '12'), await recommendationId(symbol, '25')];
    expect((await api('focal', 'POST', '/api/v1/obligations/follow-up', { recommendation_ids: ids, years: 2 })).statusCode).toBe(403);
    expect((await api(null, 'POST', '/api/v1/obligations/follow-up', { recommendation_ids: ids, years: 2 })).statusCode).toBe(401);
    const flagged = await api('secretariat', 'POST', '/api/v1/obligations/follow-up?locale=es', { recommendation_ids: ids, years: 2 });
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json()).toMatchObject({
      kind: 'follow_up', due_on: '2024-10-07', status: 'late', mechanism: { code: 'CRC' }, recommendation_ids: ids,
      title: `Seguimiento de ${symbol}: párrafos 12, 25`,
    });
    const onRecommendation = (await api(null, 'GET', `/api/v1/obligations?recommendation_id=${ids[1]}`)).json().items;
    expect(onRecommendation.map((o: Item) => o.id)).toEqual([flagged.json().id]);
    expect((await api(null, 'GET', `/api/v1/obligations?recommendation_id=${await recommendationId('CEDAW/C/PRY/CO/8', '20')}`)).json().items).toEqual([]);
  });

  it('refuse what a committee cannot have selected, in the caller\'s language', async () => {
    const again = await api('secretariat', 'POST', '/api/v1/obligations/follow-up?locale=es', { recommendation_ids: [await recommendationId(symbol, '25')], years: 1 });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe(`Ya marcadas para seguimiento: recomendaciones ${await recommendationId(symbol, '25')}.`);
    const mixed = await api('secretariat', 'POST', '/api/v1/obligations/follow-up?locale=fr', {
      recommendation_ids: [await recommendationId(symbol, '12'), await recommendationId('CEDAW/C/PRY/CO/8', '20')], years: 1,
    });
    expect(mixed.json().message).toBe("Les recommandations de suivi doivent toutes provenir du même document d'un organe conventionnel.");
    const upr = await api('secretariat', 'POST', '/api/v1/obligations/follow-up', { recommendation_ids: [await recommendationId('A/HRC/48/9', '1')], years: 1 });
    expect(upr.statusCode).toBe(400);
    const threeYears = await api('secretariat', 'POST', '/api/v1/obligations/follow-up?locale=es', { recommendation_ids: [1], years: 3 });
    expect(threeYears.statusCode).toBe(400);
    expect(threeYears.json().message).toMatch(/^Parámetro no válido years/);
    const five = await api('secretariat', 'POST', '/api/v1/obligations/follow-up', { recommendation_ids: [1, 2, 3, 4, 5], years: 1 });
    expect(five.statusCode).toBe(400);
    const unknown = await api('secretariat', 'POST', '/api/v1/obligations/follow-up?locale=en', { recommendation_ids: [999_999_999], years: 1 });
    expect(unknown.json().message).toBe('Unknown recommendations: 999999999.');
  });
});

describe('obligations recorded by the secretariat', () => {
  it('are created, changed with their version, and marked met; bad input is refused in the caller\'s language', async () => {
    const request = { kind: 'regional_request', mechanism: 'IACHR', title: { es: 'Informe sobre medidas cautelares MC-123-20', en: 'Report on precautionary measures MC-123-20' }, due_on: '2030-04-30' };
    expect((await api('focal', 'POST', '/api/v1/obligations', request)).statusCode).toBe(403);
    const created = await api('secretariat', 'POST', '/api/v1/obligations?locale=en', request);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'regional_request', status: 'open', mechanism: { code: 'IACHR', name: 'Inter-American Commission on Human Rights' },
      title: 'Report on precautionary measures MC-123-20', due_on: '2030-04-30', due_on_source: 'manual', derived: false, version: 1,
    });
    const id = created.json().id;
    // The mechanism's acronym in the reader's language, as the calendar shows it.
    expect(created.json().mechanism.short).toBe('IACHR');
    expect((await api(null, 'GET', `/api/v1/obligations/${id}?locale=es`)).json().mechanism)
      .toEqual({ code: 'IACHR', name: 'Comisión Interamericana de Derechos Humanos', short: 'CIDH' });
    const noMechanism = await api('secretariat', 'POST', '/api/v1/obligations?locale=pt', { ...request, mechanism: undefined });
    expect(noMechanism.statusCode).toBe(400);
    expect(noMechanism.json().message).toBe('Indique perante qual mecanismo existe a obrigação.');
    const unknown = await api('secretariat', 'POST', '/api/v1/obligations?locale=es', { ...request, mechanism: 'NOPE' });
    expect(unknown.json().message).toBe('Código de mecanismo desconocido: NOPE.');
    const followUpByHand = await api('secretariat', 'POST', '/api/v1/obligations?locale=es', { ...request, kind: 'follow_up' });
    expect(followUpByHand.statusCode).toBe(400);
    expect(followUpByHand.json().message).toMatch(/^Parámetro no válido kind/);
    const badDate = await api('secretariat', 'PATCH', `/api/v1/obligations/${id}?locale=en`, { version: 1, due_on: '2030-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toMatch(/^Invalid parameter due_on/);

    const patched = await api('secretariat', 'PATCH', `/api/v1/obligations/${id}`, { version: 1, notes: 'Pedido por nota CIDH 2025/45', due_on: null });
    expect(patched.json()).toMatchObject({ due_on: null, status: 'open', notes: 'Pedido por nota CIDH 2025/45', version: 2 });
    const stale = await api('secretariat', 'PATCH', `/api/v1/obligations/${id}`, { version: 1, notes: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(2);
    const future = await api('secretariat', 'POST', `/api/v1/obligations/${id}/met?locale=en`, { version: 2, met_on: '2999-01-01' });
    expect(future.json().message).toBe('The date the obligation was met cannot be in the future.');
    const met = await api('secretariat', 'POST', `/api/v1/obligations/${id}/met`, { version: 2, met_on: '2025-01-10' });
    expect(met.json()).toMatchObject({ status: 'met', met_on: '2025-01-10', version: 3 });
    expect((await api(null, 'GET', `/api/v1/obligations/${id}`)).json().status).toBe('met');
    expect((await api(null, 'GET', '/api/v1/obligations/2147483647')).statusCode).toBe(404);
    const { rows } = await t.db.pool.query(`select action, actor from audit_log where entity = 'reporting_obligation' and entity_id = $1 order by id`, [String(id)]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'met']);
  });
});

/** The obligations routes alone, with the clock at `day`. */
async function appOn(day: string) {
  const app = Fastify({ logger: false }).withTypeProvider();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.decorateRequest('actor', null);
  await app.register(obligationsRoutes(t.db, { stateIso3: () => 'PRY', publicUrl: 'https://nmirf.example.org', today: () => day }));
  return app;
}

/** The VEVENTs of an iCalendar text: lines unfolded (RFC 5545 §3.1), properties by name without parameters. */
function vevents(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') { events.push(current!); current = null; }
    else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon).split(';')[0]] = line.slice(colon + 1);
    }
  }
  return events;
}

describe('status on a given day and the calendar feed', () => {
  let regional: number;
  beforeAll(async () => {
    await t.db.pool.query(`truncate reporting_obligation`);
    const created = await api('secretariat', 'POST', '/api/v1/obligations', {
      kind: 'regional_request', mechanism: 'IACHR', title: { es: 'Informe a la CIDH, caso 12.345', en: 'Report to the IACHR, case 12.345' }, due_on: '2030-03-15',
    });
    regional = created.json().id;
    await api('secretariat', 'POST', '/api/v1/obligations', { kind: 'other', title: { en: 'Voluntary report, undated' } });
  });

  it('is open until the due date, late after it, met once met', async () => {
    expect(obligationStatus({ due_on: '2030-03-15', met_on: null }, '2030-03-15')).toBe('open');
    const before = await appOn('2030-03-15');
    const after = await appOn('2030-03-16');
    try {
      const on = async (app: typeof before, query: string) => (await app.inject({ url: `/api/v1/obligations?locale=en${query}` })).json();
      expect((await on(before, '')).items.map((o: Item) => [o.id, o.status])).toEqual([[regional, 'open'], [regional + 1, 'open']]);
      expect((await on(after, '')).today).toBe('2030-03-16');
      expect((await on(after, '&status=late')).items.map((o: Item) => o.id)).toEqual([regional]);
      expect((await on(after, '&status=open')).items.map((o: Item) => o.id)).toEqual([regional + 1]);
      expect((await on(after, '&from=2030-03-01&to=2030-03-31&mechanism=IACHR')).items.map((o: Item) => o.id)).toEqual([regional]);
      expect((await on(after, '&to=2030-03-14')).items).toEqual([]);
      const bad = await after.inject({ url: '/api/v1/obligations?status=overdue&locale=es' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/^Parámetro no válido status/);
    } finally {
      await before.close();
      await after.close();
    }
  });

  it('is an iCalendar feed of all-day events with stable UIDs, in the requested language', async () => {
    const app = await appOn('2030-03-16');
    try {
      const feed = await app.inject({ url: '/api/v1/obligations.ics?locale=es' });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(feed.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(feed.body).toContain('X-WR-CALNAME:Obligaciones de presentación de informes de Paraguay');
      const events = vevents(feed.body);
      expect(events).toHaveLength(1); // the undated one has no day in a calendar
      expect(events[0]).toMatchObject({
        UID: `obligation-${regional}@nmirf.example.org`,
        DTSTART: '20300315', DTEND: '20300316',
        SUMMARY: 'Informe a la CIDH\\, caso 12.345',
        URL: `https://nmirf.example.org/es/obligations/${regional}`,
      });
      expect(events[0].DESCRIPTION).toBe(`Estado: atrasada\\nVence: 2030-03-15\\nhttps://nmirf.example.org/es/obligations/${regional}`);
      const english = vevents((await app.inject({ url: '/api/v1/obligations.ics?locale=en' })).body);
      expect(english[0]).toMatchObject({ UID: events[0].UID, SUMMARY: 'Report to the IACHR\\, case 12.345' });
    } finally {
      await app.close();
    }
  });
});

describe('reminders to the secretariat', () => {
  it('go before the due date and once overdue, once each across restarts of the job runner', async () => {
    // Only this obligation: no UPR document (no derived dates) and no earlier mail.
    await resetCatalogue(t.db);
    await t.db.pool.query('truncate reporting_obligation, mail_outbox, job_run, job_slot');
    const created = await api('secretariat', 'POST', '/api/v1/obligations', {
      kind: 'regional_request', mechanism: 'IACHR', title: { es: 'Informe a la CIDH', en: 'Report to the IACHR' }, due_on: '2030-03-15',
    });
    const id = created.json().id;
    const smtp = await startSmtpReceiver();
    const config = readConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'NMIRF <nmirf@example.org>', PUBLIC_URL: 'https://nmirf.example.org' });
    const transport = createSmtpTransport(config)!;
    let today = '2030-01-01';
    const runner = () => startJobRunner(t.db.pool, [{
      name: 'obligation-notices', everyMinutes: 60, run: () => queueObligationNotices(t.db.pool, today, { publicUrl: config.publicUrl, stateIso3: 'PRY' }),
    }], { autoStart: false, now: () => new Date(`${today}T12:00:00Z`) }); // the app clock: noon on `today`
    const day = async (date: string, jobs = runner()) => {
      today = date;
      await jobs.runAll();
      await jobs.runAll();
      const before = smtp.received.length;
      await deliverPending(t.db, transport);
      return smtp.received.slice(before).map((mail) => `${mail.to.join(',')}: ${mailSubject(mail.raw)}`).sort();
    };
    try {
      expect(await day('2030-01-01')).toEqual([]); // 73 days left
      const sixty = await day('2030-01-14');
      expect(sixty).toHaveLength(2);
      expect(sixty).toEqual([
        'secretaria@example.org: Recordatorio: «Informe a la CIDH» vence el 2030-03-15',
        'secretariat@example.org: Reminder: "Report to the IACHR" is due on 2030-03-15',
      ]);
      const body = mailText(smtp.received.find((mail) => mail.to.includes('secretaria@example.org'))!.raw);
      expect(body).toContain('«Informe a la CIDH» (Comisión Interamericana de Derechos Humanos) vence el 2030-03-15, dentro de 60 días');
      expect(body).toContain(`https://nmirf.example.org/es/obligations/${id}`);
      expect(await day('2030-01-15', runner())).toEqual([]);
      expect(await day('2030-02-13')).toHaveLength(2); // 30 days
      expect(await day('2030-02-14', runner())).toEqual([]);
      expect(await day('2030-03-08')).toHaveLength(2); // 7 days
      expect(await day('2030-03-15')).toEqual([]);
      const overdue = await day('2030-03-16', runner());
      expect(overdue).toHaveLength(2);
      expect(overdue).toEqual([
        'secretaria@example.org: Vencida: «Informe a la CIDH» venció el 2030-03-15',
        'secretariat@example.org: Overdue: "Report to the IACHR" was due on 2030-03-15',
      ]);
      expect(await day('2030-04-30', runner())).toEqual([]);
      expect(smtp.received).toHaveLength(8);
      // The focal point is not the one reminded.
      expect(smtp.received.some((mail) => mail.to.includes('focal@example.org'))).toBe(false);
      const { rows } = await t.db.pool.query('select name, last_error from job_run');
      expect(rows).toEqual([{ name: 'obligation-notices', last_error: null }]);
      // Met: nothing more.
      const current = (await api(null, 'GET', `/api/v1/obligations/${id}`)).json();
      await api('secretariat', 'POST', `/api/v1/obligations/${id}/met`, { version: current.version, met_on: '2025-01-01' });
      expect(await queueObligationNotices(t.db.pool, '2030-03-20', { publicUrl: config.publicUrl, stateIso3: 'PRY' })).toBe(0);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});

describe('estimated due dates', () => {
  it('a derived date is an estimate until the secretariat confirms it: never late, no overdue notice; confirmed, it can be', async () => {
    await resetCatalogue(t.db);
    await t.db.pool.query('truncate reporting_obligation, mail_outbox, job_run, job_slot');
    // The latest UPR review was long ago: the next one, counted 54 months later, has passed.
    await importCsv(['UPR,PRY,es,2015-01-20,1,A/HRC/29/9,Garantizar la educación']);
    const notices = (today: string) => queueObligationNotices(t.db.pool, today, { publicUrl: 'https://nmirf.example.org', stateIso3: 'PRY' });
    const overdueMails = async () => (await t.db.pool.query(`select count(*)::int as n from mail_outbox where dedupe_key like '%:overdue:%'`)).rows[0].n;

    expect(await notices('2026-12-01')).toBe(0);
    const [review] = (await list('&kind=upr_review')) as (Item & { due_on_estimated: boolean })[];
    expect(review).toMatchObject({ due_on: '2019-07-20', due_on_source: 'derived', due_on_estimated: true, status: 'open' });
    expect((await list('&status=late')).map((o) => o.kind)).not.toContain('upr_review');
    expect((await api(null, 'GET', `/api/v1/obligations/${review.id}`)).json()).toMatchObject({ due_on_estimated: true, status: 'open' });
    expect(await overdueMails()).toBe(0);
    // Nor in the calendar feed.
    const feed = (await api(null, 'GET', '/api/v1/obligations.ics?locale=en')).body;
    expect(feed).not.toContain('Status: late');

    // Undated periodic reports and the follow-ups the secretariat flags are no estimates.
    expect((await list('&kind=periodic_report')).every((o) => !(o as Item & { due_on_estimated: boolean }).due_on_estimated)).toBe(true);

    // The secretariat confirms the date as it is: from then on it is theirs, late, and the overdue notice goes out once.
    const confirmed = await api('secretariat', 'PATCH', `/api/v1/obligations/${review.id}`, { version: review.version, due_on: review.due_on });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ due_on: '2019-07-20', due_on_source: 'manual', due_on_estimated: false, status: 'late' });
    expect(await notices('2026-12-01')).toBe(2);
    expect(await overdueMails()).toBe(2);
    expect(await notices('2026-12-02')).toBe(0);
  });
});
