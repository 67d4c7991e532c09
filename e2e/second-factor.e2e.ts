/**
 * The second factor in real Chromium: a new person turns it on from their
 * account page (the code computed here from the secret the page shows, as an
 * authenticator app would), sees the recovery codes once, signs out, and signs
 * in again with password and code. An administrator turns off the second
 * factor of a person who lost it, from the person's page, whose record of
 * changes then says so; the person signs in with the password alone. An
 * administrator requires the second factor on the settings page (with the
 * keyboard; refused until their own is on, which the page leads them to), and
 * a member of the secretariat is then led to set one up before anything else.
 * Axe finds nothing serious on the way.
 */
import { Secret, TOTP } from 'otpauth';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, cspViolations, expectNoSeriousAxeViolations, openPage, tabTo, textOf } from './browser';
import { apiCall, apiSignIn, DEMO_PASSWORD, expectHeading, expectNoProblems, expectStatus, signIn } from './journey';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

/** The code an authenticator app shows `offsetSeconds` from now. */
const codeOf = (secret: string, offsetSeconds = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), timestamp: Date.now() + offsetSeconds * 1000 });

/** A new account with a password, through the API: invited by the secretariat, password set with the emailed link. */
async function newPerson(email: string, password: string): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const signIn = async (who: string) => {
      const response = await context.request.post('/api/v1/auth/login', { data: { email: who, password: DEMO_PASSWORD } });
      expect(response.status()).toBe(200);
      return (await response.json()).csrf_token as string;
    };
    const csrf = await signIn('secretariat@demo.example.org');
    const invited = await context.request.post('/api/v1/users', { headers: { 'x-csrf-token': csrf }, data: { email, display_name: 'Second Factor (e2e)', locale: 'en' } });
    expect(invited.status(), await invited.text()).toBe(201);
    const adminCsrf = await signIn('admin@demo.example.org');
    const outbox = await (await context.request.get('/api/v1/admin/outbox')).json();
    const mail = (outbox.items as { to: string; text: string }[]).find((item) => item.to === email)!;
    const token = new URL(/https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)![0]).searchParams.get('token');
    const set = await context.request.post('/api/v1/auth/password-reset/confirm', { headers: { 'x-csrf-token': adminCsrf }, data: { token, password } });
    expect(set.status(), await set.text()).toBe(204);
  } finally {
    await context.close();
  }
}

/** Gives an account a staff role, as the demo administrator. */
async function grantStaffRole(email: string, role: 'secretariat' | 'administrator'): Promise<void> {
  const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
  const person = (await apiCall(baseUrl, 'GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { session: admin })).json.items[0];
  const granted = await apiCall(baseUrl, 'PUT', `/api/v1/users/${person.id}/roles`, { session: admin, body: { version: person.version, roles: [{ role, institution_id: null }] } });
  expect(granted.status, JSON.stringify(granted.json)).toBe(200);
}

/** Turns the second factor on from the account page, with the keyboard; answers the secret. */
/** Deactivates a person this file created: the other browser tests count the active administrators. */
async function deactivate(email: string): Promise<void> {
  const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
  const person = (await apiCall(baseUrl, 'GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { session: admin })).json.items[0];
  const done = await apiCall(baseUrl, 'PATCH', `/api/v1/users/${person.id}`, { session: admin, body: { active: false, version: person.version } });
  expect(done.status, JSON.stringify(done.json)).toBe(200);
}

async function turnOnFromAccountPage(page: Page): Promise<string> {
  const section = page.getByRole('region', { name: 'Second factor' });
  const turnOn = section.getByRole('button', { name: 'Turn on the second factor' });
  await turnOn.focus();
  await page.keyboard.press('Enter');
  const secret = (await textOf(section.locator('code.totp-secret'))).replace(/\s+/g, '');
  await section.getByLabel('Code from the app', { exact: true }).focus();
  await page.keyboard.type(codeOf(secret));
  await page.keyboard.press('Enter');
  await section.getByRole('heading', { name: 'The second factor is on' }).waitFor();
  return secret;
}

describe('second factor', () => {
  it('is turned on from the account page and asked for at the next sign-in', async () => {
    const email = `second.factor.${Date.now()}@demo.example.org`;
    const password = 'a-long-enough-passphrase-42';
    await newPerson(email, password);

    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await page.goto('/en/sign-in');
      await page.getByLabel('Email address', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/en\/account$/);
      await expectHeading(page, 'Your account');

      const section = page.getByRole('region', { name: 'Second factor' });
      await section.getByRole('button', { name: 'Turn on the second factor' }).click();
      const secretText = await textOf(section.locator('code.totp-secret'));
      expect(secretText.replace(/\s+/g, '')).toMatch(/^[A-Z2-7]{32}$/);
      expect(await section.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
      await expectNoSeriousAxeViolations(page, 'the second factor setup');

      await section.getByLabel('Code from the app', { exact: true }).fill('000000' === codeOf(secretText) ? '111111' : '000000');
      await section.getByRole('button', { name: 'Confirm and turn on' }).click();
      const alert = section.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toContain('The code is not correct');

      await section.getByLabel('Code from the app', { exact: true }).fill(codeOf(secretText));
      await section.getByRole('button', { name: 'Confirm and turn on' }).click();
      await section.getByRole('heading', { name: 'The second factor is on' }).waitFor();
      const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      expect(await codes.count()).toBe(10);
      await expectNoSeriousAxeViolations(page, 'the recovery codes');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/en\/sign-in$/);
      await page.getByLabel('Email address', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const code = page.getByLabel('Code', { exact: true });
      await code.waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-code');
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
      await expectNoSeriousAxeViolations(page, 'the code step of sign-in');

      // The code of the next 30-second step: the one that turned the factor on is spent, and a code is accepted once.
      await code.fill(codeOf(secretText, 30));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/en\/account$/);
      await expectHeading(page, 'Your account');
      expect(await textOf(page.getByRole('region', { name: 'Second factor' }))).toContain('10 recovery codes left');

      const problems = t.problems.filter((p) => !p.includes('the server responded with a status of 401'));
      expect(problems, 'console errors, page errors or failed requests').toEqual([]);
      expect(await cspViolations(page), 'CSP violations').toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('is turned off by an administrator for a person who lost it, and the person\'s history says so', async () => {
    const email = `lost.factor.${Date.now()}@demo.example.org`;
    const password = 'another-long-enough-passphrase-7';
    await newPerson(email, password);
    // The person turns it on through the API, as the account page does.
    const context = await browser.newContext({ baseURL: baseUrl });
    try {
      const login = await context.request.post('/api/v1/auth/login', { data: { email, password } });
      const csrf = { 'x-csrf-token': (await login.json()).csrf_token as string };
      const setup = await (await context.request.post('/api/v1/account/second-factor/setup', { headers: csrf })).json();
      const confirmed = await context.request.post('/api/v1/account/second-factor/confirm', { headers: csrf, data: { code: codeOf(setup.secret) } });
      expect(confirmed.status(), await confirmed.text()).toBe(200);
    } finally {
      await context.close();
    }

    const admin = await openPage(browser, baseUrl);
    const person = await openPage(browser, baseUrl);
    try {
      const { page } = admin;
      await signIn(page, 'admin@demo.example.org');
      const id = (await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).json()).items[0].id as number;
      await page.goto(`/en/workspace/people/${id}`);
      await expectHeading(page, 'Second Factor (e2e)');
      const section = page.getByRole('region', { name: 'Second factor' });
      expect(await textOf(section)).toContain('Turned on');
      await section.getByRole('button', { name: 'Turn off the second factor' }).click();
      await section.getByRole('button', { name: 'Yes, turn it off' }).click();
      await expectStatus(page, 'The second factor is turned off');
      await expect.poll(() => textOf(section)).toContain('Not turned on.');
      const history = page.getByRole('region', { name: 'Record of changes' });
      await expect.poll(() => textOf(history), { timeout: 10_000 }).toContain('Second factor turned off by an administrator');
      expect(await textOf(history)).toContain('Created');
      await expectNoSeriousAxeViolations(page, 'a person page with the second factor and the history');

      // The password alone now signs the person in.
      await signIn(person.page, email, password);
      await expectHeading(person.page, 'Your account');
      await expectNoProblems(admin, 'administrator');
      await expectNoProblems(person, 'person');
    } finally {
      await admin.context.close();
      await person.context.close();
    }
  });

  it('is required by an administrator on the settings page, once their own is on, and a secretariat member is then led to set one up', async () => {
    const stamp = Date.now();
    const adminEmail = `requiring.admin.${stamp}@demo.example.org`;
    const staffEmail = `required.secretariat.${stamp}@demo.example.org`;
    const password = 'a-third-long-enough-passphrase-9';
    await newPerson(adminEmail, password);
    await newPerson(staffEmail, password);
    await grantStaffRole(adminEmail, 'administrator');
    await grantStaffRole(staffEmail, 'secretariat');

    const admin = await openPage(browser, baseUrl);
    const staff = await openPage(browser, baseUrl);
    let required = false;
    try {
      const { page } = admin;
      await signIn(page, adminEmail, password);
      await page.goto('/en/workspace/settings');
      await expectHeading(page, 'Settings of the instance');
      const box = page.getByLabel('Require a second factor (an authenticator app code) of the secretariat and administrators');
      expect(await box.isChecked()).toBe(false);
      const hint = page.locator('#settings-second-factor-hint');
      expect(await textOf(hint)).toContain('You have no second factor yet: turn yours on before requiring one.');

      // Without a second factor of their own, the requirement is refused next to the box, and nothing is saved.
      await page.getByLabel('Address of the licence text').focus();
      await tabTo(page, box);
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      await tabTo(page, page.getByRole('button', { name: 'Save the settings' }));
      await page.keyboard.press('Enter');
      const error = page.locator('#settings-second-factor-error');
      await error.waitFor();
      expect(await textOf(error)).toContain('Turn on your own second factor on your account page before requiring one');
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxeViolations(page, 'the settings page refusing the requirement');

      // The hint leads to the account page; back on the settings page with a second factor, the requirement is saved.
      await hint.getByRole('link', { name: 'Your account' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/en\/account$/);
      await turnOnFromAccountPage(page);
      await page.goto('/en/workspace/settings');
      await expectHeading(page, 'Settings of the instance');
      expect(await textOf(hint)).not.toContain('You have no second factor yet');
      await page.getByLabel('Address of the licence text').focus();
      await tabTo(page, box);
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Save the settings' }));
      required = true; // from here on, put back whatever happens
      await page.keyboard.press('Enter');
      await expectStatus(page, 'The settings were saved');
      await expectNoSeriousAxeViolations(page, 'the settings page with the requirement saved');

      // A member of the secretariat without a second factor: signing in leads to the account page, which asks for it first.
      const other = staff.page;
      await signIn(other, staffEmail, password);
      await expectHeading(other, 'Your account');
      const section = other.getByRole('region', { name: 'Second factor' });
      expect(await textOf(section.getByRole('alert'))).toContain('This instance requires a second factor for your role: turn it on before anything else.');
      expect((await other.request.get('/api/v1/users')).status()).toBe(403);
      await expectNoSeriousAxeViolations(other, 'the account page asking for the second factor');
      await turnOnFromAccountPage(other);
      expect((await other.request.get('/api/v1/users')).status()).toBe(200);
      await other.goto('/en/workspace/people');
      await other.getByRole('heading', { level: 1 }).waitFor();
      expect(await textOf(other.locator('h1'))).not.toBe('');
      await expectNoProblems(staff, 'secretariat', [403]);
      await expectNoProblems(admin, 'administrator', [400]);
    } finally {
      if (required) {
        // Instance configuration shared with the other browser tests: back to not required.
        const csrf = (await (await admin.page.request.get('/api/v1/auth/me')).json()).csrf_token as string;
        const current = await (await admin.page.request.get('/api/v1/admin/settings')).json();
        const { version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology,
          open_data_licence, network_publish, network_hub_url } = current;
        const restored = await admin.page.request.put('/api/v1/admin/settings', { headers: { 'x-csrf-token': csrf }, data: {
          version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology,
          open_data_licence, second_factor_required: false, network_publish, network_hub_url,
        } });
        expect(restored.status(), await restored.text()).toBe(200);
      }
      await admin.context.close();
      await staff.context.close();
      await deactivate(adminEmail);
      await deactivate(staffEmail);
    }
  });
});
