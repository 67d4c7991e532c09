/**
 * What the browser journeys share: the demo password, signing in through the
 * sign-in page, the checks each step makes (the page's heading, its polite
 * status message, nothing went wrong on the page), and calls to the API for
 * the steps a journey sets up rather than shows.
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

export interface ApiSession { cookie: string; csrf: string }

/** A JSON call to the server at `baseUrl`, as `session` (cookie and CSRF token) or as a visitor. */
export async function apiCall(baseUrl: string, method: string, path: string, options: { body?: unknown; session?: ApiSession } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) Object.assign(headers, { cookie: options.session.cookie, 'x-csrf-token': options.session.csrf });
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

export async function apiSignIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  expect(response.status, `sign-in of ${email}`).toBe(200);
  return { cookie: String(response.headers.get('set-cookie')).split(';')[0], csrf: (await response.json()).csrf_token };
}

/** The organisation-confirmation link of the latest email to `address`, read from the outbox as the administrator. */
export async function confirmationPath(baseUrl: string, address: string): Promise<string> {
  const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
  const outbox = await apiCall(baseUrl, 'GET', '/api/v1/admin/outbox', { session: admin });
  const mail = outbox.json.items.find((item: { to: string }) => item.to === address);
  expect(mail, `a confirmation email to ${address}`).toBeDefined();
  const link = new URL(/https?:\/\/\S+\/organisations\/confirm\?token=\S+/.exec(mail.text)![0]);
  return `${link.pathname}${link.search}`;
}
