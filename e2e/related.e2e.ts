/**
 * Related recommendations on the recommendation page, in real Chromium: the
 * related-scan job (run at start-up) proposes candidates on the demo data;
 * staff see them with the secretariat's confirm and reject buttons, a
 * visitor sees one once it is confirmed. axe finds nothing serious in any
 * language, either way.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf } from './browser';
import { apiCall, apiSignIn, expectNoProblems, signIn, type ApiSession } from './journey';

const baseUrl = inject('baseUrl');
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
    for (const locale of ['es', 'en', 'fr', 'pt']) {
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
});
