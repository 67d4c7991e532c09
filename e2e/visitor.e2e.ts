/**
 * A visitor's journey through the public portal, in Chromium: finds a
 * recommendation through the search, reads what the institution did (a
 * published action with its evidence) and the assessments beside the
 * government's (here a national human rights institution's, published through
 * moderation), goes back to the results, downloads them as CSV with the
 * filters applied, opens the dashboards for the same search and downloads a
 * chart's data and its picture.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, readTotal, textOf, waitForResults } from './browser';
import { apiCall, apiSignIn, confirmationPath, expectNoProblems } from './journey';

const baseUrl = inject('baseUrl');
let browser: Browser;
let recommendation: { id: number; text: string };
let action: { title: string; evidence: { title: string }[] };
const assessmentReason = `Monitoring visit ${Date.now()}: the programme reaches half of the rural districts.`;

async function saved(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

/** An NHRI registers, is verified, and its assessment of the recommendation is approved: the public may see it. */
async function publishIndependentAssessment(recommendationId: number) {
  const email = `nhri.${Date.now()}@example.org`;
  const name = `Defensoría ${Date.now()}`;
  const registered = await apiCall(baseUrl, 'POST', '/api/v1/organisations', {
    body: { name, kind: 'nhri', display_name: 'Ana Benítez', email, password: 'a long enough passphrase', locale: 'en' },
  });
  expect(registered.status, JSON.stringify(registered.json)).toBe(202);
  const token = new URLSearchParams((await confirmationPath(baseUrl, email)).split('?')[1]).get('token');
  expect((await apiCall(baseUrl, 'POST', '/api/v1/organisations/confirm', { body: { token } })).status).toBe(204);
  const secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
  const pending = await apiCall(baseUrl, 'GET', '/api/v1/organisations?state=awaiting_verification', { session: secretariat });
  const organisation = pending.json.items.find((o: { name: string }) => o.name === name);
  expect((await apiCall(baseUrl, 'POST', `/api/v1/organisations/${organisation.id}/verify`, { body: { version: organisation.version }, session: secretariat })).status).toBe(200);
  const member = await apiSignIn(baseUrl, email, 'a long enough passphrase');
  const posted = await apiCall(baseUrl, 'POST', `/api/v1/recommendations/${recommendationId}/contributions`, {
    body: { kind: 'assessment', status: 'partially_implemented', body: assessmentReason }, session: member,
  });
  expect(posted.status, JSON.stringify(posted.json)).toBe(201);
  const queue = await apiCall(baseUrl, 'GET', '/api/v1/moderation/contributions', { session: secretariat });
  const pendingItem = queue.json.items.find((item: { id: number }) => item.id === posted.json.id);
  const approved = await apiCall(baseUrl, 'POST', `/api/v1/moderation/contributions/${posted.json.id}/approve`, {
    body: { version: pendingItem.version }, session: secretariat,
  });
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The demo's published action with evidence, and the recommendation it answers: what the visitor looks for.
  const published = await apiCall(baseUrl, 'GET', '/api/v1/actions?state=published&page_size=50');
  action = published.json.items.find((item: { evidence: unknown[] }) => item.evidence.length > 0);
  expect(action, 'a published action with evidence in the demo data').toBeDefined();
  const id = (action as unknown as { recommendation_ids: number[] }).recommendation_ids[0];
  const detail = await apiCall(baseUrl, 'GET', `/api/v1/recommendations/${id}?locale=en`);
  const texts = detail.json.texts as Record<string, { text: string }>;
  recommendation = { id, text: (texts.en ?? Object.values(texts)[0]).text };
  await publishIndependentAssessment(id);
});
afterAll(async () => {
  await browser?.close();
});

describe('a visitor', () => {
  it('finds a recommendation, reads its actions and assessments, downloads the filtered CSV and a chart', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      // 1. Searches with words from the recommendation and opens it from the results (relevance puts it first).
      const words = recommendation.text.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 3).slice(0, 4).join(' ');
      await page.goto('/en/recommendations');
      await waitForResults(page);
      await page.getByLabel('Words to search for').fill(words);
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=/);
      await waitForResults(page);
      const total = (await readTotal(page))!;
      expect(total).toBeGreaterThan(0);
      const result = page.locator(`a[href$="/recommendations/${recommendation.id}"]`).first();
      await result.click();
      await page.waitForURL(new RegExp(`/en/recommendations/${recommendation.id}$`));

      // 2. What the institution did: the published action and its evidence.
      const actions = page.locator('.published-actions');
      await actions.locator('.published-action').first().waitFor();
      expect(await textOf(actions)).toContain(action.title);
      expect(await textOf(actions)).toContain(action.evidence[0].title);

      // 3. The assessments: the government's status, and the NHRI's beside it.
      const status = page.locator('.implementation-status');
      await status.locator('[data-assessor="government"]').waitFor();
      const nhri = status.locator('.status-others [data-assessor="nhri"]');
      await nhri.waitFor();
      expect(await textOf(nhri)).toContain(assessmentReason);

      // 4. Back to the results; their CSV, a real download with the same filter.
      await page.goBack();
      await page.waitForURL(/\/en\/recommendations\?/);
      await waitForResults(page);
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download CSV (these search results)' }).click(),
      ]);
      const rows = parse((await saved(csvDownload)).toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as { id: string }[];
      expect(rows).toHaveLength(total);
      expect(rows.map((row) => Number(row.id))).toContain(recommendation.id);

      // 5. The dashboards for these results: same count; a chart's CSV and its picture.
      await page.getByRole('link', { name: 'Dashboards for these results' }).click();
      await page.waitForURL(/\/en\/dashboards\?/);
      await page.locator('[data-dashboard-for]').waitFor({ timeout: 30_000 });
      expect(Number((await textOf(page.locator('.dashboard-total'))).replace(/\D/g, ''))).toBe(total);
      const figure = page.locator('figure#chart-mechanism');
      const [chartCsv] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /Download CSV/ }).click()]);
      const chartRows = parse((await saved(chartCsv)).toString('utf8').replace(/^\uFEFF/, ''), { from_line: 2 }) as string[][];
      expect(chartRows.reduce((sum, row) => sum + Number(row[row.length - 1]), 0)).toBe(total);
      const [image] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /Download image/ }).click()]);
      expect((await saved(image)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

      await expectNoProblems(t, 'visitor');
    } finally {
      await t.close();
    }
  });
});
