/**
 * The hub's public timeliness page in real Chromium, with a real harvest behind it: a hub
 * (INSTANCE_ROLE=hub, its demo data) and a national instance publishing to the Network (its own
 * process and embedded database, NETWORK_PUBLISH=on with a key file made here) on loopback.
 * Uruguay's join request carries the instance's address and public key; the Executive Committee
 * approves it; the hub secretariat harvests it. The page, reached from the Network's page, shows
 * Uruguay with the version the hub holds, its last successful harvest and no refusal, in es, en,
 * fr and pt, axe finding nothing serious in any; its open data links download what was harvested.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstanceKeys } from '../server/modules/federation/package-signature';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, type TestPage } from './browser';
import { apiCall, apiSignIn, expectHeading } from './journey';
import { startServer, type RunningServer } from './server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-timeliness-'));
let hub: RunningServer;
let national: RunningServer;
let browser: Browser;
const pages: TestPage[] = [];

beforeAll(async () => {
  const keys = await generateInstanceKeys();
  const keyFile = path.join(dir, 'network.key');
  fs.writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  [hub, national] = await Promise.all([
    startServer({ env: { INSTANCE_ROLE: 'hub' } }),
    startServer({ env: { STATE_ISO3: 'URY', NETWORK_PUBLISH: 'on', NETWORK_KEY_FILE: keyFile, NETWORK_PUBLICATION_MINUTES: '1' }, webBuild: false }),
  ]);
  browser = await launchBrowser();

  // Uruguay asks to join, with its instance's address and public key; the Committee approves.
  const form = new FormData();
  form.append('request', JSON.stringify({
    iso3: 'URY', requested_status: 'member', requester_name: 'Rosa', requester_email: 'rosa@example.org', focal_point_name: 'Focal URY',
    focal_point_email: 'focal.ury@example.org', declaration_adopted_on: '2025-05-20', instance_url: national.baseUrl, public_key: keys.publicJwk,
  }));
  form.append('file', new Blob([new Uint8Array(PDF)]), 'communication.pdf');
  const submitted = await fetch(`${hub.baseUrl}/api/v1/network/join-requests`, { method: 'POST', body: form });
  expect(submitted.status, await submitted.clone().text()).toBe(201);
  const { id } = await submitted.json();
  const committee = await apiSignIn(hub.baseUrl, 'committee@demo.example.org');
  const approved = await apiCall(hub.baseUrl, 'POST', `/api/v1/network/join-requests/${id}/decision`, { session: committee, body: { version: 1, decision: 'approve' } });
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);

  // The national instance has published (its federation-publication job runs at start-up, then every minute); the hub harvests it.
  const secretariat = await apiSignIn(hub.baseUrl, 'hub.secretariat@demo.example.org');
  let outcome = '';
  for (let i = 0; i < 90 && outcome !== 'applied'; i++) {
    const harvested = await apiCall(hub.baseUrl, 'POST', '/api/v1/network/states/URY/harvest', { session: secretariat });
    expect(harvested.status, JSON.stringify(harvested.json)).toBe(200);
    outcome = harvested.json.outcome;
    if (outcome !== 'applied') await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  expect(outcome).toBe('applied');
}, 240_000);

afterAll(async () => {
  for (const t of pages) await t.context.close();
  await browser?.close();
  await Promise.all([hub?.stop(), national?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the timeliness of publishing States on the hub', () => {
  it('shows each publishing State with its last harvest, version, age and refusals, in every language; its open data is what was harvested', async () => {
    const t = await openPage(browser, hub.baseUrl);
    pages.push(t);
    const { page } = t;
    const { version } = (await apiCall(national.baseUrl, 'GET', '/.well-known/nmirf-network.json')).json;
    expect(version).toBeGreaterThan(0);

    await page.goto('/en/network');
    await page.getByRole('link', { name: 'Publishing States and their timeliness' }).click();
    await expectHeading(page, 'Timeliness of publishing States');
    const row = page.locator('tr[data-state="URY"]');
    await expect.poll(() => textOf(row)).toContain('Uruguay');
    const text = await textOf(row);
    expect(text).toContain(String(version));
    expect(text).toContain('0 in all, 0 since the last success');
    expect(text).not.toContain('Never');
    await expectNoSeriousAxeViolations(page, 'the timeliness page (en)');

    for (const [locale, heading] of [['es', 'Puntualidad de los Estados que publican'], ['fr', 'Ponctualité des États qui publient'], ['pt', 'Pontualidade dos Estados que publicam']] as const) {
      await page.goto(`/${locale}/network/timeliness`);
      await expectHeading(page, heading);
      await expect.poll(() => textOf(page.locator('tr[data-state="URY"]'))).toContain(String(version));
      await expectNoSeriousAxeViolations(page, `the timeliness page (${locale})`);
    }

    // The open data the page links to holds the national instance's published actions, with their provenance.
    const href = await page.locator('a[href$="/actions.json"]').getAttribute('href');
    const actions = (await apiCall(hub.baseUrl, 'GET', href!)).json as { state: string; package_version: number; id: number }[];
    const published = (await apiCall(national.baseUrl, 'GET', '/api/v1/open-data/actions.json')).json as { id: number }[];
    expect(actions.map((a) => a.id).sort()).toEqual(published.map((a) => a.id).sort());
    expect(actions.every((a) => a.state === 'URY' && a.package_version <= version)).toBe(true);
  }, 120_000);

  it('finds, from a text, the harvested recommendation that asks the same thing, with its State, in every language; axe finds nothing serious', async () => {
    const t = await openPage(browser, hub.baseUrl);
    pages.push(t);
    const { page } = t;
    const recommendations = (await apiCall(hub.baseUrl, 'GET', '/api/v1/network/open-data/recommendations.json')).json as { id: number; texts: string }[];
    const texts = JSON.parse(recommendations[0].texts) as Record<string, string>;
    const text = Object.values(texts)[0];

    await page.goto('/en/network');
    await page.getByRole('link', { name: 'Similar recommendations across States' }).click();
    await expectHeading(page, 'Similar recommendations across States');
    await page.getByLabel('Recommendation text').fill(text);
    await page.getByRole('button', { name: 'Find similar recommendations' }).click();
    await expect.poll(() => page.locator('li[data-state="URY"]').count()).toBeGreaterThan(0);
    expect(await textOf(page.locator('li[data-state="URY"]').first())).toContain('Uruguay');
    await expectNoSeriousAxeViolations(page, 'the similar recommendations page (en)');

    const query = page.url().slice(page.url().indexOf('?'));
    for (const [locale, heading] of [['es', 'Recomendaciones similares entre Estados'], ['fr', 'Recommandations similaires entre États'], ['pt', 'Recomendações semelhantes entre Estados']] as const) {
      await page.goto(`/${locale}/network/similar${query}`);
      await expectHeading(page, heading);
      await expect.poll(() => page.locator('li[data-state="URY"]').count()).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(page, `the similar recommendations page (${locale})`);
    }
  }, 120_000);
});
