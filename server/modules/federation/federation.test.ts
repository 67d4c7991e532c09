/**
 * A national instance's publication to the Network (docs/decisions/0017-federation.md): the
 * well-known description, the signed package (full and since a version, paged), what never goes
 * into it (every kind of non-public data seeded with a marker; every byte of every package scanned),
 * tombstones for what was unpublished or deleted, and a version that moves only with public changes,
 * published by the `federation-publication` job (the public answers only read), while the settings
 * say the instance publishes.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { scheduledJobs } from '../../start';
import { readConfig } from '../../platform/config';
import { startJobRunner } from '../../platform/jobs/runner';
import { InstanceSettings } from '../settings/instance-settings';
import { runPublication } from './publication-job';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { fetchPackage, injectGetter, keyFile, linesOf } from '../../test/federation';
import { createInstitution, createOrganisation, createPerson, resetPeople } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { verifyPackage, type RegisteredKey } from './package-signature';

const marker = (what: string) => `QZX${what}MARK`;
const MARKERS = ['draft', 'submitted', 'returned', 'validated', 'validatorcomment', 'secretariatcomment', 'personname', 'personemail',
  'pending', 'hidden', 'hiddenassessment', 'pendingassessment', 'evidencefile', 'filename', 'draftevidence', 'reportdraft', 'measurementnote', 'rejection'];

let db: Database;
let app: FastifyInstance;
let key: Awaited<ReturnType<typeof keyFile>>;
const ids: Record<string, number> = {};

async function seed() {
  await resetPeople(db);
  await resetCatalogue(db);
  await db.pool.query('truncate federation_record, federation_publication, federation_key, federation_state, organisation, report_draft restart identity cascade');
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const [r1, r2] = (await q('select id from recommendation order by id limit 2')).rows.map((row) => Number(row.id));
  ids.r1 = r1;
  ids.r2 = r2;
  ids.ministry = await createInstitution(db, 'Ministry of Justice');
  ids.spare = await createInstitution(db, 'Office to be removed');
  const person = await createPerson(db, `${marker('personemail')}@example.org`, 'focal_point', ids.ministry);
  await q('update app_user set display_name = $1 where id = $2', [marker('personname'), person]);
  await q(`insert into assignment (recommendation_id, institution_id, responsibility, assigned_by) values ($1, $2, 'lead', $3)`, [r1, ids.ministry, person]);
  const action = async (state: string, title: string) => {
    const id = Number((await q(
      `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, created_by, updated_by, published_at)
       values ($1, $2, 'policy_plan', 'structural', $3, $4, 'en', '2025-01-15', $5, $5, case when $2 = 'published' then now() end) returning id`,
      [ids.ministry, state, JSON.stringify({ en: title }), JSON.stringify({ en: `${title} described` }), person])).rows[0].id);
    await q('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [id, r1]);
    return id;
  };
  ids.published = await action('published', 'Public action PUBLICTEXT');
  ids.draft = await action('draft', marker('draft'));
  await action('submitted', marker('submitted'));
  await action('returned', marker('returned'));
  await action('validated', marker('validated'));
  await q(`insert into action_transition (action_id, transition, from_state, to_state, actor_id, comment) values
    ($1, 'return', 'submitted', 'returned', $2, $3), ($1, 'publish', 'validated', 'published', $2, $4)`,
  [ids.published, person, marker('validatorcomment'), marker('secretariatcomment')]);
  await q(`insert into action_evidence (action_id, kind, title, url, created_by) values ($1, 'link', 'Decree', 'https://example.org/decree', $2)`, [ids.published, person]);
  await q(`insert into action_evidence (action_id, kind, title, stored_name, file_name, media_type, size_bytes, sha256, created_by) values
    ($1, 'file', $2, 'stored-1', $3, 'application/pdf', 10, 'x', $5), ($4, 'file', $6, 'stored-2', 'f.pdf', 'application/pdf', 10, 'x', $5)`,
  [ids.published, marker('evidencefile'), `${marker('filename')}.pdf`, ids.draft, person, marker('draftevidence')]);
  await q(`insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on, created_by) values ($1, 'government', 'partially_implemented', 'Public progress', '2025-02-01', $2)`, [r1, person]);
  const organisation = await createOrganisation(db, 'Watch group');
  const assessment = async (reason: string) => Number((await q(
    `insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, 'civil_society', 'not_implemented', $2, '2025-03-01') returning id`,
    [r2, reason])).rows[0].id);
  await q(`insert into contribution (organisation_id, recommendation_id, kind, body, state, author_id) values ($1, $2, 'comment', $3, 'pending', $4)`, [organisation, r1, marker('pending'), person]);
  await q(`insert into contribution (organisation_id, recommendation_id, kind, body, state, hidden, assessment_id, assessor_kind, status_key) values ($1, $2, 'assessment', $3, 'approved', true, $4, 'civil_society', 'not_implemented')`,
    [organisation, r2, marker('hidden'), await assessment(marker('hiddenassessment'))]);
  await q(`insert into contribution (organisation_id, recommendation_id, kind, body, state, assessment_id, rejection_reason, assessor_kind, status_key) values ($1, $2, 'assessment', 'x', 'rejected', $3, $4, 'civil_society', 'not_implemented')`,
    [organisation, r2, await assessment(marker('pendingassessment')), marker('rejection')]);
  await q(`insert into report_draft (template, title, language, grouping, selection, created_by) values ('custom', $1, 'en', 'theme', '{}', $2)`, [marker('reportdraft'), person]);
  const indicator = Number((await q(`insert into indicator (institution_id, name, kind, unit, frequency, created_by) values ($1, '{"en": "Children enrolled"}', 'outcome', '%', 'annual', $2) returning id`,
    [ids.ministry, person])).rows[0].id);
  await q(`insert into indicator_measurement (indicator_id, measured_on, value, note, created_by) values ($1, '2025-01-01', 42.5, $2, $3)`, [indicator, marker('measurementnote'), person]);
  await q('insert into indicator_recommendation (indicator_id, recommendation_id) values ($1, $2)', [indicator, r1]);
  await q('insert into indicator_action (indicator_id, action_id) values ($1, $2), ($1, $3)', [indicator, ids.published, ids.draft]);
}

/** The publication job's work (what the scheduled `federation-publication` runs), with publishing as the environment's default says. */
const publish = async (at = new Date()) => runPublication(db.pool, new InstanceSettings(db.pool, { ...readConfig(), network: { publish: true, hubUrl: null, keyFile: key.file } }), key.file, at);
/** What a GET could have written: the publication sequence, its records, publications and keys. */
const written = async () => (await db.pool.query(`select (select row_to_json(s) from federation_state s) as state,
  (select count(*) from federation_record)::int as records, (select count(*) from federation_publication)::int as publications,
  (select json_agg(k order by kid) from federation_key k) as keys`)).rows[0];

beforeAll(async () => {
  db = await connectTestDatabase();
  key = await keyFile();
  await seed();
  // Settings saved by other tests fall back to the environment's defaults (network_publish null: NETWORK_PUBLISH holds).
  await db.pool.query('update instance_settings set network_publish = null, network_hub_url = null');
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', network: { publish: true, keyFile: key.file } });
  await publish();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await resetPeople(db);
  await db.pool.query('truncate federation_record, federation_publication, federation_key, federation_state, organisation, report_draft restart identity cascade');
  await db.close();
});

const get = (url: string) => injectGetter(app)(url);
const registered = (): RegisteredKey[] => [{ kid: key.publicJwk.kid, state: 'PRY', jwk: key.publicJwk, valid_from: '2000-01-01T00:00:00Z', valid_until: null }];
const found = (bytes: Buffer) => MARKERS.filter((name) => bytes.includes(marker(name)));

describe('the instance in the Network', () => {
  it('describes itself at /.well-known/nmirf-network.json: id, State, name, software, keys with validity, package address', async () => {
    const answer = await get('/.well-known/nmirf-network.json');
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body.toString());
    expect(body).toMatchObject({ profile: 'nmirf-network/1', state: 'PRY', software: { name: 'open-nmirf' }, package: expect.stringMatching(/\/api\/v1\/federation\/package$/) });
    expect(body.instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.keys).toEqual([{ kid: key.publicJwk.kid, jwk: key.publicJwk, valid_from: expect.any(String), valid_until: null }]);
    expect(body.version).toBeGreaterThan(0);
    expect(found(answer.body)).toEqual([]);
  });

  it('answers 404 everywhere while publishing is off, as an instance that never published; the job then publishes nothing', async () => {
    const version = (await publish()).version!;
    expect(version).toBeGreaterThan(0);
    const urls = ['/.well-known/nmirf-network.json', '/api/v1/federation/package', `/api/v1/federation/package/recommendations-1.ndjson?version=${version}`];
    for (const url of urls) expect((await get(url)).status, url).toBe(200);
    // Off by the environment's default (settings never saved; saved settings: server/modules/settings/settings.test.ts).
    const off = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', network: { publish: false, keyFile: key.file } });
    try {
      for (const url of urls) {
        const answer = await off.inject({ url });
        expect(answer.statusCode, url).toBe(404);
        expect(answer.json().error).toBe('not_found');
      }
      // Nothing is published meanwhile: a public change waits for publishing to be on again.
      const offJob = await runPublication(db.pool, new InstanceSettings(db.pool, { ...readConfig(), network: { publish: false, hubUrl: null, keyFile: key.file } }), key.file, new Date());
      expect(offJob).toEqual({ publishing: false, version: null });
    } finally {
      await off.close();
    }
    expect((await get(urls[0])).status).toBe(200);
  });

  it('answers 404 without a key file to sign with', async () => {
    const keyless = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', network: { publish: true, keyFile: '/nonexistent/network.key' } });
    try {
      expect((await keyless.inject({ url: '/.well-known/nmirf-network.json' })).statusCode).toBe(404);
      expect((await keyless.inject({ url: '/api/v1/federation/package' })).statusCode).toBe(404);
    } finally {
      await keyless.close();
    }
  });
});

describe('the data package', () => {
  let first: Awaited<ReturnType<typeof fetchPackage>>;

  it('is signed, its pages match their checksums, and holds the public records', async () => {
    first = await fetchPackage(get);
    const check = await verifyPackage(first.signature, first.pages, { state: 'PRY', keys: registered(), lastVersion: null });
    expect(check).toMatchObject({ accepted: true });
    expect(first.manifest.since).toBeNull();
    const recommendations = linesOf(first, 'recommendations');
    expect(recommendations.length).toBe(Number((await db.pool.query('select count(*) from recommendation')).rows[0].count));
    expect(recommendations.find((r) => r.id === ids.r1)).toMatchObject({ responsible: [{ institution: ids.ministry, responsibility: 'lead' }] });
    expect(linesOf(first, 'actions').map((a) => a.id)).toEqual([ids.published]);
    expect(linesOf(first, 'actions')[0]).toMatchObject({ evidence_links: [{ title: 'Decree', url: 'https://example.org/decree' }], recommendations: [ids.r1] });
    expect(linesOf(first, 'statuses').map((s) => s.reason)).toEqual(['Public progress']);
    expect(linesOf(first, 'indicators')[0]).toMatchObject({ actions: [ids.published], measurements: [{ value: '42.5', measured_on: '2025-01-01' }] });
    expect(linesOf(first, 'institutions').map((i) => i.id).sort()).toEqual([ids.ministry, ids.spare].sort());
    expect(linesOf(first, 'tombstones')).toEqual([]);
  });

  it('never holds drafts, submitted, validated or returned reports, comments, people, pending or hidden contributions, evidence files', async () => {
    // The public text is there, so the scan reads the records' bytes.
    expect(first.bytes.includes('PUBLICTEXT')).toBe(true);
    expect(found(first.bytes)).toEqual([]);
  });

  it('since a version: only what changed, with tombstones for what was unpublished or deleted; every byte scanned again', async () => {
    const v1 = first.manifest.version;
    await db.pool.query(`update action_report set state = 'returned', published_at = null where id = $1`, [ids.published]);
    await db.pool.query('delete from institution where id = $1', [ids.spare]);
    await db.pool.query(`update recommendation set texts = texts || '{"en": {"text": "Edited text", "status": "translated"}}' where id = $1`, [ids.r2]);
    const added = Number((await db.pool.query(
      `insert into action_report (institution_id, state, action_type, reach, title, original_language, published_at) values ($1, 'published', 'training', 'structural', '{"en": "Second public action"}', 'en', now()) returning id`,
      [ids.ministry])).rows[0].id);
    await publish();
    const next = await fetchPackage(get, v1);
    expect(next.manifest).toMatchObject({ since: v1, version: v1 + 1 });
    expect(await verifyPackage(next.signature, next.pages, { state: 'PRY', keys: registered(), lastVersion: v1 })).toMatchObject({ accepted: true });
    expect(linesOf(next, 'recommendations').map((r) => r.id)).toEqual([ids.r2]);
    expect(linesOf(next, 'actions').map((a) => a.id)).toEqual([added]);
    expect(linesOf(next, 'institutions')).toEqual([]);
    expect(linesOf(next, 'tombstones')).toEqual([
      { kind: 'action', id: ids.published, version: v1 + 1 },
      { kind: 'institution', id: ids.spare, version: v1 + 1 },
    ]);
    // The indicator lost its published action: it changed too.
    expect(linesOf(next, 'indicators')[0]).toMatchObject({ actions: [] });
    expect(found(next.bytes)).toEqual([]);
    const full = await fetchPackage(get);
    expect(linesOf(full, 'actions').map((a) => a.id)).toEqual([added]);
    expect(found(full.bytes)).toEqual([]);
  });

  it('moves its version with public changes only, and an older version reads the same bytes as before', async () => {
    const version = async () => JSON.parse((await get('/.well-known/nmirf-network.json')).body.toString()).version as number;
    const before = await version();
    await db.pool.query(`update action_report set title = '{"en": "Draft retitled"}' where id = $1`, [ids.draft]);
    await db.pool.query(`update app_user set display_name = 'Someone else'`);
    await publish();
    expect(await version()).toBe(before);
    await db.pool.query(`update institution set acronym = 'MJ' where id = $1`, [ids.ministry]);
    await publish();
    expect(await version()).toBe(before + 1);
    for (const [file, bytes] of first.pages) {
      const again = await get(`/api/v1/federation/package/${file}?version=${first.manifest.version}`);
      expect(Buffer.compare(again.body, Buffer.from(bytes)), file).toBe(0);
    }
  });

  it('answers 404 for a version never published, a page that does not exist or a malformed page name', async () => {
    expect((await get('/api/v1/federation/package?since=999999')).status).toBe(404);
    expect((await get('/api/v1/federation/package/actions-99.ndjson?version=1')).status).toBe(404);
    expect((await get('/api/v1/federation/package/actions-1.ndjson?version=999999')).status).toBe(404);
    expect((await get('/api/v1/federation/package/..%2Fetc.ndjson?version=1')).status).toBe(400);
    expect((await get(`/api/v1/federation/package?since=${'9'.repeat(40)}`)).status).toBe(400);
  });

  it('the public answers only read; the scheduled job publishes a public change, once across two app servers', async () => {
    const before = await written();
    await db.pool.query(`update institution set acronym = 'MJE' where id = $1`, [ids.ministry]);
    const version = before.state.version;
    const described = JSON.parse((await get('/.well-known/nmirf-network.json')).body.toString());
    expect(described.version).toBe(version);
    const pkg = await fetchPackage(get);
    expect(pkg.manifest.version).toBe(version);
    await fetchPackage(get, version - 1);
    expect(await written()).toEqual(before);

    const config = readConfig({ NETWORK_PUBLISH: 'on', NETWORK_KEY_FILE: key.file, NETWORK_PUBLICATION_MINUTES: '10', TIME_ZONE: 'UTC' });
    const second = await connectTestDatabase();
    try {
      const at = () => new Date('2031-05-02T10:05:00Z');
      const runners = [db, second].map((server) => startJobRunner(server.pool, scheduledJobs(server, config).filter((job) => job.name === 'federation-publication'), { now: at, autoStart: false }));
      await Promise.all([...runners, ...runners].map((runner) => runner.runAll()));
      await Promise.all(runners.map((runner) => runner.stop()));
    } finally {
      await second.close();
    }
    const { rows: slots } = await db.pool.query(`select due_at, error from job_slot where job = 'federation-publication'`);
    expect(slots).toEqual([{ due_at: new Date('2031-05-02T10:00:00Z'), error: null }]);
    const after = await written();
    expect(after.state.version).toBe(version + 1);
    expect(after.publications).toBe(before.publications + 1);
    const next = await fetchPackage(get, version);
    expect(linesOf(next, 'institutions')).toEqual([expect.objectContaining({ id: ids.ministry, acronym: 'MJE' })]);
    await db.pool.query(`delete from job_slot where job = 'federation-publication'; delete from job_run where name = 'federation-publication'`);
  });

  it('answers 404, not an error, while nothing has ever been published (a catalogue with nothing public yet)', async () => {
    await resetPeople(db);
    await resetCatalogue(db);
    await db.pool.query('truncate federation_record, federation_publication, federation_key, federation_state, organisation, report_draft restart identity cascade');
    // Before the job has ever run (no publication sequence at all): not found either.
    expect((await get('/.well-known/nmirf-network.json')).status).toBe(404);
    expect(await publish()).toEqual({ publishing: true, version: 0 });
    const described = await get('/.well-known/nmirf-network.json');
    expect(described.status).toBe(200);
    expect(JSON.parse(described.body.toString()).version).toBe(0);
    expect((await get('/api/v1/federation/package')).status).toBe(404);
  });
});
