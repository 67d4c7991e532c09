import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_STATES, canView, type ActionState } from '../../../shared/workflows/action-review';
import { buildApp } from '../../app';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let db: Database;
let app: FastifyInstance;
let uploadDir: string;
let education: number;
let health: number;
let assigned: number[]; // assigned to education
let healthAssigned: number[];
const people: Record<string, Session> = {};
const userIds: Record<string, number> = {};
const MAX_UPLOAD = 64 * 1024;

// People of the chain: at education unless the key says health.
const PEOPLE = {
  focal: ['focal_point', 'education'], alternate: ['alternate_focal_point', 'education'], validator: ['validator', 'education'],
  secretariat: ['secretariat', null], administrator: ['administrator', null], healthFocal: ['focal_point', 'health'],
  healthValidator: ['validator', 'health'], nobody: [null, null],
} as const;

beforeAll(async () => {
  db = await connectTestDatabase();
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-actions-test-'));
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', uploadDir, maxUploadBytes: MAX_UPLOAD });
  await resetCatalogue(db);
  await resetPeople(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'demo.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  education = await createInstitution(db, 'Ministry of Education');
  health = await createInstitution(db, 'Ministry of Health');
  for (const [key, [role, where]] of Object.entries(PEOPLE)) {
    const institution = where === 'education' ? education : where === 'health' ? health : undefined;
    userIds[key] = await createPerson(db, `${key}@example.org`, role ?? undefined, institution);
    people[key] = await signIn(app, `${key}@example.org`);
  }
  const { rows } = await db.pool.query('select id from recommendation order by id limit 6');
  assigned = rows.slice(0, 3).map((r) => Number(r.id));
  healthAssigned = rows.slice(3, 6).map((r) => Number(r.id));
  await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select unnest($1::bigint[]), $2::int, 'lead' union all select unnest($3::bigint[]), $4::int, 'lead'`, [assigned, education, healthAssigned, health]);
});
afterAll(async () => {
  await app.close();
  await db.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

type Who = keyof typeof PEOPLE | 'visitor';
const headers = (who: Who) => (who === 'visitor' ? {} : as(people[who]));
const get = (who: Who, url: string) => app.inject({ method: 'GET', url, headers: headers(who) });
const send = (who: Who, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url: url.includes('?') ? url : `${url}?locale=en`, payload, headers: headers(who) });

const draftInput = (overrides: object = {}) => ({
  institution_id: education,
  title: { es: 'Ley de educación inclusiva', en: 'Inclusive education act' },
  description: { es: 'Se aprobó la ley.' },
  original_language: 'es',
  action_type: 'legislative',
  reach: 'structural',
  start_date: '2024-01-10',
  end_date: '2025-06-30',
  progress: 60,
  budget: { amount: 1500000, currency: 'PYG', programme: 'P-12' },
  recommendation_ids: [assigned[0], assigned[1]],
  ...overrides,
});

async function newDraft(overrides: object = {}, who: Who = 'focal') {
  const response = await send(who, 'POST', '/api/v1/actions', draftInput(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number; state: string };
}

/** A move with the report's current version, as a person who just loaded it would send. */
async function move(who: Who, id: number, transition: string, comment?: string) {
  const { rows } = await db.pool.query('select version from action_report where id = $1', [id]);
  return send(who, 'POST', `/api/v1/actions/${id}/${transition}`, { version: rows[0].version, comment });
}

/** Moves a report along the chain to `state` directly in the database (for visibility tests). */
async function reportIn(state: ActionState, institution = education) {
  const draft = await newDraft(institution === health ? { institution_id: health, recommendation_ids: [healthAssigned[0]] } : {},
    institution === health ? 'healthFocal' : 'focal');
  await db.pool.query('update action_report set state = $2 where id = $1', [draft.id, state]);
  return draft.id;
}

const auditRows = async (id: number) =>
  Number((await db.pool.query(`select count(*) from audit_log where entity = 'action_report' and entity_id = $1`, [String(id)])).rows[0].count);

describe('reporting an action', () => {
  it('creates a draft with every field, linked to assigned recommendations, with an audit row', async () => {
    const draft = await newDraft();
    const detail = (await get('focal', `/api/v1/actions/${draft.id}?locale=en`)).json();
    expect(detail).toMatchObject({
      state: 'draft', title: 'Inclusive education act', title_language: 'en', description: 'Se aprobó la ley.', original_language: 'es',
      action_type: 'legislative', reach: 'structural', start_date: '2024-01-10', end_date: '2025-06-30', progress: 60,
      budget: { amount: 1500000, currency: 'PYG', programme: 'P-12' }, recommendation_ids: [assigned[0], assigned[1]],
      institution: { id: education, name: 'Ministry of Education' }, version: 1, editable: true, available_transitions: ['submit'],
      evidence: [], history: [],
    });
    expect((await get('focal', `/api/v1/actions/${draft.id}?locale=es`)).json().title).toBe('Ley de educación inclusiva');
    expect(await auditRows(draft.id)).toBe(1);
  });

  it('refuses recommendations not assigned to the institution, and other institutions', async () => {
    const notAssigned = await send('focal', 'POST', '/api/v1/actions', draftInput({ recommendation_ids: [assigned[0], healthAssigned[0]] }));
    expect(notAssigned.statusCode).toBe(400);
    expect(notAssigned.json().message).toContain('1 of the recommendations are not assigned');
    expect((await send('focal', 'POST', '/api/v1/actions', draftInput({ institution_id: health, recommendation_ids: [healthAssigned[0]] }))).statusCode).toBe(403);
    expect((await send('validator', 'POST', '/api/v1/actions', draftInput())).statusCode).toBe(403);
    expect((await send('visitor', 'POST', '/api/v1/actions', draftInput())).statusCode).toBe(401);
  });

  it('answers bad input in the caller\'s language and writes nothing', async () => {
    const before = Number((await db.pool.query('select count(*) from action_report')).rows[0].count);
    const cases: [object, string][] = [
      [{ title: { en: 'Only English' } }, 'El título debe figurar en el idioma original'],
      [{ start_date: '2025-01-01', end_date: '2024-01-01' }, 'La fecha de fin no puede ser anterior'],
      [{ progress: 140 }, 'progress'],
      [{ action_type: 'miracle' }, 'action_type'],
      [{ budget: { amount: 10, currency: 'guarani' } }, 'budget.currency'],
      [{ title: { es: '' } }, 'title'],
      [{ recommendation_ids: [] }, 'recommendation_ids'],
    ];
    for (const [overrides, expected] of cases) {
      const response = await send('focal', 'POST', '/api/v1/actions?locale=es', draftInput(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().message).toContain(expected);
    }
    expect(Number((await db.pool.query('select count(*) from action_report')).rows[0].count)).toBe(before);
  });
});

describe('the validation chain', () => {
  it('runs draft → submitted → returned → fixed → submitted → validated → published, visible only where it should be', async () => {
    const { id } = await newDraft();
    const url = `/api/v1/actions/${id}`;
    const visibleTo = async () => {
      const seen: string[] = [];
      for (const who of ['focal', 'alternate', 'validator', 'secretariat', 'administrator', 'healthFocal', 'nobody', 'visitor'] as Who[]) {
        if ((await get(who, url)).statusCode === 200) seen.push(who);
      }
      return seen;
    };
    expect(await visibleTo()).toEqual(['focal', 'alternate']);
    expect((await get('validator', url)).statusCode).toBe(404);

    expect((await move('focal', id, 'submit')).statusCode).toBe(200);
    expect(await visibleTo()).toEqual(['focal', 'alternate', 'validator']);
    const edit = await send('focal', 'PATCH', url, { version: 2, progress: 70 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ error: 'conflict', state: 'submitted', current_version: 2 });

    const silent = await move('validator', id, 'return-to-author');
    expect(silent.statusCode).toBe(400);
    expect(silent.json().message).toContain('say why');
    const returned = await move('validator', id, 'return-to-author', 'Attach the law as published in the Official Gazette.');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().state).toBe('returned');

    const fixed = await send('alternate', 'PATCH', url, { version: 3, progress: 100, end_date: '2025-07-01' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ progress: 100, end_date: '2025-07-01', version: 4 });
    expect((await move('alternate', id, 'submit')).statusCode).toBe(200);
    expect((await move('secretariat', id, 'publish')).statusCode).toBe(404); // not yet visible to the secretariat
    expect((await move('validator', id, 'validate', 'Checked against the gazette.')).statusCode).toBe(200);
    expect(await visibleTo()).toEqual(['focal', 'alternate', 'validator', 'secretariat']);

    // The public does not see it, nor find it in lists, before publication.
    const list = async (who: Who) => (await get(who, `/api/v1/actions?recommendation_id=${assigned[0]}&page_size=100`)).json().items.map((a: { id: number }) => a.id);
    expect(await list('visitor')).not.toContain(id);
    expect((await move('validator', id, 'publish')).statusCode).toBe(403);
    const published = await move('secretariat', id, 'publish');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().published_at).not.toBeNull();
    expect(await visibleTo()).toEqual(['focal', 'alternate', 'validator', 'secretariat', 'administrator', 'healthFocal', 'nobody', 'visitor']);
    expect(await list('visitor')).toContain(id);

    const history = (await get('focal', url)).json().history;
    expect(history.map((h: { transition: string; from_state: string; to_state: string }) => [h.transition, h.from_state, h.to_state])).toEqual([
      ['submit', 'draft', 'submitted'], ['return_to_author', 'submitted', 'returned'], ['submit', 'returned', 'submitted'],
      ['validate', 'submitted', 'validated'], ['publish', 'validated', 'published'],
    ]);
    expect(history[1]).toMatchObject({ actor: { id: userIds.validator, display_name: 'validator' }, comment: 'Attach the law as published in the Official Gazette.' });
    expect(history[2].actor.id).toBe(userIds.alternate);
    // The chain's comments stay inside it.
    expect((await get('visitor', url)).json().history).toEqual([]);
    expect((await get('visitor', url)).json().available_transitions).toEqual([]);
    // Nothing leaves 'published'; every step wrote its audit row (create, 5 moves, 1 edit).
    expect((await move('secretariat', id, 'return-to-institution', 'Too late')).statusCode).toBe(409);
    expect(await auditRows(id)).toBe(7);
  });

  it('refuses a stale version and a move from the wrong state, changing nothing', async () => {
    const { id } = await newDraft();
    const stale = await send('focal', 'POST', `/api/v1/actions/${id}/submit`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', current_version: 1 });
    const wrongState = await send('focal', 'POST', `/api/v1/actions/${id}/submit`, { version: 1 });
    expect(wrongState.statusCode).toBe(200);
    const again = await send('focal', 'POST', `/api/v1/actions/${id}/submit`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ state: 'submitted' });
    expect(await auditRows(id)).toBe(2);
  });

  it('lets exactly one of 50 concurrent saves with the same version win', async () => {
    const { id } = await newDraft();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      send(i % 2 ? 'focal' : 'alternate', 'PATCH', `/api/v1/actions/${id}`, { version: 1, progress: i })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const { rows } = await db.pool.query('select progress, version from action_report where id = $1', [id]);
    expect(rows[0]).toEqual({ progress: winner.progress, version: 2 });
    expect(await auditRows(id)).toBe(2);
  });
});

describe('isolation between institutions', () => {
  it('keeps each institution\'s unpublished work to itself', async () => {
    const ours = await newDraft();
    const theirs = await reportIn('submitted', health);
    expect((await get('healthFocal', `/api/v1/actions/${ours.id}`)).statusCode).toBe(404);
    expect((await send('healthFocal', 'PATCH', `/api/v1/actions/${ours.id}`, { version: 1, progress: 1 })).statusCode).toBe(404);
    expect((await send('healthValidator', 'POST', `/api/v1/actions/${ours.id}/validate`, { version: 1 })).statusCode).toBe(404);
    expect((await get('validator', `/api/v1/actions/${theirs}`)).statusCode).toBe(404);
    expect((await send('validator', 'POST', `/api/v1/actions/${theirs}/validate`, { version: 1 })).statusCode).toBe(404);
    expect((await send('healthValidator', 'POST', `/api/v1/actions/${theirs}/validate`, { version: 1 })).statusCode).toBe(200);
    // A focal point can see a report of another institution once published, never edit it.
    await db.pool.query(`update action_report set state = 'published' where id = $1`, [theirs]);
    expect((await get('focal', `/api/v1/actions/${theirs}`)).statusCode).toBe(200);
    expect((await send('focal', 'PATCH', `/api/v1/actions/${theirs}`, { version: 2, progress: 1 })).statusCode).toBe(403);
  });

  it('lists exactly the reports each person may see, in every state and institution', async () => {
    const made: { id: number; state: ActionState; institution: number }[] = [];
    for (const state of ACTION_STATES) {
      for (const institution of [education, health]) made.push({ id: await reportIn(state, institution), state, institution });
    }
    const memberships: Record<string, { role: string; institutionId: number | null }[]> = {};
    for (const [key, [role, where]] of Object.entries(PEOPLE)) {
      memberships[key] = role ? [{ role, institutionId: where === 'education' ? education : where === 'health' ? health : null }] : [];
    }
    memberships.visitor = [];
    const madeIds = new Set(made.map((m) => m.id));
    for (const who of [...Object.keys(PEOPLE), 'visitor'] as Who[]) {
      const response = await get(who, '/api/v1/actions?page_size=100');
      const listed = response.json().items.map((a: { id: number }) => a.id).filter((id: number) => madeIds.has(id)).sort();
      const expected = made.filter((m) => canView({ roles: memberships[who] }, { state: m.state, institutionId: m.institution }))
        .map((m) => m.id).sort();
      expect(listed, who).toEqual(expected);
    }
  });
});

describe('evidence', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const upload = (who: Who, id: number, bytes: Buffer, fileName: string, title?: string) => {
    const form = new FormData();
    if (title) form.append('title', title);
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return app.inject({ method: 'POST', url: `/api/v1/actions/${id}/evidence/files?locale=en`, payload: form, headers: headers(who) });
  };
  const storedFiles = () => fs.readdirSync(uploadDir).sort();

  it('stores an allowed file under a generated name and serves it back as a download, to whoever may see the report', async () => {
    const { id } = await newDraft();
    const response = await upload('focal', id, PDF, '../../Ley 1234 — publicada.pdf', 'Official Gazette');
    expect(response.statusCode, response.body).toBe(201);
    const [file] = response.json().evidence;
    expect(file).toMatchObject({ kind: 'file', title: 'Official Gazette', file_name: 'Ley 1234 — publicada.pdf', media_type: 'application/pdf', size_bytes: PDF.length });
    expect(response.json().version).toBe(2);
    const stored = (await db.pool.query('select stored_name from action_evidence where id = $1', [file.id])).rows[0].stored_name;
    expect(stored).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    expect(storedFiles()).toContain(stored);

    const download = await get('focal', file.download_url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=.*filename\*=UTF-8''Ley%201234%20%E2%80%94%20publicada\.pdf$/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('visitor', file.download_url)).statusCode).toBe(404);
    await db.pool.query(`update action_report set state = 'published' where id = $1`, [id]);
    expect((await get('visitor', file.download_url)).statusCode).toBe(200);
    // Lists carry the evidence too, so a public page needs one request for all its actions.
    const listed = (await get('visitor', `/api/v1/actions?recommendation_id=${assigned[0]}&page_size=100`)).json().items.find((a: { id: number }) => a.id === id);
    expect(listed.evidence).toEqual([file]);
  });

  it('judges files by their bytes, whatever their name, and leaves nothing behind when it refuses', async () => {
    const { id } = await newDraft();
    const before = storedFiles();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const refusals: [Buffer, string, number, string][] = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'report.pdf', 400, 'not accepted'],
      [Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'tool.pdf', 400, 'not accepted'],
      [Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]), 'notes.txt', 400, 'not accepted'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'chart.svg', 400, 'not accepted'],
      [Buffer.alloc(0), 'empty.pdf', 400, 'empty'],
      [Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD)]), 'big.pdf', 413, 'too large'],
    ];
    for (const [bytes, name, status, text] of refusals) {
      const response = await upload('focal', id, bytes, name);
      expect(response.statusCode, name).toBe(status);
      expect(response.json().message, name).toContain(text);
    }
    expect(storedFiles()).toEqual(before);
    expect(Number((await db.pool.query('select count(*) from action_evidence where action_id = $1', [id])).rows[0].count)).toBe(0);

    // The same PNG named .pdf is stored as what it is; UTF-8 text is accepted when named .csv.
    expect((await upload('focal', id, png, 'photo.pdf')).json().evidence[0]).toMatchObject({ media_type: 'image/png' });
    const csv = await upload('focal', id, Buffer.from('año,valor\n2024,12\n'), 'datos.csv');
    expect(csv.json().evidence[1]).toMatchObject({ media_type: 'text/csv', file_name: 'datos.csv' });
  });

  it('adds and removes links and files only while the report is with its authors', async () => {
    const { id } = await newDraft();
    const link = await send('focal', 'POST', `/api/v1/actions/${id}/evidence/links`, { title: 'Gazette', url: 'https://www.gacetaoficial.gov.py/ley-1234' });
    expect(link.statusCode, link.body).toBe(201);
    expect((await send('focal', 'POST', `/api/v1/actions/${id}/evidence/links`, { title: 'x', url: 'javascript:alert(1)' })).statusCode).toBe(400);
    const file = (await upload('alternate', id, PDF, 'ley.pdf')).json().evidence[1];
    const stored = (await db.pool.query('select stored_name from action_evidence where id = $1', [file.id])).rows[0].stored_name;
    expect((await send('validator', 'DELETE', `/api/v1/actions/${id}/evidence/${file.id}`)).statusCode).toBe(404);
    const removed = await send('focal', 'DELETE', `/api/v1/actions/${id}/evidence/${file.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().evidence.map((e: { kind: string }) => e.kind)).toEqual(['link']);
    expect(storedFiles()).not.toContain(stored);

    const version = removed.json().version;
    expect((await send('focal', 'POST', `/api/v1/actions/${id}/submit`, { version })).statusCode).toBe(200);
    expect((await upload('focal', id, PDF, 'late.pdf')).statusCode).toBe(409);
    expect((await send('focal', 'POST', `/api/v1/actions/${id}/evidence/links`, { title: 'Late', url: 'https://example.org' })).statusCode).toBe(409);
    expect(await auditRows(id)).toBe(5); // create, link, file, removal, submit
  });
});

describe('history tab', () => {
  it('shows every change of a report, with who made it, to the people who may see the report', async () => {
    const { id } = await newDraft();
    const url = `/api/v1/history/action_report/${id}`;
    expect((await get('validator', url)).statusCode).toBe(404); // a draft's history is as private as the draft
    await send('focal', 'PATCH', `/api/v1/actions/${id}`, { version: 1, progress: 80 });
    await move('focal', id, 'submit');
    const history = await get('validator', url);
    expect(history.statusCode, history.body).toBe(200);
    const items = history.json().items as { action: string; actor: { id: number; display_name: string }; before: { progress?: number } | null; after: { progress?: number; state?: string } }[];
    expect(items.map((i) => i.action)).toEqual(['submit', 'update', 'create']);
    expect(items[1]).toMatchObject({ actor: { id: userIds.focal, display_name: 'focal' }, before: { progress: 60 }, after: { progress: 80 } });
    expect(items[0].after).toMatchObject({ state: 'submitted' });
    expect((await get('healthFocal', url)).statusCode).toBe(404);
    expect((await get('visitor', url)).statusCode).toBe(401);
    // A kind of record that has no history here is a 400; a person's history exists for those who administer people only.
    expect((await get('focal', `/api/v1/history/organisation/1`)).statusCode).toBe(400);
    expect((await get('focal', `/api/v1/history/user/${userIds.focal}`)).statusCode).toBe(404);
  });
});

describe('history tab: what each change altered', () => {
  it('lists the fields each entry changed as codes, never a field empty before and after (a move without a comment)', async () => {
    const { id } = await newDraft();
    await send('focal', 'PATCH', `/api/v1/actions/${id}`, { version: 1, progress: 80, end_date: null });
    expect((await move('focal', id, 'submit')).statusCode).toBe(200);
    expect((await move('validator', id, 'return-to-author', 'Falta la evidencia.')).statusCode).toBe(200);
    const history = await get('focal', `/api/v1/history/action_report/${id}`);
    expect(history.statusCode, history.body).toBe(200);
    type Change = { field: string; before: unknown; after: unknown };
    const items = history.json().items as { action: string; changes: Change[] }[];
    expect(items.map((i) => i.action)).toEqual(['return_to_author', 'submit', 'update', 'create']);
    expect(items[1].changes).toEqual([{ field: 'state', before: 'draft', after: 'submitted' }]);
    expect(items[0].changes).toEqual([
      { field: 'state', before: 'submitted', after: 'returned' },
      { field: 'comment', before: null, after: 'Falta la evidencia.' },
    ]);
    // A field emptied is a change; bookkeeping (version, updated_at…) is not.
    expect(items[2].changes).toEqual([{ field: 'end_date', before: '2025-06-30', after: null }, { field: 'progress', before: 60, after: 80 }]);
    expect(items[3].changes).toEqual([]);
    const empty = (value: unknown) => value === null || value === '' || (Array.isArray(value) && value.length === 0);
    for (const item of items) {
      for (const change of item.changes) expect(empty(change.before) && empty(change.after), `${item.action} ${change.field}`).toBe(false);
    }
  });
});

describe('emails along the chain', () => {
  it('tells the next people of each move, in their language, never the person who made it', async () => {
    await db.pool.query('truncate mail_outbox');
    await db.pool.query(`update app_user set locale = 'es' where email = 'alternate@example.org'`);
    const { id } = await newDraft();
    const mails = async () => {
      const { rows } = await db.pool.query('select to_address, subject, body_text from mail_outbox order by id');
      await db.pool.query('truncate mail_outbox');
      return rows.map((r) => ({ to: r.to_address.split('@')[0], subject: r.subject as string, body: r.body_text as string }));
    };
    await move('focal', id, 'submit');
    expect((await mails()).map((m) => m.to)).toEqual(['validator']);
    await move('validator', id, 'return-to-author', 'The budget line is missing.');
    const returned = await mails();
    expect(returned.map((m) => m.to).sort()).toEqual(['alternate', 'focal']);
    expect(returned.find((m) => m.to === 'alternate')!.subject).toBe('Su informe fue devuelto con comentarios: «Ley de educación inclusiva»');
    expect(returned.find((m) => m.to === 'focal')!.body).toContain('The budget line is missing.');
    expect(returned.find((m) => m.to === 'focal')!.body).toContain(`/en/workspace/actions/${id}`);
    await move('alternate', id, 'submit');
    expect((await mails()).map((m) => m.to)).toEqual(['validator']);
    await move('validator', id, 'validate');
    expect((await mails()).map((m) => m.to)).toEqual(['secretariat']);
    await move('secretariat', id, 'publish');
    expect((await mails()).map((m) => m.to).sort()).toEqual(['alternate', 'focal', 'validator']);
    await db.pool.query(`update app_user set locale = 'en' where email = 'alternate@example.org'`);
  });
});
