/**
 * Related recommendations on the recommendation page, in real Chromium: the
 * related-scan job (run at start-up) proposes candidates on the demo data;
 * staff see them with the secretariat's confirm and reject buttons, a
 * visitor sees one once it is confirmed. axe finds nothing serious in any
 * language, either way. The search, grouped by duplicates, shows a confirmed
 * pair of duplicates once, with a link to the other.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { locales } from '../shared/i18n/languages';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, readTotal, textOf, waitForResults } from './browser';
import { apiCall, apiSignIn, expectNoProblems, signIn, type ApiSession } from './journey';
import { ROOT } from './server';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
let browser: Browser;
let secretariat: ApiSession;
/** A demo recommendation with candidate links only, and one of them. */
let recommendationId: number;
let otherId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
  const { json } = await apiCall(baseUrl, 'GET', '/api/v1/recommendations?page_size=100&sort=date_asc');
  const ids: number[] = json.items.map((item: { id: number }) => item.id);
  // The job runs once at start-up: wait for its links.
  const deadline = Date.now() + 120_000;
  while (!recommendationId && Date.now() < deadline) {
    for (const id of ids) {
      const related = (await apiCall(baseUrl, 'GET', `/api/v1/recommendations/${id}/related`, { session: secretariat })).json;
      const items = [...related.duplicates, ...related.recurrences, ...related.similar];
      const candidate = items.find((item) => item.state === 'candidate');
      // Only candidates: a visitor sees nothing until one is confirmed (other tests may have linked some records).
      if (candidate && items.every((item) => item.state === 'candidate')) {
        recommendationId = id;
        otherId = candidate.id;
        break;
      }
    }
    if (!recommendationId) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  expect(recommendationId, 'a demo recommendation with a candidate link').toBeDefined();
});
afterAll(async () => {
  await browser?.close();
});

describe('related recommendations on the recommendation page', () => {
  it('shows the secretariat a candidate with its buttons, and a visitor nothing until it is confirmed', async () => {
    const staff = await openPage(browser, baseUrl);
    try {
      await signIn(staff.page, 'secretariat@demo.example.org');
      await staff.page.goto(`/en/recommendations/${recommendationId}`);
      const candidate = staff.page.locator('.related-recommendations .related-item', { hasText: 'Candidate, not yet confirmed' });
      await candidate.first().waitFor();
      await expectNoSeriousAxeViolations(staff.page, 'a recommendation with a candidate (secretariat, en)');
      expect(await candidate.first().getByRole('button', { name: 'Confirm: same ask' }).count()).toBe(1);
      await expectNoProblems(staff, 'secretariat');
    } finally {
      await staff.close();
    }
    const visitor = await openPage(browser, baseUrl);
    try {
      await visitor.page.goto(`/en/recommendations/${recommendationId}`);
      await visitor.page.locator('.related-recommendations p.muted').waitFor();
      expect(await textOf(visitor.page.locator('.related-recommendations p.muted'))).toBe('No other recommendation is known to ask the same thing.');
    } finally {
      await visitor.close();
    }
  });

  it('a confirmed link reaches visitors, in every language, with no serious axe violation', async () => {
    const related = (await apiCall(baseUrl, 'GET', `/api/v1/recommendations/${recommendationId}/related`, { session: secretariat })).json;
    const link = [...related.duplicates, ...related.recurrences, ...related.similar].find((item: { id: number }) => item.id === otherId).link;
    const confirmed = await apiCall(baseUrl, 'POST', `/api/v1/recommendations/${recommendationId}/related/${otherId}/confirm`,
      { session: secretariat, body: { version: link.version } });
    expect(confirmed.status).toBe(200);
    for (const locale of locales) {
      const visitor = await openPage(browser, baseUrl);
      try {
        await visitor.page.goto(`/${locale}/recommendations/${recommendationId}`);
        await visitor.page.locator(`.related-recommendations a[href="/${locale}/recommendations/${otherId}"]`).waitFor();
        expect(await visitor.page.locator('.related-recommendations button').count()).toBe(0);
        await expectNoSeriousAxeViolations(visitor.page, `a recommendation with a confirmed link (${locale})`);
        await expectNoProblems(visitor, `visitor (${locale})`);
      } finally {
        await visitor.close();
      }
    }
  });

  it('the search grouped by duplicates shows three States\' same request once, with links to the others, with no serious axe violation', async () => {
    // One review where three States ask the same thing (and a fourth asks something else); the scan links them.
    const marker = `grp${Date.now().toString(36)}`;
    const form = new FormData();
    form.append('dry_run', 'false');
    form.append('file', new Blob([`mechanism,country,language,date,paragraph,symbol,text,recommending_states,cycle
UPR,PRY,en,2026-01-20,9.1,A/HRC/E2E/${marker},"Ratify the Optional Protocol to the Convention against Torture and establish its national preventive mechanism (${marker}).",Chile,4
UPR,PRY,en,2026-01-20,9.2,A/HRC/E2E/${marker},"Ratify the Optional Protocol to the Convention against Torture and establish a national preventive mechanism (${marker}).",France,4
UPR,PRY,en,2026-01-20,9.3,A/HRC/E2E/${marker},"Ratify the Optional Protocol to the Convention against Torture and establish the national preventive mechanism (${marker}).",Ghana,4
UPR,PRY,en,2026-01-20,9.4,A/HRC/E2E/${marker},"Adopt a comprehensive law against discrimination covering every ground (${marker}).",Spain,4
`]), 'duplicates.csv');
    const imported = await fetch(`${baseUrl}/api/v1/imports`, { method: 'POST', body: form, headers: { cookie: secretariat.cookie, 'x-csrf-token': secretariat.csrf } });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(dataDir, 'the server\'s DATA_DIR (not available with E2E_BASE_URL)').not.toBe('');
    const scanned = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cli/related-scan.ts'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000,
    });
    expect(scanned.status, `${scanned.stdout}\n${scanned.stderr}`).toBe(0);
    const plain = (await apiCall(baseUrl, 'GET', `/api/v1/recommendations?q=${marker}`)).json;
    expect(plain.total).toBe(4);
    const grouped = (await apiCall(baseUrl, 'GET', `/api/v1/recommendations?q=${marker}&group=duplicates`)).json;
    expect(grouped.total).toBe(2);
    expect(grouped.grouped.recommendations).toBe(4);
    const group = grouped.items.find((item: { duplicates: { size: number } }) => item.duplicates.size === 3);
    expect(group, JSON.stringify(grouped.items)).toBeDefined();
    const others: number[] = group.duplicates.others.map((o: { id: number }) => o.id);

    const visitor = await openPage(browser, baseUrl);
    try {
      await visitor.page.goto(`/en/recommendations?q=${marker}`);
      await waitForResults(visitor.page);
      expect(await readTotal(visitor.page)).toBe(4);
      // A click, not check(): the box follows the address, which changes just after the click (check() reads the box at once).
      const groupBox = visitor.page.getByLabel('Show the same request made by several States once');
      await groupBox.click();
      await visitor.page.waitForURL(/group=duplicates/);
      await expect.poll(() => groupBox.isChecked()).toBe(true);
      await waitForResults(visitor.page);
      expect(await textOf(visitor.page.locator('p.results-total'))).toBe('2 results (4 recommendations, each request made by several States shown once)');
      expect(await visitor.page.locator('.results > li').count()).toBe(2);
      const result = visitor.page.locator('.results > li', { has: visitor.page.locator(`h3#result-${group.id}`) });
      expect(await textOf(result.locator('.result-duplicates p'))).toBe('Also requested by 2 other recommendations of the same review:');
      for (const id of others) await result.locator(`.result-duplicates a[href="/en/recommendations/${id}"]`).waitFor();
      await expectNoSeriousAxeViolations(visitor.page, 'the search grouped by duplicates (en)');
      await visitor.page.goto(`/fr/recommendations?q=${marker}&group=duplicates`);
      await waitForResults(visitor.page);
      expect(await visitor.page.getByLabel('Afficher une seule fois la même demande faite par plusieurs États').isChecked()).toBe(true);
      await visitor.page.locator(`.result-duplicates a[href="/fr/recommendations/${others[0]}"]`).waitFor();
      await expectNoSeriousAxeViolations(visitor.page, 'the search grouped by duplicates (fr)');
      await expectNoProblems(visitor, 'visitor (grouped search)');
    } finally {
      await visitor.close();
    }
  }, 300_000);
});
