/**
 * The Network's federation as three processes on loopback (docs/decisions/0017-federation.md): a
 * hub and two national instances (Uruguay and Bolivia), each `npm start` with its own database —
 * the national ones embedded, the hub too or, when DATABASE_URL is set, on a fresh PostgreSQL
 * database of its own — the national ones publishing (NETWORK_PUBLISH=on, a key file each, the
 * federation-publication job every minute). Each State's join request carries its instance's
 * address and key; the Committee approves; the hub harvests both and its open data holds each
 * instance's published actions. A public change on Uruguay's instance is published by its job; the
 * hub goes down meanwhile, and both national instances keep answering; the hub comes back on the
 * same database and catches up with one incremental harvest. Bolivia rotates its key: the new
 * package is refused as signed by an unknown key until the hub secretariat registers it, then
 * applied; the harvest log shows each package with the key that signed it. Similar recommendations
 * across States (docs/decisions/0021-similar-across-states.md): a Spanish recommendation of
 * Bolivia's finds Uruguay's English one with the action Uruguay published, on the hub and on
 * Bolivia's public recommendation page; with the hub down the page shows nothing of it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstanceKeys, type InstanceKeys } from '../server/modules/federation/package-signature';
import { browserForFile, openPage, textOf } from './browser';
import { apiCall, apiSignIn, expectNoProblems, type ApiSession } from './journey';
import { startServer, type RunningServer } from './server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-federation-'));
const hubDataDir = path.join(dir, 'hub');
const STATES = ['URY', 'BOL'] as const;
type State = (typeof STATES)[number];
let hub: RunningServer;
const national = {} as Record<State, RunningServer>;
const keys = {} as Record<State, InstanceKeys>;
const keyFiles = {} as Record<State, string>;
const browser = browserForFile();
/** The pair the hub finds similar across languages: Uruguay's English recommendation with its action, Bolivia's Spanish one. */
const similar = { uruguay: 0, action: 0, bolivia: 0 };

/** With DATABASE_URL: the hub's own PostgreSQL database (made in beforeAll, dropped in afterAll). */
let hubDatabaseUrl = '';
let dropHubDatabase = async () => {};
const startHub = () => startServer({ env: { INSTANCE_ROLE: 'hub', DATA_DIR: hubDataDir, DATABASE_URL: hubDatabaseUrl, SEED_DEMO: 'true' }, webBuild: false });
const wellKnown = async (state: State) => (await apiCall(national[state].baseUrl, 'GET', '/.well-known/nmirf-network.json')).json as { version: number; state: string };

async function harvest(state: State): Promise<{ outcome: string; reason: string | null; version: number | null; since: number | null }> {
  const secretariat = await apiSignIn(hub.baseUrl, 'hub.secretariat@demo.example.org');
  const answer = await apiCall(hub.baseUrl, 'POST', `/api/v1/network/states/${state}/harvest`, { session: secretariat });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

/** Waits until the instance's job has published a version after `after`. */
async function publishedAfter(state: State, after: number): Promise<number> {
  for (let i = 0; i < 120; i++) {
    const { version } = await wellKnown(state);
    if (version > after) return version;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${state}: nothing published after version ${after}`);
}

/** A public change on a national instance: its secretariat renames an institution's acronym. */
async function changeInstitution(state: State, acronym: string): Promise<number> {
  const session: ApiSession = await apiSignIn(national[state].baseUrl, 'secretariat@demo.example.org');
  const [institution] = (await apiCall(national[state].baseUrl, 'GET', '/api/v1/institutions')).json.items as { id: number; version: number }[];
  const changed = await apiCall(national[state].baseUrl, 'PATCH', `/api/v1/institutions/${institution.id}`, { session, body: { version: institution.version, acronym } });
  expect(changed.status, JSON.stringify(changed.json)).toBe(200);
  return institution.id;
}

/** Imports a CSV of recommendations into a national instance as its secretariat; the new record's id. */
async function importRecommendation(state: State, language: string, text: string, word: string): Promise<number> {
  const session = await apiSignIn(national[state].baseUrl, 'secretariat@demo.example.org');
  const form = new FormData();
  form.append('file', new Blob([`mechanism,country,language,date,paragraph,symbol,text,external_id\nUPR,${state},${language},2024-11-05,98.7,A/HRC/58/${state},"${text}",similar-${state}\n`]), 'similar.csv');
  const response = await fetch(`${national[state].baseUrl}/api/v1/imports`, { method: 'POST', body: form, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
  const report = await response.json();
  expect(response.status, JSON.stringify(report)).toBe(200);
  expect(report.created, JSON.stringify(report)).toBe(1);
  const found = (await apiCall(national[state].baseUrl, 'GET', `/api/v1/recommendations?q=${word}`, { session })).json.items as { id: number }[];
  expect(found).toHaveLength(1);
  return found[0].id;
}

/** Harvests a State until the hub's copy holds what `present` looks for (the instance's job publishes each minute). */
async function harvestUntil(state: State, present: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 90; i++) {
    await harvest(state);
    if (await present()) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`${state}: the hub's copy never held what was published`);
}

/** The hub's open data for one State and dataset. */
const hubData = async (state: State, dataset: string) => (await apiCall(hub.baseUrl, 'GET', `/api/v1/network/open-data/${dataset}.json?state=${state}`)).json as Record<string, unknown>[];

beforeAll(async () => {
  fs.mkdirSync(hubDataDir);
  if (process.env.DATABASE_URL) {
    const name = `nmirf_federation_hub_${process.pid}`;
    const admin = new pg.Client(process.env.DATABASE_URL);
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    hubDatabaseUrl = url.toString();
    dropHubDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  for (const state of STATES) {
    keys[state] = await generateInstanceKeys();
    keyFiles[state] = path.join(dir, `${state}.key`);
    fs.writeFileSync(keyFiles[state], keys[state].privateKeyPem, { mode: 0o600 });
  }
  const started = await Promise.all([
    startHub(),
    ...STATES.map((state) => startServer({
      env: { STATE_ISO3: state, DATABASE_URL: '', NETWORK_PUBLISH: 'on', NETWORK_KEY_FILE: keyFiles[state], NETWORK_PUBLICATION_MINUTES: '1' }, webBuild: false,
    })),
  ]);
  [hub, national.URY, national.BOL] = started;
}, 300_000);

afterAll(async () => {
  await Promise.all([hub?.stop(), ...STATES.map((state) => national[state]?.stop())]);
  await dropHubDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a hub and two national instances, three processes', () => {
  it('registers both States through approved join requests and harvests each whole', async () => {
    const committee = await apiSignIn(hub.baseUrl, 'committee@demo.example.org');
    for (const state of STATES) {
      const form = new FormData();
      form.append('request', JSON.stringify({
        iso3: state, requested_status: 'member', requester_name: `Requester ${state}`, requester_email: `requester.${state.toLowerCase()}@example.org`,
        focal_point_name: `Focal ${state}`, focal_point_email: `focal.${state.toLowerCase()}@example.org`, declaration_adopted_on: '2025-05-20',
        instance_url: national[state].baseUrl, public_key: keys[state].publicJwk,
      }));
      form.append('file', new Blob([new Uint8Array(PDF)]), 'communication.pdf');
      const submitted = await fetch(`${hub.baseUrl}/api/v1/network/join-requests`, { method: 'POST', body: form });
      const body = await submitted.json();
      expect(submitted.status, JSON.stringify(body)).toBe(201);
      const approved = await apiCall(hub.baseUrl, 'POST', `/api/v1/network/join-requests/${body.id}/decision`, { session: committee, body: { version: 1, decision: 'approve' } });
      expect(approved.status, JSON.stringify(approved.json)).toBe(200);

      await publishedAfter(state, 0);
      const result = await harvest(state);
      expect(result).toMatchObject({ outcome: 'applied', since: null, reason: null });
      // The hub's copy holds exactly what the instance publishes as open data.
      const published = (await apiCall(national[state].baseUrl, 'GET', '/api/v1/open-data/actions.json')).json as { id: number }[];
      expect((await hubData(state, 'actions')).map((a) => a.id).sort()).toEqual(published.map((a) => a.id).sort());
      expect((await hubData(state, 'actions')).every((a) => a.state === state)).toBe(true);
    }
  }, 300_000);

  it("finds, for a Spanish recommendation of Bolivia's, Uruguay's English one with the action Uruguay published; Bolivia's page shows it", async () => {
    // Bolivia's administrator names the hub its instance asks.
    const admin = await apiSignIn(national.BOL.baseUrl, 'admin@demo.example.org');
    const { instance_role: _role, logo: _logo, updated_at: _at, updated_by: _by, ...settings } = (await apiCall(national.BOL.baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json;
    const saved = await apiCall(national.BOL.baseUrl, 'PUT', '/api/v1/admin/settings', { session: admin, body: { ...settings, network_publish: true, network_hub_url: hub.baseUrl } });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);

    // Uruguay: an English recommendation, its government status, and an action on it through the validation chain.
    const ury = national.URY.baseUrl;
    similar.uruguay = await importRecommendation('URY', 'en',
      'Adopt a national plan to protect persons with albinism, including free access to sunscreen and dermatological care.', 'albinism');
    const secretariat = await apiSignIn(ury, 'secretariat@demo.example.org');
    const assessed = await apiCall(ury, 'POST', `/api/v1/recommendations/${similar.uruguay}/status`, {
      session: secretariat, body: { status: 'in_progress', reason: 'Sunscreen delivered in two departments.', assessed_on: '2025-06-30' } });
    expect(assessed.status, JSON.stringify(assessed.json)).toBe(201);
    const mec = ((await apiCall(ury, 'GET', '/api/v1/institutions')).json.items as { id: number; acronym: string | null }[]).find((i) => i.acronym === 'MEC')!;
    const assigned = await apiCall(ury, 'POST', '/api/v1/assignments', { session: secretariat, body: { institution_id: mec.id, responsibility: 'lead', recommendation_ids: [similar.uruguay] } });
    expect(assigned.status, JSON.stringify(assigned.json)).toBeLessThan(300);
    const focal = await apiSignIn(ury, 'focal.mec@demo.example.org');
    const created = await apiCall(ury, 'POST', '/api/v1/actions', { session: focal, body: {
      institution_id: mec.id, title: { en: 'Free sunscreen in schools for pupils with albinism' }, original_language: 'en',
      action_type: 'programme', reach: 'structural', progress: 40, recommendation_ids: [similar.uruguay] } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    similar.action = created.json.id;
    const chain: [ApiSession, string][] = [[focal, 'submit'], [await apiSignIn(ury, 'validator.mec@demo.example.org'), 'validate'], [secretariat, 'publish']];
    for (const [session, transition] of chain) {
      const current = await apiCall(ury, 'GET', `/api/v1/actions/${similar.action}`, { session });
      const moved = await apiCall(ury, 'POST', `/api/v1/actions/${similar.action}/${transition}`, { session, body: { version: current.json.version } });
      expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    }
    // Bolivia: the same request, in Spanish.
    similar.bolivia = await importRecommendation('BOL', 'es',
      'Adoptar un plan nacional para proteger a las personas con albinismo, incluido el acceso gratuito a protector solar y atención dermatológica.', 'albinismo');

    await harvestUntil('URY', async () => (await hubData('URY', 'actions')).some((a) => a.id === similar.action));
    await harvestUntil('BOL', async () => (await hubData('BOL', 'recommendations')).some((r) => r.id === similar.bolivia));

    // The hub, asked by Bolivia's State and id: Uruguay's English recommendation first, with its action and status.
    const answer = await apiCall(hub.baseUrl, 'GET', `/api/v1/network/similar?state=BOL&id=${similar.bolivia}&locale=en`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const items = answer.json.items as { state: { iso3: string; name: string }; id: number; language: string; actions: { id: number; title: string }[]; status: { key: string } | null }[];
    expect(items.every((item) => item.state.iso3 !== 'BOL')).toBe(true);
    expect(items[0], JSON.stringify(items.slice(0, 5))).toMatchObject({
      state: { iso3: 'URY', name: 'Uruguay' }, id: similar.uruguay, language: 'en', status: { key: 'in_progress' },
      actions: [{ id: similar.action, title: 'Free sunscreen in schools for pupils with albinism' }],
    });

    // Bolivia's instance passes the answer on, and its public recommendation page shows it.
    const passed = await apiCall(national.BOL.baseUrl, 'GET', `/api/v1/recommendations/${similar.bolivia}/network-similar?locale=en`);
    expect(passed.json.available).toBe(true);
    expect(passed.json.items.some((item: { id: number; state: { iso3: string } }) => item.state.iso3 === 'URY' && item.id === similar.uruguay)).toBe(true);
    const t = await openPage(browser, national.BOL.baseUrl);
    try {
      await t.page.goto(`/en/recommendations/${similar.bolivia}`);
      const section = t.page.getByRole('region', { name: 'How other States acted on similar recommendations' });
      await section.waitFor({ timeout: 30_000 });
      const shown = await textOf(section);
      expect(shown).toContain('Uruguay');
      expect(shown).toContain('Free sunscreen in schools for pupils with albinism');
      await expectNoProblems(t, 'visitor of Bolivia\'s instance');
    } finally {
      await t.close();
    }
  }, 400_000);

  it('keeps the national instances working while the hub is down, and catches up with one incremental harvest when it is back', async () => {
    const before = (await wellKnown('URY')).version;
    await hub.stop();
    // Bolivia's page does not wait on the hub: the instance answers at once that it is not available, the page shows nothing of it.
    const asked = Date.now();
    const unavailable = await apiCall(national.BOL.baseUrl, 'GET', `/api/v1/recommendations/${similar.bolivia}/network-similar?locale=en`);
    expect(unavailable).toEqual({ status: 200, json: { available: false, items: [] } });
    expect(Date.now() - asked).toBeLessThan(2_500);
    const t = await openPage(browser, national.BOL.baseUrl);
    try {
      const answered = t.page.waitForResponse((response) => response.url().includes('/network-similar'));
      await t.page.goto(`/en/recommendations/${similar.bolivia}`);
      expect((await (await answered).json()).available).toBe(false);
      await t.page.getByText('Adoptar un plan nacional para proteger', { exact: false }).first().waitFor();
      expect(await t.page.getByRole('region', { name: 'How other States acted on similar recommendations' }).count()).toBe(0);
      expect(await t.page.getByRole('alert').count()).toBe(0);
      await expectNoProblems(t, 'visitor of Bolivia\'s instance, the hub down');
    } finally {
      await t.close();
    }
    const institution = await changeInstitution('URY', 'HUBDOWN');
    const after = await publishedAfter('URY', before);
    for (const state of STATES) {
      expect((await apiCall(national[state].baseUrl, 'GET', '/api/v1/recommendations?page_size=1')).status).toBe(200);
      expect((await apiCall(national[state].baseUrl, 'GET', '/api/v1/federation/package')).status).toBe(200);
    }

    hub = await startHub(); // the same database, on a new port
    const result = await harvest('URY');
    expect(result).toMatchObject({ outcome: 'applied', since: before, version: after });
    const institutions = await hubData('URY', 'institutions');
    expect(institutions.find((i) => i.id === institution)).toMatchObject({ acronym: 'HUBDOWN', package_version: after });
    expect(await harvest('URY')).toMatchObject({ outcome: 'up_to_date', version: after });
  }, 300_000);

  it("verifies Bolivia's packages across a key rotation: refused under an unregistered key, applied once the hub secretariat registers it", async () => {
    const before = (await wellKnown('BOL')).version;
    const next = await generateInstanceKeys();
    fs.writeFileSync(keyFiles.BOL, next.privateKeyPem, { mode: 0o600 }); // read on each use: in effect at once
    await changeInstitution('BOL', 'ROTATED');
    await publishedAfter('BOL', before);
    expect(await harvest('BOL')).toMatchObject({ outcome: 'refused', reason: 'unknown_key' });
    expect((await hubData('BOL', 'institutions')).some((i) => i.acronym === 'ROTATED')).toBe(false);

    const secretariat = await apiSignIn(hub.baseUrl, 'hub.secretariat@demo.example.org');
    const registered = await apiCall(hub.baseUrl, 'POST', '/api/v1/network/states/BOL/keys', { session: secretariat, body: { public_key: next.publicJwk } });
    expect(registered.status, JSON.stringify(registered.json)).toBe(200);
    expect(await harvest('BOL')).toMatchObject({ outcome: 'applied', since: before });
    expect((await hubData('BOL', 'institutions')).some((i) => i.acronym === 'ROTATED')).toBe(true);

    // The log: the first package under the old key, the last under the new one; the old key's rows still stand.
    const log = (await apiCall(hub.baseUrl, 'GET', '/api/v1/network/states/BOL/harvests', { session: secretariat })).json.items as { outcome: string; kid: string | null }[];
    const applied = log.filter((h) => h.outcome === 'applied');
    expect(applied.map((h) => h.kid)).toEqual([next.publicJwk.kid, ...applied.slice(1).map(() => keys.BOL.publicJwk.kid)]);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    const signers = new Set((await hubData('BOL', 'recommendations')).map((r) => r.signed_by));
    expect(signers).toEqual(new Set([keys.BOL.publicJwk.kid]));
    const { keys: listed } = (await apiCall(national.BOL.baseUrl, 'GET', '/.well-known/nmirf-network.json')).json as { keys: { kid: string; valid_until: string | null }[] };
    expect(listed.map((k) => [k.kid, k.valid_until === null])).toEqual([[keys.BOL.publicJwk.kid, false], [next.publicJwk.kid, true]]);
  }, 300_000);
});
