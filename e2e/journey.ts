/**
 * What the browser journeys share: the demo password, signing in through the
 * sign-in page, and the checks each step makes (the page's heading, its polite
 * status message, nothing went wrong on the page).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cspViolations, textOf, type TestPage } from './browser';

/** The password of every demo login (server/db/seeds/demo.ts). */
export const DEMO_PASSWORD = 'demo-nmirf-2026';

/** Signs in through the English sign-in page, as a person would, and waits for the account page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/en/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/en\/account$/);
}

export async function expectHeading(page: Page, text: string) {
  await expect.poll(() => textOf(page.locator('h1')), { timeout: 10_000 }).toBe(text);
}

/** The page's polite status message, once it says `text`. */
export async function expectStatus(page: Page, text: string, timeout = 30_000) {
  await expect.poll(async () => (await page.getByRole('status').allTextContents()).join(' | '), { timeout })
    .toContain(text);
}

/**
 * No console error, page error, failed request or CSP violation was recorded
 * by a person's page, except Chromium's console line for API error answers
 * with one of `expectedStatuses` that the test provoked.
 */
export async function expectNoProblems(t: TestPage, who: string, expectedStatuses: number[] = []) {
  const problems = t.problems.filter((p) => !expectedStatuses.some((status) =>
    p.includes(`Failed to load resource: the server responded with a status of ${status}`)));
  expect(problems, `console errors, page errors or failed requests (${who})`).toEqual([]);
  expect(await cspViolations(t.page), `CSP violations (${who})`).toEqual([]);
}
