/**
 * List exports from the web app: a focal point downloads their institution's
 * queue from the workspace, and the file holds the queue the page counts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspViolations, expectNoSeriousAxeViolations, launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('list exports', () => {
  it('downloads the workspace queue as CSV, every assignment the queue counts', async () => {
    const { page, problems, close } = await openPage(browser, baseUrl);
    try {
      await page.goto('/en/sign-in');
      await page.getByLabel('Email address', { exact: true }).fill('focal.mec@demo.example.org');
      await page.getByLabel('Password', { exact: true }).fill('demo-nmirf-2026');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/en\/account$/);
      await page.goto('/en/workspace');
      const link = page.getByRole('link', { name: /^Download CSV \(the recommendations assigned to / });
      await link.waitFor();
      expect(await page.getByRole('link', { name: /^Download XLSX \(the recommendations assigned to / }).getAttribute('href')).toMatch(/\/assignments\.xlsx\?locale=en$/);
      await expectNoSeriousAxeViolations(page, 'workspace with download links');

      const session = await (await page.request.get('/api/v1/auth/me')).json() as { user: { memberships: { role: string; institution_id: number }[] } };
      const institution = session.user.memberships.find((m) => m.role === 'focal_point')!.institution_id;
      const queue = await (await page.request.get(`/api/v1/institutions/${institution}/assignments?page_size=1`)).json() as { total: number };

      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('assignments.csv');
      const text = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
      const { parse } = await import('csv-parse/sync');
      const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
      expect(rows).toHaveLength(queue.total);
      expect(Object.keys(rows[0] ?? {})).toContain('recommendation_id');
      expect(problems).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
