/**
 * The public portal in real Chromium against the demo data: from a
 * recommendation to its institution's page and to its SDG's page, from a
 * mechanism's page to the filtered search, the institutions index from the
 * site navigation, and the pages at phone width. The Ministry of Education
 * (MEC) leads demo recommendations, one with a published action report and
 * one with a draft (server/db/seeds/demo.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspViolations, launchBrowser, openPage, readTotal, textOf, waitForResults, type TestPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let mec: { id: number; name: string };
/** A recommendation MEC leads that names SDG targets. */
let recommendation: { id: number; target: string };

const PUBLISHED_ACTION = 'Scholarship programme for Indigenous and rural students';
const DRAFT_ACTION = 'Plan de formación docente continua';

beforeAll(async () => {
  browser = await launchBrowser();
  const institutions = await (await fetch(`${baseUrl}/api/v1/public/institutions?locale=en`)).json();
  mec = institutions.items.find((i: { acronym: string | null }) => i.acronym === 'MEC');
  const assigned = await (await fetch(`${baseUrl}/api/v1/public/institutions/${mec.id}/recommendations?page_size=100`)).json();
  for (const item of assigned.items as { id: number; responsibility: string }[]) {
    if (item.responsibility !== 'lead') continue;
    const detail = await (await fetch(`${baseUrl}/api/v1/recommendations/${item.id}?locale=en`)).json();
    if (detail.sdg_targets.length) {
      recommendation = { id: item.id, target: detail.sdg_targets[0].key };
      break;
    }
  }
  expect(recommendation, 'a demo recommendation led by MEC with SDG targets').toBeDefined();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs `fn` on a fresh page, then checks that no console error, failed request or CSP violation happened. */
async function withPage(fn: (t: TestPage) => Promise<void>, options?: Parameters<typeof openPage>[2], expectedStatus?: number) {
  const t = await openPage(browser, baseUrl, options);
  try {
    await fn(t);
    const problems = t.problems.filter((p) =>
      !(expectedStatus && p.includes(`Failed to load resource: the server responded with a status of ${expectedStatus}`)));
    expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    expect(await cspViolations(t.page), 'CSP violations').toEqual([]);
  } finally {
    await t.close();
  }
}

describe('public portal', () => {
  it('takes a visitor from a recommendation to its institution, and to the SDG of its target', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`/en/recommendations/${recommendation.id}`);
      const responsible = page.locator('section.responsible-institutions');
      const institutionLink = responsible.getByRole('link', { name: mec.name });
      await institutionLink.waitFor();
      expect(await textOf(responsible.locator('li').filter({ hasText: mec.name }))).toContain('Lead institution');

      // The institution's page: its figures, its reporting record, its recommendations and only its published action.
      await institutionLink.click();
      await page.waitForURL(`**/en/institutions/${mec.id}`);
      await expect.poll(() => textOf(page.locator('h1'))).toBe(`${mec.name} (MEC)`);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.locator('.results .result').first().waitFor();
      await page.locator('.published-action').first().waitFor();
      expect(await textOf(page.locator('#institution-actions-heading'))).toBe('Published actions');
      // Other browser tests publish reports of MEC too: the page shows what the public API lists, the demo's among them.
      const published = await (await fetch(`${baseUrl}/api/v1/public/institutions/${mec.id}/actions?locale=en`)).json();
      const titles = await page.locator('.published-action h3').allTextContents();
      expect(titles).toEqual(published.items.map((item: { title: string }) => item.title));
      expect(titles).toContain(PUBLISHED_ACTION);
      expect(await page.locator('main').textContent()).not.toContain(DRAFT_ACTION);
      // The demo's open UPR round (other browser tests open rounds of their own).
      const demoRound = page.locator('.reporting-table tbody tr').filter({ hasText: 'UPR mid-term report (demo)' });
      expect(await demoRound.count()).toBe(1);
      expect(await textOf(demoRound.locator('td').nth(1))).toMatch(/^\d+$/);
      const listed = page.locator(`.results a[href="/en/recommendations/${recommendation.id}"]`);
      expect(await listed.count()).toBe(1);

      // Back on the recommendation, its first SDG target leads to the goal's page.
      await page.goBack();
      await page.waitForURL(`**/en/recommendations/${recommendation.id}`);
      const goal = recommendation.target.split('.')[0];
      const targetLink = page.locator('.details a', { hasText: new RegExp(`^${recommendation.target.replace('.', '\\.')} `) });
      await targetLink.click();
      await page.waitForURL(`**/en/sdgs/${goal}`);
      await expect.poll(() => textOf(page.locator('.eyebrow'))).toBe(`Sustainable Development Goal ${goal}`);
      const row = page.locator(`tr[data-target="${recommendation.target}"]`);
      await row.waitFor();
      const count = Number((await textOf(row.locator('td.numeric a'))).replace(/\D.*$/, ''));
      expect(count).toBeGreaterThan(0);

      // The target's count is the number of recommendations the filtered search finds.
      await row.locator('td.numeric a').click();
      await page.waitForURL((url) => url.pathname === '/en/recommendations' && url.searchParams.get('sdg') === recommendation.target);
      await waitForResults(page);
      expect(await readTotal(page)).toBe(count);
      expect(await page.locator(`.results a[href="/en/recommendations/${recommendation.id}"]`).count()).toBe(1);
    });
  });

  it('takes a visitor from a mechanism\'s page to the search filtered by it, in their language', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/fr/mechanisms/UPR');
      // The acronym in the visitor's language (EPU in French).
      await expect.poll(() => textOf(page.locator('h1'))).toBe('Examen périodique universel (EPU)');
      const total = Number((await textOf(page.locator('.portal-total'))).replace(/\D/g, ''));
      expect(total).toBeGreaterThan(10);
      expect(await page.locator('#documents-heading ~ div table tbody tr').count()).toBeGreaterThan(0);

      await page.getByRole('link', { name: 'Rechercher ses recommandations' }).click();
      await page.waitForURL((url) => url.pathname === '/fr/recommendations' && url.searchParams.get('mechanism') === 'UPR');
      await waitForResults(page);
      expect(await readTotal(page)).toBe(total);

      // Counts by position come from the search's facets: a position's link finds exactly that many.
      await page.goBack();
      const first = page.locator('.count-list-section').first().locator('li').first();
      await first.waitFor();
      const positionCount = Number((await textOf(first.locator('.count'))).replace(/\D/g, ''));
      await first.locator('a').click();
      await page.waitForURL((url) => url.searchParams.get('mechanism') === 'UPR' && url.searchParams.has('position'));
      await waitForResults(page);
      expect(await readTotal(page)).toBe(positionCount);
    });
  });

  it('names a mechanism and its acronym in the visitor\'s language (CIDH, not IACHR, in Spanish)', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/mechanisms/IACHR');
      await expect.poll(() => textOf(page.locator('h1'))).toBe('Comisión Interamericana de Derechos Humanos (CIDH)');
      await page.goto('/es/mechanisms/SR-INDIGENOUS');
      await expect.poll(() => textOf(page.locator('h1'))).toBe('Relator Especial sobre los derechos de los pueblos indígenas');
    });
  });

  it('lists the institutions from the site navigation and answers an unknown one with a message', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/recommendations');
      await waitForResults(page);
      await page.locator('.site-nav').getByRole('link', { name: 'Instituciones' }).click();
      await page.waitForURL('**/es/institutions');
      const row = page.locator(`tr[data-institution="${mec.id}"]`);
      await row.waitFor();
      expect(await textOf(row.locator('th'))).toBe('Ministerio de Educación y Ciencias (MEC)');
      // Leads, supports, published actions: the demo's published report is MEC's.
      expect(Number(await textOf(row.locator('td').nth(2)))).toBeGreaterThanOrEqual(1);

      await page.goto('/es/institutions/999999');
      await page.locator('[role="alert"]').waitFor();
      expect(await textOf(page.locator('h1'))).toBe('No se pudo mostrar esta página');
    }, undefined, 404);
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    await withPage(async ({ page }) => {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      for (const [path, ready] of [
        [`/pt/institutions/${mec.id}`, '.published-action'],
        ['/pt/institutions', 'tbody tr'],
        ['/pt/mechanisms/UPR', '.count-list li'],
        ['/pt/sdgs/4', 'tr[data-target]'],
      ] as const) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        expect(await overflow(), path).toBeLessThanOrEqual(0);
      }
    }, { viewport: { width: 360, height: 740 } });
  });
});
