/**
 * A national instance's "How other States acted on similar recommendations"
 * (docs/decisions/0021-similar-across-states.md): the instance asks the hub for one of its
 * recommendations and passes its answer on; with the hub down, silent or not configured, the answer
 * is unavailable and empty, never an error. The hub here is a second app on loopback over the same
 * database (a hub's tables and a national instance's are apart), its copies written as a harvest
 * leaves them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../../platform/config';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let db: Database;
let hub: FastifyInstance;
let hubUrl: string;
let silent: http.Server;
let silentUrl: string;
let recommendation: number;
const apps: FastifyInstance[] = [];

async function national(network: { publish: boolean; hubUrl: string | null }) {
  const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', network: { ...network, keyFile: null } });
  apps.push(app);
  return async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations/${recommendation}/network-similar?locale=en` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
}

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  await db.pool.query('update instance_settings set network_publish = null, network_hub_url = null');
  const { rows: [own] } = await db.pool.query(`select id, texts, coalesce((select state_iso3 from instance_settings limit 1), $1::text) as state_iso3 from recommendation order by id limit 1`, [readConfig().stateIso3]);
  recommendation = Number(own.id);
  const text: string = Object.values(own.texts as Record<string, { text: string }>)[0].text;

  // The hub: this instance's State holds the recommendation as published; Uruguay the same text, and an action on it.
  await db.pool.query(`truncate network_harvest, network_copy_change, network_copy_record, network_copy_state, network_key, network_instance,
    network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  for (const iso3 of [own.state_iso3, 'URY']) {
    await db.pool.query(`insert into network_state (iso3, status, joined_on) values ($1, 'member', '2024-05-01')`, [iso3]);
    await db.pool.query(`insert into network_copy_state (iso3, instance_id, version, applied_at) values ($1, $1, 1, now())`, [iso3]);
  }
  await db.pool.query(`insert into network_copy_record (iso3, kind, record_id, version, body) values ($1, 'recommendation', $2, 1, $3),
    ('URY', 'recommendation', 50, 1, $4), ('URY', 'action', 60, 1, $5)`, [own.state_iso3, recommendation,
    { id: recommendation, mechanism: 'UPR', texts: { en: text } }, { id: 50, mechanism: 'UPR', year: 2019, texts: { en: text } },
    { id: 60, title: { en: 'A law that does it' }, type: 'legislation', recommendations: [50] }]);
  hub = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', instanceRole: 'hub' });
  await hub.listen({ port: 0, host: '127.0.0.1' });
  hubUrl = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;
  // A hub that takes the request and never answers.
  silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await hub?.close();
  silent?.closeAllConnections();
  await new Promise((resolve) => silent?.close(resolve));
  await db.pool.query('truncate network_copy_record, network_copy_state, network_state restart identity cascade');
  await db.close();
});

describe('GET /api/v1/recommendations/:id/network-similar', () => {
  it("passes on the hub's answer: another State's recommendation with its published action, never the instance's own", async () => {
    const answer = await (await national({ publish: true, hubUrl }))();
    expect(answer.available).toBe(true);
    expect(answer.items.map((i: { state: { iso3: string }; id: number }) => `${i.state.iso3}:${i.id}`)).toEqual(['URY:50']);
    expect(answer.items[0].actions).toMatchObject([{ id: 60, title: 'A law that does it' }]);
  });

  it('is unavailable and empty, not an error, when the hub is silent, down or not configured, or publishing is off', async () => {
    expect(await (await national({ publish: true, hubUrl: silentUrl }))()).toEqual({ available: false, items: [] });
    expect(await (await national({ publish: true, hubUrl: 'http://127.0.0.1:9' }))()).toEqual({ available: false, items: [] });
    expect(await (await national({ publish: true, hubUrl: null }))()).toEqual({ available: false, items: [] });
    expect(await (await national({ publish: false, hubUrl }))()).toEqual({ available: false, items: [] });
  });

  it('answers 404 for a recommendation that does not exist', async () => {
    const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', network: { publish: true, hubUrl, keyFile: null } });
    apps.push(app);
    expect((await app.inject({ method: 'GET', url: '/api/v1/recommendations/999999999/network-similar' })).statusCode).toBe(404);
  });
});
