/**
 * Signing in and out, invitations and password resets in real Chromium
 * against the real server and its demo accounts (server/db/seeds/demo.ts:
 * every demo login shares the password below; mail stays in the outbox).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, cspViolations, expectNoSeriousAxeViolations, openPage, textOf, type TestPage } from './browser';
import { DEMO_PASSWORD, expectHeading } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

/**
 * Runs `fn` on a fresh page, then checks that no console error, page error,
 * failed request or CSP violation happened, except Chromium's console line
 * for API error answers with one of `expectedStatuses`.
 */
async function withPage(fn: (t: TestPage) => Promise<void>, expectedStatuses: number[] = []) {
  const t = await openPage(browser, baseUrl);
  try {
    await fn(t);
    const problems = t.problems.filter((p) => !expectedStatuses.some((status) =>
      p.includes(`Failed to load resource: the server responded with a status of ${status}`)));
    expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    expect(await cspViolations(t.page), 'CSP violations').toEqual([]);
  } finally {
    await t.close();
  }
}

async function signInThroughPage(page: Page, email: string, password: string) {
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('account journey', () => {
  it('invites a person, who chooses a password through the emailed link, signs in and out', async () => {
    const newEmail = `new.person.${Date.now()}@demo.example.org`;
    const newPassword = 'a-long-enough-passphrase-42';

    // The secretariat signs in through the page and invites someone through the API, in the same browser.
    await withPage(async ({ page }) => {
      await page.goto('/en/recommendations');
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/\/en\/sign-in$/);
      await expectHeading(page, 'Sign in');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await signInThroughPage(page, 'secretariat@demo.example.org', DEMO_PASSWORD);
      await page.waitForURL(/\/en\/account$/);
      await expectHeading(page, 'Your account');
      const details = await textOf(page.locator('dl.account-details'));
      expect(details).toContain('secretariat@demo.example.org');
      expect(details).toContain('Secretaría (demo)');
      expect(details).toContain('Secretariat');
      // The header now names the person.
      expect(await textOf(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /Your account/ }))).toContain('Secretaría (demo)');

      const me = await (await page.request.get('/api/v1/auth/me')).json();
      const invited = await page.request.post('/api/v1/users', {
        headers: { 'x-csrf-token': me.csrf_token },
        data: { email: newEmail, display_name: 'New Person (e2e)', locale: 'en' },
      });
      expect(invited.status(), await invited.text()).toBe(201);
    });

    // An administrator reads the outbox, in a browser context of their own.
    const admin = await browser.newContext({ baseURL: baseUrl });
    let linkPath: string;
    try {
      const signedIn = await admin.request.post('/api/v1/auth/login', {
        data: { email: 'admin@demo.example.org', password: DEMO_PASSWORD },
      });
      expect(signedIn.status()).toBe(200);
      const outbox = await (await admin.request.get('/api/v1/admin/outbox')).json();
      const mail = (outbox.items as { to: string; text: string }[]).find((item) => item.to === newEmail);
      expect(mail, `an email to ${newEmail} in the outbox`).toBeDefined();
      const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail!.text)?.[0];
      expect(link, mail!.text).toBeDefined();
      const url = new URL(link!);
      linkPath = `${url.pathname}${url.search}`;
      expect(linkPath).toMatch(/^\/en\/reset-password\?token=/);
    } finally {
      await admin.close();
    }

    // The new person follows the link, chooses a password, signs in and out.
    await withPage(async ({ page }) => {
      await page.goto(linkPath);
      await expectHeading(page, 'Choose a new password');
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm the new password', { exact: true }).fill(`${newPassword}x`);
      await page.getByRole('button', { name: 'Save the password' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toContain('The two passwords do not match.');
      expect(await page.getByLabel('Confirm the new password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Confirm the new password', { exact: true }).fill(newPassword);
      await page.getByRole('button', { name: 'Save the password' }).click();
      const done = page.getByRole('status');
      await done.waitFor();
      expect(await textOf(done)).toContain('Your password has been saved.');
      await page.locator('main').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/\/en\/sign-in$/);

      await signInThroughPage(page, newEmail, newPassword);
      await page.waitForURL(/\/en\/account$/);
      await expectHeading(page, 'Your account');
      const details = await textOf(page.locator('dl.account-details'));
      expect(details).toContain(newEmail);
      expect(details).toContain('New Person (e2e)');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/en\/sign-in$/);
      await expectHeading(page, 'Sign in');
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
    });
  });

  it('shows the API message in Spanish for a wrong password', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/sign-in');
      await expectHeading(page, 'Iniciar sesión');
      await page.getByLabel('Correo electrónico', { exact: true }).fill('focal.mec@demo.example.org');
      await page.getByLabel('Contraseña', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toContain('La dirección de correo o la contraseña no son correctas.');
      expect(page.url()).toMatch(/\/es\/sign-in$/);
    }, [401]);
  });

  it('checks the new password on the page and explains a missing token', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/en/reset-password?token=whatever');
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('Confirm the new password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Save the password' }).click();
      await page.getByRole('alert').waitFor();
      expect(await textOf(page.getByRole('alert'))).toContain('at least 12 characters');
      await page.goto('/en/reset-password');
      await expectHeading(page, 'Choose a new password');
      expect(await textOf(page.locator('main'))).toContain('This page needs the link from the email');
      expect(await page.getByLabel('New password').count()).toBe(0);
    });
  });
});

describe.each(['es', 'en'])('axe on the account pages in %s', (locale) => {
  it('sign-in, forgot-password and reset-password have no serious or critical violations', async () => {
    await withPage(async ({ page }) => {
      for (const path of ['sign-in', 'forgot-password', 'reset-password?token=abc', 'reset-password']) {
        await page.goto(`/${locale}/${path}`);
        await page.locator('h1').waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoSeriousAxeViolations(page, `${path} (${locale})`);
      }
      // The answer after asking for a link.
      await page.goto(`/${locale}/forgot-password`);
      await page.locator('input[type="email"]').fill(`nobody.${locale}@example.org`);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('status').waitFor();
      await expectNoSeriousAxeViolations(page, `forgot-password, link sent (${locale})`);
    });
  });

  it('the account page has no serious or critical violations, signed in or not', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`/${locale}/account`);
      await page.locator('main a[href$="/sign-in"]').waitFor();
      await expectNoSeriousAxeViolations(page, `account, not signed in (${locale})`);
      const signedIn = await page.request.post('/api/v1/auth/login', {
        data: { email: 'focal.mujer@demo.example.org', password: DEMO_PASSWORD },
      });
      expect(signedIn.status()).toBe(200);
      await page.goto(`/${locale}/account`);
      await page.locator('dl.account-details').waitFor();
      await expectNoSeriousAxeViolations(page, `account, signed in (${locale})`);
    }, [401]);
  });
});
