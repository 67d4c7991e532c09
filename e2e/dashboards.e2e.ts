/**
 * The public dashboards in real Chromium against the demo data: a visitor
 * searches, opens the dashboards of the results (the filters travel in the
 * address), reads a chart's numbers in its data table with the keyboard and
 * downloads them as CSV and as a picture.
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { locales } from '../shared/i18n/languages';
import { browserForFile, cspViolations, expectNoSeriousAxeViolations, openPage, readTotal, tabTo, textOf, waitForResults } from './browser';
import { apiCall, apiSignIn } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

/** Waits until the charts answer the page's current address. */
async function waitForDashboard(page: Page) {
  const url = new URL(page.url());
  await page.locator(`[data-dashboard-for=${JSON.stringify(`${url.pathname}${url.search}`)}]`).waitFor({ timeout: 30_000 });
}

const number = (text: string) => Number(text.replace(/\D/g, ''));

async function saved(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file!);
}

describe('public dashboards', () => {
  it('opens from a search with its filters, and gives a chart as a table, a CSV and a PNG', async () => {
    const { page, problems, close } = await openPage(browser, baseUrl);
    try {
      // 1. A search with words and a filter.
      await page.goto('/en/recommendations');
      await waitForResults(page);
      const everything = (await readTotal(page))!;
      await page.getByLabel('Words to search for').fill('educacion');
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=educacion/);
      await waitForResults(page);
      await page.goto(`${new URL(page.url()).pathname}${new URL(page.url()).search}&year_from=2000`);
      await waitForResults(page);
      const total = (await readTotal(page))!;
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(everything);

      // 2. Its dashboards: same filters, same count.
      await page.getByRole('link', { name: 'Dashboards for these results' }).click();
      await page.waitForURL(/\/en\/dashboards\?/);
      const address = new URL(page.url());
      expect(address.searchParams.get('q')).toBe('educacion');
      expect(address.searchParams.get('year_from')).toBe('2000');
      await waitForDashboard(page);
      expect(number(await textOf(page.locator('.dashboard-total')))).toBe(total);
      expect(await textOf(page.locator('.dashboard-filters .chips'))).toContain('Year: from 2000');
      await expect.poll(() => page.locator('figure.chart').count()).toBe(11);

      // 3. The mechanism chart's data table, opened with the keyboard: each recommendation has one mechanism.
      const figure = page.locator('figure#chart-mechanism');
      expect(await textOf(figure.locator('figcaption h2'))).toBe('Recommendations by mechanism');
      const summary = figure.locator('details summary');
      await tabTo(page, summary, 120);
      await page.keyboard.press('Enter');
      await expect.poll(() => figure.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const cells = await figure.locator('table tbody td').allTextContents();
      const table = cells.map(number);
      expect(table.reduce((a, b) => a + b, 0)).toBe(total);
      const labels = await figure.locator('table tbody th').allTextContents();

      // 4. Its CSV, a real download: the table's rows, the same sum.
      await tabTo(page, figure.getByRole('button', { name: /Download CSV/ }), 5);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(csv.suggestedFilename()).toBe('mechanism.csv');
      const text = (await saved(csv)).toString('utf8').replace(/^\ufeff/, '');
      const lines = text.trimEnd().split('\r\n').map((line) => line.split(','));
      expect(lines[0]).toEqual(['Mechanism', 'Recommendations']);
      expect(lines.slice(1).map((l) => l[0].replace(/^"|"$/g, ''))).toEqual(labels);
      expect(lines.slice(1).reduce((sum, l) => sum + Number(l.at(-1)), 0)).toBe(total);

      // 5. Its picture, a real download: a PNG.
      const [image] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /Download image/ }).click()]);
      const bytes = await saved(image);
      expect(image.suggestedFilename()).toBe('mechanism.png');
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.length).toBeGreaterThan(1000);

      // 6. Back to the search with the same filters.
      await page.getByRole('link', { name: 'See these recommendations in the search' }).click();
      await page.waitForURL(/\/en\/recommendations\?/);
      expect(new URL(page.url()).searchParams.get('q')).toBe('educacion');
      await waitForResults(page);
      expect(await readTotal(page)).toBe(total);

      expect(problems, 'console errors, page errors or failed requests').toEqual([]);
      expect(await cspViolations(page), 'CSP violations').toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows planned vs done for an adopted plan, as a chart, a table and a CSV, in every language', async () => {
    const run = Date.now().toString(36);
    const title = `Human rights action plan ${run}`;
    const secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
    const institutions = (await apiCall(baseUrl, 'GET', '/api/v1/institutions?locale=en', { session: secretariat })).json.items as { id: number; acronym: string | null }[];
    const mec = institutions.find((i) => i.acronym === 'MEC')!;
    const plan = await apiCall(baseUrl, 'POST', '/api/v1/plans', {
      session: secretariat, body: { kind: 'national_action_plan', title: { en: title, es: title, fr: title, pt: title }, original_language: 'en' },
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(201);
    for (const [activity, start, end] of [['Late', '2020-01-01', '2020-12-31'], ['Running', '2020-01-01', '2099-12-31'], ['Later', '2098-01-01', '2099-12-31']]) {
      const added = await apiCall(baseUrl, 'POST', `/api/v1/plans/${plan.json.id}/activities`, {
        session: secretariat, body: { institution_id: mec.id, title: { en: `${activity} ${run}` }, original_language: 'en', start_date: start, end_date: end },
      });
      expect(added.status, JSON.stringify(added.json)).toBe(201);
    }
    const version = (await apiCall(baseUrl, 'GET', `/api/v1/plans/${plan.json.id}`, { session: secretariat })).json.version;
    const adopted = await apiCall(baseUrl, 'POST', `/api/v1/plans/${plan.json.id}/status`, { session: secretariat, body: { version, status: 'adopted', adopted_on: '2020-01-15' } });
    expect(adopted.status, JSON.stringify(adopted.json)).toBe(200);

    const { page, problems, close } = await openPage(browser, baseUrl);
    try {
      await page.goto('/en/dashboards');
      await waitForDashboard(page);
      const figure = page.locator('figure#chart-planned-plan');
      expect(await textOf(figure.locator('figcaption h2'))).toBe('Planned vs done, by plan');
      await figure.locator('details summary').click();
      const row = figure.locator('table tbody tr', { has: page.getByRole('rowheader', { name: title, exact: true }) });
      expect((await row.locator('td').allTextContents()).map(Number)).toEqual([0, 1, 1, 1]);
      expect(await figure.locator('table thead th').allTextContents()).toEqual(['Plan', 'Done', 'On time', 'Late', 'Not started']);
      const [csv] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /Download CSV/ }).click()]);
      expect(csv.suggestedFilename()).toBe('planned-plan.csv');
      const lines = (await saved(csv)).toString('utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('Plan,Done,On time,Late,Not started');
      expect(lines).toContain(`${title},0,1,1,1`);
      // The institution's row counts this plan's activities among others.
      await page.locator('figure#chart-planned-institution details summary').click();
      expect((await page.locator('figure#chart-planned-institution table tbody th').allTextContents()).some((name) => name.endsWith('(MEC)'))).toBe(true);

      for (const locale of locales) {
        await page.goto(`/${locale}/dashboards`);
        await waitForDashboard(page);
        for (const details of await page.locator('figure[id^="chart-planned"] details').all()) await details.locator('summary').click();
        await expectNoSeriousAxeViolations(page, `planned vs done (${locale})`);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('stays light: its charts load with it and not with the search, under 200 KB of gzipped JavaScript in all', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      const scripts: string[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.url());
      });
      await page.goto('/en/recommendations');
      await waitForResults(page);
      expect(scripts.some((url) => /DashboardsPage/.test(url)), 'the search page loaded the dashboards').toBe(false);

      scripts.length = 0;
      await page.goto('/en/dashboards');
      await waitForDashboard(page);
      expect(scripts.some((url) => /DashboardsPage/.test(url))).toBe(true);
      let gzipped = 0;
      for (const url of scripts) gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
      console.info(`dashboards page JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} file(s)`);
      expect(gzipped).toBeLessThan(200 * 1024);
    } finally {
      await close();
    }
  });

  it('removes a filter from its chips and fits a phone screen', async () => {
    const { page, problems, close } = await openPage(browser, baseUrl, { viewport: { width: 360, height: 740 } });
    try {
      await page.goto('/es/dashboards?mechanism=UPR&position=supported');
      await waitForDashboard(page);
      const filtered = number(await textOf(page.locator('.dashboard-total')));
      const search = await (await fetch(`${baseUrl}/api/v1/recommendations?mechanism=UPR&position=supported&page_size=1`)).json();
      expect(filtered).toBe(search.total);
      await page.locator('.dashboard-filters button.chip', { hasText: 'Aceptada' }).click();
      await page.waitForURL((url) => !url.search.includes('position'));
      await waitForDashboard(page);
      expect(number(await textOf(page.locator('.dashboard-total')))).toBeGreaterThan(filtered);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
