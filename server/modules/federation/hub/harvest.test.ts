/**
 * The hub harvests a national instance (docs/decisions/0017-federation.md). Two apps on two databases
 * in this process, each listening on loopback: the national instance publishes (NETWORK_PUBLISH; its
 * `federation-publication` job's work runs before each harvest), the
 * hub registers its key through an approved join request and harvests it over HTTP through a proxy
 * that can tamper with a page, re-sign the manifest with another State's key or replay an older
 * package. The hub's copy is compared with the national public data by row digests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalJson } from '../../../../shared/canonical-json';
import { buildApp } from '../../../app';
import { DEMO_FILE } from '../../../db/seeds/demo';
import { readConfig } from '../../../platform/config';
import { openDatabase, type Database } from '../../../platform/db/database';
import { prepareDatabase } from '../../../platform/db/migrate';
import { startJobRunner } from '../../../platform/jobs/runner';
import { scheduledJobs } from '../../../start';
import { connectTestDatabase } from '../../../test/database';
import { keyFile } from '../../../test/federation';
import { as, createPerson, grantNetworkRole, resetPeople, signIn, type Session } from '../../../test/people';
import { importRecommendations } from '../../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../../taxonomies/taxonomies.repository';
import { InstanceSettings } from '../../settings/instance-settings';
import { runPublication } from '../publication-job';
import { sha256, signManifest, type Manifest } from '../package-signature';
import { publicRecords, RECORD_KINDS, RESOURCE_OF } from '../public-records';
import { RECORD_FIELDS } from './open-data';
import { parse as parseCsv } from 'csv-parse/sync';

const kind = inject('databaseKind');
let hubDb: Database;
let nationalDb: Database;
let dropNational = async () => {};
let hub: FastifyInstance;
let national: FastifyInstance;
let proxy: http.Server;
let proxyUrl: string;
const s: Record<string, Session> = {};
let pry: Awaited<ReturnType<typeof keyFile>>;
let ury: Awaited<ReturnType<typeof keyFile>>;
let institution: number;
let recommendation: number;
/** The action the national instance unpublished after the first harvest. */
let firstUnpublished = 0;

/** What the proxy does to the package between the instance and the hub. */
let mode: 'pass' | 'tamper' | 'resign' | 'replay' | 'badline' = 'pass';
const packagesSeen: Buffer[] = [];
/** In `badline` mode: the line put first in the first page of actions, that page listed in a manifest re-signed with the State's own key. */
let badLine = '';
const rewrittenPages = new Map<string, Buffer>();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function startProxy(target: string) {
  proxy = http.createServer(async (request, response) => {
    const upstream = await fetch(`${target}${request.url}`);
    let body: Buffer = Buffer.from(await upstream.arrayBuffer());
    const isPackage = request.url!.startsWith('/api/v1/federation/package?') || request.url === '/api/v1/federation/package';
    if (isPackage && mode === 'badline') {
      const { datapackage } = JSON.parse(body.toString()) as { datapackage: Manifest };
      const resource = datapackage.resources.find((r) => r.path.startsWith('actions-'))!;
      const page = await fetch(`${target}/api/v1/federation/package/${resource.path}?version=${datapackage.version}${datapackage.since ? `&since=${datapackage.since}` : ''}`);
      const lines = Buffer.from(await page.arrayBuffer()).toString().split('\n');
      lines[0] = badLine;
      const bad = Buffer.from(lines.join('\n'));
      rewrittenPages.set(resource.path, bad);
      const manifest = { ...datapackage, resources: datapackage.resources.map((r) => (r === resource ? { ...r, bytes: bad.byteLength, hash: sha256(bad) } : r)) };
      body = Buffer.from(JSON.stringify({ datapackage: manifest, signature: await signManifest(manifest, pry.privateKeyPem) }));
    } else if (isPackage) {
      if (mode === 'replay' && packagesSeen.length) body = packagesSeen[0];
      else packagesSeen.push(body);
      if (mode === 'resign') {
        const { datapackage } = JSON.parse(body.toString());
        body = Buffer.from(JSON.stringify({ datapackage, signature: await signManifest(datapackage as Manifest, ury.privateKeyPem) }));
      }
    }
    const rewritten = rewrittenPages.get(request.url!.split('?')[0].split('/').pop()!);
    if (mode === 'badline' && request.url!.startsWith('/api/v1/federation/package/') && rewritten) body = rewritten;
    if (mode === 'tamper' && request.url!.startsWith('/api/v1/federation/package/')) {
      body = Buffer.from(body);
      body[Math.floor(body.length / 2)] ^= 0x01;
    }
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/** A second database for the national instance: a second embedded one, or a fresh PostgreSQL database. */
async function openNationalDatabase(): Promise<Database> {
  if (kind === 'embedded') {
    const db = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolSize: 4 });
    await prepareDatabase(db.pool);
    return db;
  }
  const name = `nm_federation_${process.pid}_${Date.now()}`;
  await hubDb.pool.query(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 4 });
  await prepareDatabase(db.pool);
  dropNational = async () => { await hubDb.pool.query(`drop database if exists ${name} with (force)`); };
  return db;
}

async function resetHub() {
  await hubDb.pool.query(`truncate network_harvest, network_copy_change, network_copy_record, network_copy_state, network_key, network_instance,
    network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state, job_slot, job_run restart identity cascade`);
  await resetPeople(hubDb);
}

/** Digests of the national instance's public records, and of the hub's copy of them. */
async function nationalDigests() {
  const digests: string[] = [];
  for (const kind of RECORD_KINDS) {
    for await (const batch of publicRecords(nationalDb.pool, kind)) for (const record of batch) digests.push(`${kind}:${record.id}:${sha256(canonicalJson(record.body))}`);
  }
  return digests.sort();
}
async function hubDigests() {
  const { rows } = await hubDb.pool.query(`select kind, record_id, body from network_copy_record where iso3 = 'PRY'`);
  return rows.map((row) => `${row.kind}:${row.record_id}:${sha256(canonicalJson(row.body))}`).sort();
}
const copyVersion = async () => (await hubDb.pool.query(`select version::int as version from network_copy_state where iso3 = 'PRY'`)).rows[0]?.version as number | undefined;

const api = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) => hub.inject({ method, url, payload, headers: who ? as(s[who]) : {} });
/** The national instance's `federation-publication` job: what changed is published before the hub asks. */
const publish = () => runPublication(nationalDb.pool, new InstanceSettings(nationalDb.pool, { ...readConfig(), network: { publish: true, hubUrl: null, keyFile: pry.file } }), pry.file, new Date());
const harvest = async () => {
  await publish();
  const answer = await api('secretariat', 'POST', '/api/v1/network/states/PRY/harvest');
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json();
};
async function publishAction(title: string): Promise<number> {
  const { rows } = await nationalDb.pool.query(
    `insert into action_report (institution_id, state, action_type, reach, title, original_language, published_at) values ($1, 'published', 'legislative', 'structural', $2, 'en', now()) returning id`,
    [institution, JSON.stringify({ en: title })]);
  await nationalDb.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [rows[0].id, recommendation]);
  return Number(rows[0].id);
}

beforeAll(async () => {
  hubDb = await connectTestDatabase();
  nationalDb = await openNationalDatabase();
  pry = await keyFile();
  ury = await keyFile();
  // The national instance, with public data.
  await importRecommendations(nationalDb.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  institution = Number((await nationalDb.pool.query(`insert into institution (name, branch, type) values ('{"es": "Ministerio de Educación"}', 'executive', 'ministry') returning id`)).rows[0].id);
  recommendation = Number((await nationalDb.pool.query('select id from recommendation order by id limit 1')).rows[0].id);
  await nationalDb.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead')`, [recommendation, institution]);
  await publishAction('Education law reformed');
  national = await buildApp({ db: nationalDb, logLevel: 'silent', webDist: '/nonexistent', network: { publish: true, keyFile: pry.file } });
  await national.listen({ port: 0, host: '127.0.0.1' });
  await startProxy(`http://127.0.0.1:${(national.server.address() as AddressInfo).port}`);
  // The hub.
  await resetHub();
  hub = await buildApp({ db: hubDb, logLevel: 'silent', webDist: '/nonexistent', instanceRole: 'hub' });
  for (const [key, role, iso3] of [['secretariat', 'hub_secretariat', null], ['committee', 'committee_member', null]] as const) {
    await grantNetworkRole(hubDb, await createPerson(hubDb, `${key}@example.org`), role, iso3);
    s[key] = await signIn(hub, `${key}@example.org`);
  }
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await national?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await nationalDb?.close();
  await dropNational();
  await resetHub();
  forgetLabelMaps();
  await hubDb?.close();
});

describe('registering a State for federation', () => {
  it("registers the instance and its key when the State's join request is approved", async () => {
    const form = new FormData();
    form.append('request', JSON.stringify({
      iso3: 'PRY', requested_status: 'member', requester_name: 'Rosa', requester_email: 'rosa@example.org', focal_point_name: 'Focal PRY',
      focal_point_email: 'focal.pry@example.org', declaration_adopted_on: '2025-05-20', instance_url: `${proxyUrl}/`, public_key: pry.publicJwk,
    }));
    form.append('file', new Blob([new Uint8Array(PDF)]), 'communication.pdf');
    const submitted = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: form });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id;
    expect((await api('committee', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 1, decision: 'approve' })).statusCode).toBe(200);
    const { rows } = await hubDb.pool.query('select kid, iso3, source, valid_until from network_key');
    expect(rows).toEqual([{ kid: pry.publicJwk.kid, iso3: 'PRY', source: 'join_request', valid_until: null }]);
    expect((await hubDb.pool.query('select base_url from network_instance')).rows).toEqual([{ base_url: proxyUrl }]);
    // A second State, Uruguay, a founding member whose key the hub secretariat registers.
    await hubDb.pool.query(`insert into network_state (iso3, status, founding, joined_on) values ('URY', 'member', true, '2024-05-01')`);
    const registered = await api('secretariat', 'POST', '/api/v1/network/states/URY/keys', { public_key: ury.publicJwk });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json()).toEqual({ kid: ury.publicJwk.kid, registered: true });
    expect((await api('committee', 'POST', '/api/v1/network/states/URY/keys', { public_key: ury.publicJwk })).statusCode).toBe(403);
    // The focal point the approval invited, replaced by an account with a password that the test can sign in with.
    expect((await hubDb.pool.query(`delete from network_role where role = 'state_focal_point' and iso3 = 'PRY'`)).rowCount).toBe(1);
    for (const [key, role, iso3] of [['focalPry', 'state_focal_point', 'PRY'], ['focalUry', 'state_focal_point', 'URY']] as const) {
      await grantNetworkRole(hubDb, await createPerson(hubDb, `${key}@example.org`), role, iso3);
      s[key] = await signIn(hub, `${key}@example.org`);
    }
  });
});

describe('harvesting', () => {
  let firstAction: number;

  it("applies the first package whole: the hub's copy equals the national public data, row by row", async () => {
    const result = await harvest();
    expect(result).toMatchObject({ outcome: 'applied', since: null, reason: null });
    expect(result.records).toBeGreaterThan(0);
    expect(await hubDigests()).toEqual(await nationalDigests());
    firstAction = Number((await nationalDb.pool.query(`select id from action_report where state = 'published'`)).rows[0].id);
  });

  it('says up to date when nothing was published since', async () => {
    expect(await harvest()).toMatchObject({ outcome: 'up_to_date', version: Number(await copyVersion()) });
  });

  it('applies the next package as changes: a published action appears, an unpublished one is tombstoned', async () => {
    const before = Number(await copyVersion());
    const added = await publishAction('Teachers trained');
    await nationalDb.pool.query(`update action_report set state = 'returned', published_at = null where id = $1`, [firstAction]);
    firstUnpublished = firstAction;
    const result = await harvest();
    expect(result).toMatchObject({ outcome: 'applied', since: before, tombstones: 1 });
    const { rows } = await hubDb.pool.query(`select record_id from network_copy_record where iso3 = 'PRY' and kind = 'action'`);
    expect(rows.map((row) => Number(row.record_id))).toEqual([added]);
    expect(await hubDigests()).toEqual(await nationalDigests());
    const { rows: history } = await hubDb.pool.query(`select version::int as version, body is null as tombstone from network_copy_change where iso3 = 'PRY' and kind = 'action' and record_id = $1 order by version`, [firstAction]);
    expect(history).toEqual([{ version: before, tombstone: false }, { version: result.version, tombstone: true }]);
  });

  it('refuses a tampered page, a package signed with another State\'s key and a replayed older one, each with its reason, changing nothing', async () => {
    await publishAction('Pending change');
    const before = { digests: await hubDigests(), version: await copyVersion() };
    for (const [how, reason] of [['tamper', 'checksum_mismatch'], ['resign', 'wrong_state'], ['replay', 'version_not_forward']] as const) {
      mode = how;
      try {
        expect(await harvest(), how).toMatchObject({ outcome: 'refused', reason });
      } finally {
        mode = 'pass';
      }
      expect(await hubDigests()).toEqual(before.digests);
      expect(await copyVersion()).toBe(before.version);
    }
    const timeliness = (await api(null, 'GET', '/api/v1/network/timeliness')).json().items;
    expect(timeliness).toEqual([expect.objectContaining({
      iso3: 'PRY', name: 'Paraguay', version: Number(before.version), refused_attempts: 3, refused_since_success: 3,
      last_refusal: { reason: 'version_not_forward', at: expect.any(String) }, last_success: expect.any(String), age_seconds: expect.any(Number),
    })]);
    // The refusals are visible to the hub secretariat and the State's focal point, not to another State's.
    const log = await api('focalPry', 'GET', '/api/v1/network/states/PRY/harvests');
    expect(log.statusCode).toBe(200);
    expect(log.json().items.slice(0, 3).map((h: { reason: string }) => h.reason)).toEqual(['version_not_forward', 'wrong_state', 'checksum_mismatch']);
    expect((await api('secretariat', 'GET', '/api/v1/network/states/PRY/harvests')).statusCode).toBe(200);
    expect((await api('focalUry', 'GET', '/api/v1/network/states/PRY/harvests')).statusCode).toBe(403);
    expect((await api(null, 'GET', '/api/v1/network/states/PRY/harvests')).statusCode).toBe(401);
    // Back to an honest package: it catches up.
    expect(await harvest()).toMatchObject({ outcome: 'applied' });
    expect(await hubDigests()).toEqual(await nationalDigests());
  });

  it('refuses a package signed by the State whose page holds a line that is not a record with an id, changing nothing', async () => {
    await publishAction('Pending behind a bad line');
    const before = { digests: await hubDigests(), version: await copyVersion() };
    for (const line of ['{"id":0}', '{"id":"7","title":{}}', '{"id":1.5}', '[{"id":1}]', 'null', '{"title":"no id"}']) {
      badLine = line;
      mode = 'badline';
      try {
        expect(await harvest(), line).toMatchObject({ outcome: 'refused', reason: 'malformed', detail: expect.stringContaining('line 1: a record without an id') });
      } finally {
        mode = 'pass';
      }
      expect(await hubDigests()).toEqual(before.digests);
      expect(await copyVersion()).toBe(before.version);
    }
    badLine = '{"id":';
    mode = 'badline';
    try {
      expect(await harvest()).toMatchObject({ outcome: 'refused', reason: 'malformed', detail: expect.stringContaining('line 1: not JSON') });
    } finally {
      mode = 'pass';
    }
    // Valid JSON that the database cannot store: refused with its reason, not a failed harvest.
    for (const line of ['{"id":5,"title":{"en":"a\\u0000b"}}', '{"id":5,"title":{"en":"\\ud800"}}', '{"id":5,"\\udc00":"key"}']) {
      badLine = line;
      mode = 'badline';
      try {
        expect(await harvest(), line).toMatchObject({ outcome: 'refused', reason: 'malformed', detail: expect.stringContaining('line 1: a text with a NUL character') });
      } finally {
        mode = 'pass';
      }
      expect(await hubDigests()).toEqual(before.digests);
    }
    expect(await harvest()).toMatchObject({ outcome: 'applied' });
    expect(await hubDigests()).toEqual(await nationalDigests());
  });

  it('keeps verifying after a key rotation: the new key signs, the hub holds both', async () => {
    const next = await keyFile();
    fs.copyFileSync(next.file, pry.file);
    await publishAction('Signed with the new key');
    // Not registered yet: refused as an unknown key.
    expect(await harvest()).toMatchObject({ outcome: 'refused', reason: 'unknown_key' });
    expect((await api('secretariat', 'POST', '/api/v1/network/states/PRY/keys', { public_key: next.publicJwk })).statusCode).toBe(200);
    expect(await harvest()).toMatchObject({ outcome: 'applied' });
    expect(await hubDigests()).toEqual(await nationalDigests());
    const { rows } = await hubDb.pool.query(`select kid, valid_until is null as current from network_key where iso3 = 'PRY' order by valid_from`);
    expect(rows).toEqual([{ kid: pry.publicJwk.kid, current: false }, { kid: next.publicJwk.kid, current: true }]);
  });

  it('harvests on schedule once across two hub servers', async () => {
    await publishAction('Harvested on schedule');
    await publish();
    const config = readConfig({ INSTANCE_ROLE: 'hub', NETWORK_HARVEST_MINUTES: '60', TIME_ZONE: 'UTC' });
    const second = await connectTestDatabase();
    try {
      const at = () => new Date('2030-03-14T09:30:00Z');
      const runners = [hubDb, second].map((db) => startJobRunner(db.pool, scheduledJobs(db, config).filter((job) => job.name === 'network-harvest'), { now: at, autoStart: false }));
      await Promise.all([...runners, ...runners].map((runner) => runner.runAll()));
      await Promise.all(runners.map((runner) => runner.stop()));
    } finally {
      await second.close();
    }
    const { rows } = await hubDb.pool.query(`select outcome from network_harvest where trigger = 'scheduled'`);
    expect(rows).toEqual([{ outcome: 'applied' }]);
    expect(await hubDigests()).toEqual(await nationalDigests());
  });
});

describe("the hub's open data", () => {
  const download = (file: string) => api(null, 'GET', `/api/v1/network/open-data/${file}`);
  /** A row back to the record it was made of: the provenance columns off, nested values parsed. */
  const recordOf = (row: Record<string, unknown>, fields: readonly string[]) => Object.fromEntries(fields
    .filter((field) => row[field] !== null)
    .map((field) => [field, typeof row[field] === 'string' && /^[[{]/.test(row[field] as string) ? JSON.parse(row[field] as string) : row[field]]));

  it('is the harvested copy of every kind, each row with its State, package version, harvest date and signing key; tombstoned records absent', async () => {
    const index = await api(null, 'GET', '/api/v1/network/open-data');
    expect(index.statusCode).toBe(200);
    expect(index.json().datasets.map((d: { name: string }) => d.name)).toEqual(['recommendations', 'institutions', 'actions', 'statuses', 'indicators']);
    const { rows: applied } = await hubDb.pool.query(`select id, version::int as version, finished_at, kid from network_harvest where iso3 = 'PRY' and outcome = 'applied'`);
    for (const kind of RECORD_KINDS) {
      const name = RESOURCE_OF[kind];
      const answer = await download(`${name}.json`);
      expect(answer.statusCode, name).toBe(200);
      const rows = answer.json() as Record<string, unknown>[];
      const { rows: copy } = await hubDb.pool.query(`select record_id, version::int as version, body from network_copy_record where iso3 = 'PRY' and kind = $1 order by record_id`, [kind]);
      expect(rows.length, name).toBe(copy.length);
      for (const [i, row] of rows.entries()) {
        const harvest = applied.find((h) => h.version === copy[i].version);
        expect(row, name).toMatchObject({ state: 'PRY', package_version: copy[i].version, harvest: Number(harvest.id), signed_by: harvest.kid, harvested_at: harvest.finished_at.toISOString() });
        // The record's fields are the body as harvested, no more and no less (nulls left out on both sides).
        const body = Object.fromEntries(Object.entries(copy[i].body).filter(([, value]) => value !== null));
        expect(recordOf(row, RECORD_FIELDS[kind]), `${name} ${copy[i].record_id}`).toEqual(body);
      }
    }
    // What the national instance unpublished (tombstoned at the hub) is not in the open data; what it publishes is.
    const actions = (await download('actions.json')).json() as { id: number }[];
    expect(actions.map((a) => a.id)).not.toContain(firstUnpublished);
    expect(actions.map((a) => a.id).sort()).toEqual((await nationalDb.pool.query(`select id::int from action_report where state = 'published'`)).rows.map((r) => r.id).sort());
    // Signed by both keys of the rotation.
    expect(new Set(actions.map((a) => (a as unknown as { signed_by: string }).signed_by)).size).toBe(2);
  });

  it('as CSV, one State or all, and refuses what is not a dataset', async () => {
    const csv = await download('actions.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    const json = (await download('actions.json')).json() as Record<string, unknown>[];
    expect(rows.map((row) => [row.state, Number(row.id), Number(row.package_version), row.title])).toEqual(json.map((row) => [row.state, row.id, row.package_version, row.title]));
    expect(JSON.parse(rows[0].title)).toEqual(expect.objectContaining({ en: expect.any(String) }));
    expect((await download('actions.json?state=PRY')).json()).toEqual(json);
    expect((await download('actions.json?state=URY')).json()).toEqual([]);
    expect((await download('recommendations.xlsx')).statusCode).toBe(200);
    for (const bad of ['people.csv', 'actions.exe', '..%2Factions.csv']) expect((await download(bad)).statusCode, bad).toBe(400);
    expect((await download('actions.csv?state=P1')).statusCode).toBe(400);
  });
});

