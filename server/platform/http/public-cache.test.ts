import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from './public-cache';
import { buildDecisionRecord } from '../../modules/network/decision-record';

let t: TestApp;
let institution: number;
let recommendations: number[];
const s: Record<string, Session> = {};

/** The GET routes whose visitor answers shared caches may keep, and what their validator depends on. */
const PUBLIC_CACHED = {
  'GET /api/v1/recommendations': 'catalogue',
  'GET /api/v1/recommendations/:id': 'catalogue',
  'GET /api/v1/public/mechanisms/:code': 'catalogue',
  'GET /api/v1/public/sdgs/:goal': 'catalogue',
  'GET /api/v1/public/dashboard': 'published',
  'GET /api/v1/public/institutions': 'published',
  'GET /api/v1/public/institutions/:id': 'published',
  'GET /api/v1/public/institutions/:id/recommendations': 'published',
  'GET /api/v1/public/institutions/:id/actions': 'published',
  'GET /api/v1/public/recommendations/:id/institutions': 'published',
  'GET /api/v1/settings': 'catalogue',
  'GET /api/v1/settings/logo': 'catalogue',
  'GET /api/v1/public/plans': 'published',
  'GET /api/v1/public/plans/:id': 'published',
  'GET /api/v1/public/plans/:id/progress': 'published',
  'GET /api/v1/public/recommendations/:id/planned-activities': 'published',
  // The Network's hub (the app below is a hub).
  'GET /api/v1/network/states': 'published',
  'GET /api/v1/network/states/:iso3': 'published',
  'GET /api/v1/network/committee': 'published',
  'GET /api/v1/network/meetings': 'published',
  'GET /api/v1/network/meetings/:id': 'published',
  'GET /api/v1/network/decisions/:id': 'published',
  'GET /api/v1/network/hub/resources': 'published',
  'GET /api/v1/network/hub/resources/:id': 'published',
  'GET /api/v1/network/hub/feed.json': 'published',
  'GET /api/v1/network/hub/feed.csv': 'published',
  'GET /api/v1/network/hub/settings': 'published',
  'GET /api/v1/network/hub/tags': 'catalogue',
  'GET /api/v1/network/cooperation': 'published',
  'GET /api/v1/network/cooperation/:id': 'published',
} as const;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const etagOf = async (url: string, headers: Record<string, string> = {}) => {
  const response = await get(url, headers);
  expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
  return String(response.headers.etag);
};

const api = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: as(s[who]) });
async function move(who: string, id: number, transition: string) {
  const current = await api(who, 'GET', `/api/v1/actions/${id}`);
  const moved = await api(who, 'POST', `/api/v1/actions/${id}/${transition}`, { version: current.json().version });
  expect(moved.statusCode, moved.body).toBe(200);
}

beforeAll(async () => {
  t = await appWithDemoData({ instanceRole: 'hub' });
  await resetPeople(t.db);
  // The Network: a member, a meeting whose agenda was sent, and a decision taken there.
  await t.db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await t.db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01')`);
  // The knowledge hub: a published practice and an open request for cooperation.
  resource = Number((await t.db.pool.query(`insert into network_resource (kind, language, title, summary, contributor_iso3, state, published_at, search_vector)
    values ('practice', 'es', 'Práctica', 'Resumen', 'PRY', 'published', now(), nmirf_search_vector('{"es": {"text": "Práctica"}}')) returning id`)).rows[0].id);
  cooperation = Number((await t.db.pool.query(`insert into network_cooperation (kind, iso3, topic, description, help, language)
    values ('request', 'PRY', 'Request', 'Help', '{software}', 'en') returning id`)).rows[0].id);
  meeting = Number((await t.db.pool.query(`insert into network_meeting (title, meets_on, agenda_sent_on) values ('Meeting', '2026-03-10', '2026-02-01') returning id`)).rows[0].id);
  const item = (await t.db.pool.query(`insert into network_agenda_item (meeting_id, position, title) values ($1, 1, 'Item') returning id`, [meeting])).rows[0].id;
  const record = buildDecisionRecord({ members_present: ['PRY'], observers_present: [], method: 'consensus', objections: [], votes: [] }, {
    meeting: { id: String(meeting), date: '2026-03-10', title: 'Meeting' }, agenda_item: { id: String(item), title: 'Item' },
    proposal: { id: 'p', text: 'Proposal' }, decided_at: '2026-03-10T12:00:00Z',
  });
  decision = Number((await t.db.pool.query(`insert into network_proposal (agenda_item_id, text, state, record, sha256, outcome) values ($1, 'Proposal', 'decided', $2, $3, 'adopted') returning id`,
    [item, JSON.stringify(record), record.sha256])).rows[0].id);
  institution = Number((await t.db.pool.query(
    `insert into institution (name, acronym, branch) values ('{"es": "Ministerio de Educación"}', 'MEC', 'executive') returning id`)).rows[0].id);
  for (const [name, role, where] of [['focal', 'focal_point', institution], ['validator', 'validator', institution], ['secretariat', 'secretariat', undefined]] as const) {
    await createPerson(t.db, `${name}@example.org`, role, where);
    s[name] = await signIn(t.app, `${name}@example.org`);
  }
  recommendations = (await t.db.pool.query('select id from recommendation order by id limit 3')).rows.map((r) => Number(r.id));
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2::int, 'lead'`,
    [recommendations, institution]);
  // A logo, so that its address answers (instance configuration: removed again after).
  // Whatever logo an earlier test file left is replaced (the instance has one logo at most).
  await t.db.pool.query('delete from instance_logo');
  await t.db.pool.query(`insert into instance_logo (media_type, data, digest) values ('image/svg+xml', convert_to('<svg xmlns="http://www.w3.org/2000/svg"/>', 'UTF8'), 'cache-test')`);
  adoptedPlan = Number((await t.db.pool.query(`insert into plan (kind, title, original_language, status, adopted_on)
    values ('strategy', '{"es": "Plan nacional"}', 'es', 'adopted', '2025-01-01') returning id`)).rows[0].id);
});
let adoptedPlan: number;
let meeting: number;
let decision: number;
let resource: number;
let cooperation: number;
afterAll(async () => {
  await t?.db.pool.query('delete from instance_logo');
  await t?.db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await t?.close();
});

/** A URL for a route pattern: real ids where the demo data has them, else 1. */
function sample(url: string): string {
  return url
    .replace(':code', 'UPR').replace(':goal', '4')
    .replace('/public/institutions/:id', `/public/institutions/${institution}`)
    .replace('/public/plans/:id', `/public/plans/${adoptedPlan}`)
    .replace('/network/states/:iso3', '/network/states/PRY')
    .replace('/network/meetings/:id', `/network/meetings/${meeting}`)
    .replace('/network/decisions/:id', `/network/decisions/${decision}`)
    .replace('/network/hub/resources/:id', `/network/hub/resources/${resource}`)
    .replace('/network/cooperation/:id', `/network/cooperation/${cooperation}`)
    .replace('/recommendations/:id', `/recommendations/${recommendations[0]}`)
    .replace(/:[a-zA-Z_]+/g, '1');
}

describe('which answers shared caches may keep', () => {
  it('exactly the listed public GET routes opt in; every GET route answers a signed-in request private, no-store, without a validator', async () => {
    const gets = t.app.routeAccess.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(50);
    const optedIn: string[] = [];
    for (const route of gets) {
      const url = sample(route.url);
      const visitor = await get(url);
      const key = `GET ${route.url}`;
      if (String(visitor.headers['cache-control']).includes('public')) {
        optedIn.push(key);
        expect(visitor.statusCode, key).toBe(200);
        expect(visitor.headers.etag, key).toMatch(/^"[\w-]+"$/);
        expect(visitor.headers['cache-control'], key).toBe(PUBLIC_CACHE_CONTROL);
        expect(visitor.headers.vary, key).toMatch(/Accept-Language.*Cookie/);
      } else {
        expect(visitor.headers['cache-control'], `${key}: ${visitor.statusCode}`).toBeDefined();
        expect(visitor.headers.etag, key).toBeUndefined();
      }
      for (const who of ['focal', 'secretariat']) {
        const signedIn = await get(url, as(s[who]));
        expect(signedIn.headers['cache-control'], `${key} as ${who}`).toBe(PRIVATE_CACHE_CONTROL);
        expect(signedIn.headers.etag, `${key} as ${who}`).toBeUndefined();
      }
      // An expired or unknown session cookie is still someone's request.
      const stale = await get(url, { cookie: 'nmirf_session=unknown' });
      expect(stale.headers['cache-control'], `${key} with an unknown session`).toBe(PRIVATE_CACHE_CONTROL);
    }
    expect(optedIn.sort()).toEqual(Object.keys(PUBLIC_CACHED).sort());
  }, 120_000);

  it('a draft action report read by its author is private, no-store', async () => {
    const created = await api('focal', 'POST', '/api/v1/actions', {
      institution_id: institution, title: { es: 'Borrador' }, description: { es: 'Descripción' }, original_language: 'es',
      action_type: 'programme', reach: 'structural', recommendation_ids: [recommendations[1]],
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = await api('focal', 'GET', `/api/v1/actions/${created.json().id}`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['cache-control']).toBe(PRIVATE_CACHE_CONTROL);
    expect(draft.headers.etag).toBeUndefined();
    const list = await api('focal', 'GET', `/api/v1/actions?institution_id=${institution}`);
    expect(list.headers['cache-control']).toBe(PRIVATE_CACHE_CONTROL);
  });

  it('errors and routes that did not opt in are never shared-cacheable', async () => {
    const bad = await get('/api/v1/recommendations?page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['cache-control']).toBe(PRIVATE_CACHE_CONTROL);
    expect(bad.headers.etag).toBeUndefined();
    const missing = await get('/api/v1/public/institutions/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe(PRIVATE_CACHE_CONTROL);
    expect(missing.headers.etag).toBeUndefined();
  });
});

describe('the OpenAPI description', () => {
  it('gives every route that opts in its 304 answer and the headers it carries', async () => {
    const spec = (await get('/api/docs/json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>> };
    for (const pattern of Object.keys(PUBLIC_CACHED)) {
      const path = pattern.slice(4).replace(/:(\w+)/g, '{$1}');
      const notModified = spec.paths[path]?.get?.responses['304'];
      expect(notModified?.description, path).toMatch(/Not Modified.*ETag.*public, no-cache.*private, no-store/s);
    }
  });
});

describe('revalidation', () => {
  it('If-None-Match with the current ETag is a 304 without a body, for every route that opts in', async () => {
    for (const pattern of Object.keys(PUBLIC_CACHED)) {
      const url = sample(pattern.slice(4)) + (pattern.endsWith('/recommendations') ? '?q=educación&country=PRY' : '');
      const etag = await etagOf(url);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
      expect(again.headers['content-length'] ?? '0', url).toBe('0');
      expect(again.headers.etag, url).toBe(etag);
      expect(again.headers['cache-control'], url).toBe(PUBLIC_CACHE_CONTROL);
      // A list of validators, a weak one, or another one.
      expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode, url).toBe(304);
      const other = await get(url, { 'if-none-match': '"other"' });
      expect(other.statusCode, url).toBe(200);
      expect(other.headers.etag).toBe(etag);
      // A signed-in request is answered in full, privately, whatever it sends.
      const signedIn = await get(url, { ...as(s.focal), 'if-none-match': etag });
      expect(signedIn.statusCode, url).toBe(200);
      expect(signedIn.headers['cache-control']).toBe(PRIVATE_CACHE_CONTROL);
    }
  });

  it('the validator varies with the query string and the language negotiated', async () => {
    const english = await etagOf('/api/v1/recommendations?q=education', { 'accept-language': 'en' });
    const spanish = await etagOf('/api/v1/recommendations?q=education', { 'accept-language': 'es-PY,es;q=0.9' });
    const byParameter = await etagOf('/api/v1/recommendations?q=education&locale=es', { 'accept-language': 'en' });
    const otherWords = await etagOf('/api/v1/recommendations?q=health', { 'accept-language': 'en' });
    expect(new Set([english, spanish, byParameter, otherWords]).size).toBe(4);
    expect(await etagOf('/api/v1/recommendations?q=education', { 'accept-language': 'en-GB' })).toBe(english);
    expect((await get('/api/v1/recommendations?q=education', { 'accept-language': 'es', 'if-none-match': english })).statusCode).toBe(200);
  });

  it('a catalogue write changes every validator; published follow-up work changes only those of answers that show it', async () => {
    const urls = Object.keys(PUBLIC_CACHED).map((pattern) => sample(pattern.slice(4)));
    const before = await Promise.all(urls.map((url) => etagOf(url)));

    await t.db.pool.query(`update recommendation set position = case when position = 'supported' then 'noted' else 'supported' end,
      version = version + 1 where id = $1`, [recommendations[2]]);
    const afterEdit = await Promise.all(urls.map((url) => etagOf(url)));
    urls.forEach((url, i) => expect(afterEdit[i], url).not.toBe(before[i]));
    const revalidated = await get(urls[0], { 'if-none-match': before[0] });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.body.length).toBeGreaterThan(0);

    // An action report through the chain: drafting and submitting change nothing public, publishing changes the portal and the dashboard.
    const created = await api('focal', 'POST', '/api/v1/actions', {
      institution_id: institution, title: { es: 'Programa publicado' }, description: { es: 'Descripción' }, original_language: 'es',
      action_type: 'programme', reach: 'structural', recommendation_ids: [recommendations[0]],
    });
    expect(created.statusCode, created.body).toBe(201);
    await move('focal', created.json().id, 'submit');
    await move('validator', created.json().id, 'validate');
    const beforePublication = await Promise.all(urls.map((url) => etagOf(url)));
    await move('secretariat', created.json().id, 'publish');
    const afterPublication = await Promise.all(urls.map((url) => etagOf(url)));
    urls.forEach((url, i) => {
      const scope = Object.values(PUBLIC_CACHED)[i];
      if (scope === 'published') expect(afterPublication[i], url).not.toBe(beforePublication[i]);
      else expect(afterPublication[i], url).toBe(beforePublication[i]);
    });
    const actions = await get(sample('/api/v1/public/institutions/:id/actions'));
    expect(actions.body).toContain('Programa publicado');
  });

  it('a change to reference data changes the search\'s validator', async () => {
    // An alias nobody uses, removed again: the reference data is shared with the other test files.
    const alias = `public cache test ${Date.now()}`;
    const before = await etagOf('/api/v1/recommendations');
    await t.db.pool.query(`insert into country_alias (alias, iso3) values ($1, 'PRY')`, [alias]);
    const added = await etagOf('/api/v1/recommendations');
    expect(added).not.toBe(before);
    await t.db.pool.query('delete from country_alias where alias = $1', [alias]);
    expect(await etagOf('/api/v1/recommendations')).not.toBe(added);
  });
});

describe('the versions behind the validators', () => {
  it('every table is versioned for public answers or named as never read by them', async () => {
    const NEVER_PUBLIC = ['network_join_request', 'network_role', 'network_vote', 'federation_state', 'federation_publication', 'federation_record', 'federation_key',
      'network_instance', 'network_key', 'network_copy_state', 'network_copy_record', 'network_copy_change', 'network_harvest', 'app_user', 'audit_log', 'backup_run', 'catalogue_change', 'catalogue_state', 'import_batch', 'job_run', 'label_suggestion', 'label_suggestion_decision', 'job_slot', 'login_throttle', 'mail_outbox', 'membership', 'oidc_request',
      'organisation_email_token', 'organisation_member', 'participation_secret', 'password_token', 'plan_activity_transition', 'plan_revision', 'public_content_state', 'recommendation',
      'recommendation_revision', 'related_scan_state', 'recovery_code', 'report_cluster', 'report_cluster_member', 'report_draft', 'report_section', 'report_version', 'sign_in_challenge', 'suggestion_model', 'suggestion_model_field', 'suggestion_scan', 'user_session'];
    const { rows } = await t.db.pool.query(`select c.relname as name, exists (select 1 from pg_trigger g where g.tgrelid = c.oid
        and g.tgname = c.relname || '_public_content_version') as versioned
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r' and c.relname not like '\\_\\_%' order by 1`);
    const unversioned = rows.filter((r) => !r.versioned).map((r) => r.name as string);
    expect(unversioned.filter((name) => !NEVER_PUBLIC.includes(name))).toEqual([]);
    expect(rows.filter((r) => r.versioned).map((r) => r.name).filter((name: string) => NEVER_PUBLIC.includes(name))).toEqual([]);
  });

  it('a transaction bumps a version once, at commit, and a rolled back one not at all', async () => {
    const versions = async () => (await t.db.pool.query('select reference_version, follow_up_version from public_content_state')).rows[0];
    const before = await versions();
    await t.db.pool.query(`insert into institution (name, branch) values ('{"en": "A"}', 'executive'), ('{"en": "B"}', 'executive')`);
    const after = await versions();
    expect(Number(after.follow_up_version)).toBe(Number(before.follow_up_version) + 1);
    expect(after.reference_version).toBe(before.reference_version);
    const client = await t.db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`insert into institution (name, branch) values ('{"en": "C"}', 'executive')`);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await versions()).toEqual(after);
  });
});
