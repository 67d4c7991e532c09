/**
 * The Network's knowledge hub and cooperation board through the hub's HTTP API, with real sign-ins
 * and real files: members contribute (partners only when the Network allows it), the hub secretariat
 * moderates (each transition audited, optimistic locking), nothing unpublished reaches the public,
 * the search or the feed; the search is the catalogue's (stemming in every language, accents,
 * phrases) with facets; requests and offers of cooperation, responses and agreements.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkRole } from '../../../shared/network/roles';
import { buildApp } from '../../app';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase } from '../../test/database';
import { as, createPerson, grantNetworkRole, resetPeople, signIn, type Session } from '../../test/people';

let db: Database;
let hub: FastifyInstance;
let national: FastifyInstance;
const s: Record<string, Session> = {};
let theme: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function resetHub() {
  await db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_hub_settings, network_role, network_status_change, network_state restart identity cascade`);
}

async function person(key: string, role: NetworkRole, iso3: string | null = null) {
  const id = await createPerson(db, `${key}@example.org`);
  await grantNetworkRole(db, id, role, iso3);
  s[key] = await signIn(hub, `${key}@example.org`);
}

const api = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  hub.inject({ method, url, payload, headers: who ? as(s[who]) : {} });

const practice = (extra: object = {}) => ({
  kind: 'practice', language: 'es', title: 'Educación en derechos humanos para funcionarios públicos',
  summary: 'Un programa de formación del personal de las instituciones que siguen las recomendaciones.',
  body: 'Los pueblos indígenas participaron en el diseño del curso.', themes: [theme], mechanisms: ['UPR', 'CRC'], sdgs: [4, 16],
  regions: ['Latin American and Caribbean Group'], nmirf_types: ['inter_ministerial'], ...extra,
});

const search = async (query: string) => (await api(null, 'GET', `/api/v1/network/hub/resources?${query}`)).json();
const ids = (result: { items: { id: number }[] }) => result.items.map((item) => item.id);

beforeAll(async () => {
  db = await connectTestDatabase();
  hub = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', instanceRole: 'hub' });
  national = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
  await resetPeople(db);
  await resetHub();
  for (const [iso3, status] of [['PRY', 'member'], ['ARG', 'member'], ['PRT', 'member'], ['ECU', 'observer']]) {
    await db.pool.query(`insert into network_state (iso3, status, joined_on, nmirf_type) values ($1, $2, '2024-05-01', $3)`, [iso3, status, status === 'member' ? 'inter_ministerial' : null]);
  }
  await person('secretariat', 'hub_secretariat');
  await person('focalPRY', 'state_focal_point', 'PRY');
  await person('deputyPRY', 'state_deputy', 'PRY');
  await person('focalARG', 'state_focal_point', 'ARG');
  await person('focalPRT', 'state_focal_point', 'PRT');
  await person('observerECU', 'observer_representative', 'ECU');
  await person('partner', 'partner');
  theme = (await db.pool.query(`select key from vocabulary_term where vocabulary = 'theme' order by key limit 1`)).rows[0].key;
});
afterAll(async () => {
  await resetHub();
  await hub?.close();
  await national?.close();
  await db?.close();
});

describe('contributing and moderating', () => {
  it('exists only on a hub', async () => {
    expect((await national.inject({ method: 'GET', url: '/api/v1/network/hub/resources' })).statusCode).toBe(404);
    expect((await national.inject({ method: 'GET', url: '/api/v1/network/cooperation' })).statusCode).toBe(404);
  });

  it('takes contributions from members, and from partners only once the Network allows it', async () => {
    expect((await api('observerECU', 'POST', '/api/v1/network/hub/resources', practice())).statusCode).toBe(403);
    const refused = await api('partner', 'POST', '/api/v1/network/hub/resources?locale=es', practice());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('La Red no ha permitido que los socios contribuyan al centro de conocimiento.');
    const unknown = await api('focalPRY', 'POST', '/api/v1/network/hub/resources?locale=en', practice({ mechanisms: ['NOPE'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('Unknown mechanism "NOPE"');

    // The setting is the Network's: a decision that was not adopted does not set it.
    expect((await api('focalPRY', 'PUT', '/api/v1/network/hub/settings', { partners_may_contribute: true, proposal_id: null, version: 0 })).statusCode).toBe(403);
    expect((await api('secretariat', 'PUT', '/api/v1/network/hub/settings', { partners_may_contribute: true, proposal_id: null, version: 1 })).statusCode).toBe(409);
    const saved = await api('secretariat', 'PUT', '/api/v1/network/hub/settings', { partners_may_contribute: true, proposal_id: null, version: 0 });
    expect(saved.json()).toEqual({ partners_may_contribute: true, proposal_id: null, version: 1 });
    const partner = await api('partner', 'POST', '/api/v1/network/hub/resources', practice({ kind: 'tool', language: 'en', title: 'A checklist for tracking systems', summary: 'Partner tool.' }));
    expect(partner.statusCode).toBe(201);
    expect(partner.json()).toMatchObject({ contributor_iso3: null, contributor_name: 'partner', state: 'submitted' });
    await api('secretariat', 'PUT', '/api/v1/network/hub/settings', { partners_may_contribute: false, proposal_id: null, version: 1 });
    expect((await api('partner', 'POST', '/api/v1/network/hub/resources', practice())).statusCode).toBe(403);
  });

  it('keeps a contribution from the public until the hub secretariat publishes it; each transition audited', async () => {
    const created = await api('focalPRY', 'POST', '/api/v1/network/hub/resources?locale=es', practice({ title: 'Educación   en derechos\u202E humanos para funcionarios públicos' }));
    expect(created.statusCode).toBe(201);
    const resource = created.json();
    expect(resource).toMatchObject({ state: 'submitted', contributor_iso3: 'PRY', contributor_name: 'Paraguay', version: 1, sdgs: [4, 16] });
    expect(resource.title).toBe('Educación en derechos humanos para funcionarios públicos'); // plain text, cleaned
    const id = resource.id;

    // Not public anywhere: the page, the search, the feed.
    expect((await api(null, 'GET', `/api/v1/network/hub/resources/${id}`)).statusCode).toBe(404);
    expect((await api('focalARG', 'GET', `/api/v1/network/hub/resources/${id}`)).statusCode).toBe(404);
    expect((await api('focalPRY', 'GET', `/api/v1/network/hub/resources/${id}`)).statusCode).toBe(200);
    expect(ids(await search('q=educaci%C3%B3n'))).not.toContain(id);
    expect((await api(null, 'GET', '/api/v1/network/hub/feed.json')).json().items.map((item: { id: number }) => item.id)).not.toContain(id);
    expect((await api(null, 'GET', '/api/v1/network/hub/feed.csv')).body).not.toContain('Educación');

    // The queue: the hub secretariat sees all, a contributor their own.
    expect((await api('secretariat', 'GET', '/api/v1/network/hub/submissions')).json().items.map((item: { id: number }) => item.id)).toContain(id);
    expect((await api('focalARG', 'GET', '/api/v1/network/hub/submissions')).json().items).toEqual([]);
    expect((await api(null, 'GET', '/api/v1/network/hub/submissions')).statusCode).toBe(401);

    // A file, checked on its bytes: text named .pdf is refused.
    const fake = new FormData();
    fake.append('file', new Blob([new TextEncoder().encode('not a pdf at all')]), 'report.pdf');
    const refusedFile = await hub.inject({ method: 'POST', url: `/api/v1/network/hub/resources/${id}/files`, payload: fake, headers: as(s.focalPRY) });
    expect(refusedFile.statusCode).toBe(400);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)]), 'curso.pdf');
    const attached = await hub.inject({ method: 'POST', url: `/api/v1/network/hub/resources/${id}/files`, payload: form, headers: as(s.focalPRY) });
    expect(attached.statusCode).toBe(201);
    const fileId = attached.json().id;
    expect((await api(null, 'GET', `/api/v1/network/hub/files/${fileId}`)).statusCode).toBe(404);
    const other = new FormData();
    other.append('file', new Blob([new Uint8Array(PDF)]), 'x.pdf');
    expect((await hub.inject({ method: 'POST', url: `/api/v1/network/hub/resources/${id}/files`, payload: other, headers: as(s.deputyPRY) })).statusCode).toBe(403);

    // What each may do with it, as the queue says: the hub secretariat moderates, the contributor edits.
    const actionsOf = async (who: string) => (await api(who, 'GET', '/api/v1/network/hub/submissions')).json().items.find((item: { id: number }) => item.id === id)?.available_actions;
    expect(await actionsOf('secretariat')).toEqual(['moderate']);
    expect(await actionsOf('focalPRY')).toEqual(['edit']);

    // Returned without a reason: refused; with one; the contributor edits and submits again.
    expect((await api('secretariat', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 2, decision: 'return' })).statusCode).toBe(400);
    expect((await api('secretariat', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 1, decision: 'publish' })).statusCode).toBe(409);
    const returned = await api('secretariat', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 2, decision: 'return', reason: 'Add the year of the course.' });
    expect(returned.json()).toMatchObject({ state: 'returned', moderation_reason: 'Add the year of the course.', version: 3 });
    expect(await actionsOf('focalPRY')).toEqual(['edit', 'submit']);
    expect(await actionsOf('secretariat')).toEqual([]);
    expect((await api('focalARG', 'PATCH', `/api/v1/network/hub/resources/${id}`, { version: 3, summary: 'Mine now' })).statusCode).toBe(403);
    expect((await api('focalPRY', 'PATCH', `/api/v1/network/hub/resources/${id}`, { version: 2, summary: 'Stale' })).statusCode).toBe(409);
    const edited = await api('focalPRY', 'PATCH', `/api/v1/network/hub/resources/${id}`, { version: 3, summary: 'Un programa de formación, 2025, del personal de las instituciones.' });
    expect(edited.json()).toMatchObject({ state: 'returned', version: 4 });
    expect((await api('focalPRY', 'POST', `/api/v1/network/hub/resources/${id}/submit`, { version: 4 })).json()).toMatchObject({ state: 'submitted', version: 5 });
    expect((await api('focalPRY', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 5, decision: 'publish' })).statusCode).toBe(403);
    const published = await api('secretariat', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 5, decision: 'publish' });
    expect(published.json()).toMatchObject({ state: 'published', moderation_reason: null, version: 6 });
    expect(published.json().published_at).not.toBeNull();

    // Public now; no more edits.
    expect((await api(null, 'GET', `/api/v1/network/hub/resources/${id}`)).statusCode).toBe(200);
    expect((await api(null, 'GET', `/api/v1/network/hub/files/${fileId}`)).body).toBe(PDF.toString());
    expect((await api('focalPRY', 'PATCH', `/api/v1/network/hub/resources/${id}`, { version: 6, summary: 'Later' })).statusCode).toBe(409);
    expect((await api('secretariat', 'POST', `/api/v1/network/hub/resources/${id}/moderation`, { version: 6, decision: 'reject', reason: 'x' })).statusCode).toBe(409);

    const audit = await db.pool.query(`select action, after->>'state' as state from audit_log where entity = 'network_resource' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.rows.map((row) => row.action)).toEqual(['submit', 'attach_file', 'return', 'update', 'submit', 'publish']);
  });

  it('keeps a rejected contribution and a draft out of the public for good', async () => {
    const draft = (await api('deputyPRY', 'POST', '/api/v1/network/hub/resources', practice({ title: 'Borrador sobre educación', draft: true }))).json();
    expect(draft.state).toBe('draft');
    expect((await api('secretariat', 'POST', `/api/v1/network/hub/resources/${draft.id}/moderation`, { version: 1, decision: 'publish' })).statusCode).toBe(409);
    const submitted = (await api('focalPRT', 'POST', '/api/v1/network/hub/resources', practice({ title: 'Relatório rejeitado sobre educação', language: 'pt', kind: 'event_report' }))).json();
    const rejected = await api('secretariat', 'POST', `/api/v1/network/hub/resources/${submitted.id}/moderation`, { version: 1, decision: 'reject', reason: 'Out of scope.' });
    expect(rejected.json().state).toBe('rejected');
    expect((await api('focalPRT', 'POST', `/api/v1/network/hub/resources/${submitted.id}/submit`, { version: 2 })).statusCode).toBe(409);
    for (const hidden of [draft.id, submitted.id]) {
      expect((await api(null, 'GET', `/api/v1/network/hub/resources/${hidden}`)).statusCode).toBe(404);
      expect(ids(await search('q=education'))).not.toContain(hidden);
    }
    const feed = (await api(null, 'GET', '/api/v1/network/hub/feed.json')).json().items;
    expect(feed.every((item: { id: number }) => item.id !== draft.id && item.id !== submitted.id)).toBe(true);
    const csv = (await api(null, 'GET', '/api/v1/network/hub/feed.csv')).body;
    expect(csv).not.toContain('Borrador');
    expect(csv).not.toContain('rejeitado');
  });
});

describe('finding what was published', () => {
  let spanish: number;
  let french: number;
  beforeAll(async () => {
    const publish = async (who: string, body: object) => {
      const created = (await api(who, 'POST', '/api/v1/network/hub/resources', body)).json();
      await api('secretariat', 'POST', `/api/v1/network/hub/resources/${created.id}/moderation`, { version: created.version, decision: 'publish' });
      return created.id as number;
    };
    spanish = (await search('q=%22derechos%20humanos%22')).items[0]?.id;
    french = await publish('focalARG', practice({
      kind: 'lesson', language: 'fr', title: 'Leçons de la coordination interministérielle', summary: 'Égalité entre les femmes et les hommes dans le suivi.', body: '',
      mechanisms: ['CEDAW'], sdgs: [5], regions: ['Latin American and Caribbean Group'], themes: [],
    }));
  });

  it("reads a query in every language the hub holds, with accents or without, and phrases in order", async () => {
    expect(spanish).toBeTypeOf('number');
    // An English word that stems like the Spanish one, typed with no language chosen.
    expect(ids(await search('q=education'))).toEqual([spanish]);
    // The practice's own words, accents left out.
    expect(ids(await search('q=educacion%20funcionarios'))).toEqual([spanish]);
    expect(ids(await search('q=%22humanos%20derechos%22'))).toEqual([]);
    expect(ids(await search('q=egalite'))).toEqual([french]);
    expect(ids(await search('q=education%20-funcionarios'))).toEqual([]);
    // Narrowed to a language, the words are read in that language only.
    expect(ids(await search('q=educaci%C3%B3n&lang=es'))).toEqual([spanish]);
    expect(ids(await search('q=educaci%C3%B3n&lang=fr'))).toEqual([]);
  });

  it('counts each facet with every other filter applied', async () => {
    const all = await search('');
    expect(all.total).toBe(2); // the Spanish practice, the French lesson (the partner's tool waits for moderation)
    const filtered = await search('kind=practice');
    expect(ids(filtered)).toEqual([spanish]);
    expect(filtered.facets.kind).toEqual([{ key: 'lesson', count: 1 }, { key: 'practice', count: 1 }]);
    expect(filtered.facets.sdg).toEqual([{ key: '16', count: 1 }, { key: '4', count: 1 }]);
    expect(filtered.facets.mechanism).toEqual([{ key: 'CRC', count: 1 }, { key: 'UPR', count: 1 }]);
    const bySdg = await search('sdg=5');
    expect(ids(bySdg)).toEqual([french]);
    expect(bySdg.facets.language).toEqual([{ key: 'fr', count: 1 }]);
    expect((await api(null, 'GET', '/api/v1/network/hub/resources?sdg=18&locale=es')).statusCode).toBe(400);
  });

  it('names the themes and mechanisms a contribution may be tagged with, in the asked language, retired ones left out', async () => {
    const spanish = (await api(null, 'GET', '/api/v1/network/hub/tags?locale=es')).json();
    const label = (await db.pool.query(`select label->>'es' as es from vocabulary_term where vocabulary = 'theme' and key = $1`, [theme])).rows[0].es;
    expect(spanish.themes).toContainEqual({ key: theme, label });
    const upr = (await db.pool.query(`select name->>'fr' as fr from mechanism where code = 'UPR'`)).rows[0].fr;
    expect((await api(null, 'GET', '/api/v1/network/hub/tags?locale=fr')).json().mechanisms).toContainEqual({ key: 'UPR', label: upr });
    const retired = (await db.pool.query(`select key from vocabulary_term where vocabulary = 'theme' and key <> $1 order by key limit 1`, [theme])).rows[0].key;
    await db.pool.query(`update vocabulary_term set retired_at = now() where vocabulary = 'theme' and key = $1`, [retired]);
    try {
      const keys = (await api(null, 'GET', '/api/v1/network/hub/tags?locale=en')).json().themes.map((term: { key: string }) => term.key);
      expect(keys).toContain(theme);
      expect(keys).not.toContain(retired);
    } finally {
      await db.pool.query(`update vocabulary_term set retired_at = null where vocabulary = 'theme' and key = $1`, [retired]);
    }
  });

  it('feeds OHCHR\'s hub the published resources, JSON and CSV, and what changed since an instant', async () => {
    const feed = (await api(null, 'GET', '/api/v1/network/hub/feed.json')).json();
    expect(feed.items.map((item: { id: number }) => item.id).sort()).toEqual(ids(await search('')).sort());
    const item = feed.items.find((entry: { id: number }) => entry.id === spanish);
    expect(item).toMatchObject({ language: 'es', mechanisms: ['UPR', 'CRC'], sdgs: [4, 16], contributor_iso3: 'PRY' });
    expect(item.files[0].url).toMatch(/\/api\/v1\/network\/hub\/files\/\d+$/);
    const csv = await api(null, 'GET', '/api/v1/network/hub/feed.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('id,url,kind,language,title,summary,themes,mechanisms,sdgs,regions,nmirf_types,link,contributor_iso3,files,published_at,updated_at');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain('UPR|CRC');
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await api(null, 'GET', `/api/v1/network/hub/feed.json?since=${encodeURIComponent(later)}`)).json().items).toEqual([]);
  });
});

describe('cooperation', () => {
  it('lets a member post, others respond, and the hub secretariat record agreements and close', async () => {
    const request = { kind: 'request', topic: 'Technical cooperation on SIMORE', description: 'We ask for training on a tracking system.', help: ['software', 'training'], language: 'en' };
    expect((await api('observerECU', 'POST', '/api/v1/network/cooperation', request)).statusCode).toBe(403);
    expect((await api('partner', 'POST', '/api/v1/network/cooperation', request)).statusCode).toBe(403);
    expect((await api('focalPRY', 'POST', '/api/v1/network/cooperation', { ...request, help: [] })).statusCode).toBe(400);
    const posted = await api('focalPRT', 'POST', '/api/v1/network/cooperation', request);
    expect(posted.statusCode).toBe(201);
    const id = posted.json().id;
    expect(posted.json()).toMatchObject({ iso3: 'PRT', status: 'open', responses_count: 0 });
    // What each may do with it, as the list and the request say (the rules the writes apply).
    const actionsOn = async (who: string | null) => (await api(who, 'GET', '/api/v1/network/cooperation')).json().items.find((item: { id: number }) => item.id === id).available_actions;
    expect(await actionsOn(null)).toEqual([]);
    expect(await actionsOn('focalPRT')).toEqual([]);
    expect(await actionsOn('observerECU')).toEqual([]);
    expect(await actionsOn('focalPRY')).toEqual(['respond']);
    expect(await actionsOn('secretariat')).toEqual(['record_agreement', 'close']);
    expect((await api('deputyPRY', 'GET', `/api/v1/network/cooperation/${id}`)).json().available_actions).toEqual(['respond']);

    expect((await api('focalPRT', 'POST', `/api/v1/network/cooperation/${id}/responses`, { message: 'Ourselves' })).statusCode).toBe(400);
    expect((await api('focalPRY', 'POST', `/api/v1/network/cooperation/${id}/responses`, { message: 'Paraguay offers its SIMORE Plus programme.' })).statusCode).toBe(201);
    const publicView = (await api(null, 'GET', `/api/v1/network/cooperation/${id}`)).json();
    expect(publicView.responses_count).toBe(1);
    expect(publicView.responses).toBeUndefined();
    expect((await api('focalARG', 'GET', `/api/v1/network/cooperation/${id}`)).json().responses).toMatchObject([{ iso3: 'PRY', state_name: 'Paraguay' }]);

    expect((await api('focalPRY', 'POST', `/api/v1/network/cooperation/${id}/agreements`, { parties: ['PRT', 'PRY'], description: 'x' })).statusCode).toBe(403);
    expect((await api('secretariat', 'POST', `/api/v1/network/cooperation/${id}/agreements`, { parties: ['PRY', 'ARG'], description: 'Training' })).statusCode).toBe(400);
    expect((await api('secretariat', 'POST', `/api/v1/network/cooperation/${id}/agreements`, { parties: ['PRT', 'URY'], description: 'Training' })).statusCode).toBe(400);
    const agreed = await api('secretariat', 'POST', `/api/v1/network/cooperation/${id}/agreements`, { parties: ['PRT', 'PRY'], description: 'Two training sessions on SIMORE Plus.' });
    expect(agreed.statusCode).toBe(201);
    const agreement = agreed.json().agreements[0];
    expect(agreement).toMatchObject({ parties: ['PRT', 'PRY'], status: 'agreed', version: 1 });
    expect((await api('secretariat', 'PATCH', `/api/v1/network/cooperation-agreements/${agreement.id}`, { version: 2, status: 'completed' })).statusCode).toBe(409);
    expect((await api('secretariat', 'PATCH', `/api/v1/network/cooperation-agreements/${agreement.id}`, { version: 1, status: 'in_progress' })).json().agreements[0].status).toBe('in_progress');

    expect((await api(null, 'GET', '/api/v1/network/cooperation?status=open')).json().items.map((item: { id: number }) => item.id)).toContain(id);
    expect((await api('secretariat', 'POST', `/api/v1/network/cooperation/${id}/status`, { version: 1, status: 'closed' })).json().status).toBe('closed');
    expect((await api(null, 'GET', '/api/v1/network/cooperation?status=open')).json().items.map((item: { id: number }) => item.id)).not.toContain(id);
    expect((await api('focalARG', 'POST', `/api/v1/network/cooperation/${id}/responses`, { message: 'Late' })).statusCode).toBe(409);
    expect(await actionsOn('focalARG')).toEqual([]);
    expect(await actionsOn('secretariat')).toEqual(['record_agreement', 'reopen']);

    const audit = await db.pool.query(`select action from audit_log where entity = 'network_cooperation' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'respond', 'record_agreement', 'change_status']);
  });
});
