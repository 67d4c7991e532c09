/**
 * A new instance going live, in real Chromium, as a government would set it
 * up: the server starts on an empty data directory without demo data and says
 * how to create the first administrator; `npm run admin:create` (a real
 * process, attached to the running server's embedded database) prints a
 * one-time link that sets the password; the administrator names the
 * instance, uploads its logo, chooses its languages, creates an institution
 * and invites a focal point and a validator, whose emails travel over a real
 * SMTP receiver. Each sets a password and finds an empty queue. The
 * administrator, who also takes the secretariat role, imports a file and
 * assigns one of its recommendations; the focal point then finds it in the
 * queue.
 *
 * This file runs its own server: the shared one carries demo data.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../server/test/images';
import { mailText, startSmtpReceiver } from '../server/test/smtp';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, type TestPage } from './browser';
import { expectHeading, expectNoProblems, expectStatus, signIn } from './journey';
import { ROOT, startServer, type RunningServer } from './server';

const run = Date.now().toString(36);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-fresh-'));
const ADMIN = `coordinacion.${run}@ministerio.example.org`;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let server: RunningServer;
let browser: Browser;
const pages: TestPage[] = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ env: { SEED_DEMO: 'false', DATA_DIR: dataDir, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const t of pages) await t.context.close();
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm run admin:create` as an operator would type it, against the running server's data directory. */
function adminCreate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const port = new URL(server.baseUrl).port;
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'admin:create', '--', ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: port, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, timeout: 120_000,
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

/** The path and query of the first link to the password page in `text`. */
function passwordLink(text: string): string {
  const found = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(text);
  expect(found, `a password link in:\n${text}`).not.toBeNull();
  const link = new URL(found![0]);
  expect(link.origin).toBe(server.baseUrl);
  return `${link.pathname}${link.search}`;
}

/** Opens the one-time link, chooses the password and signs in with it. */
async function choosePassword(page: Page, link: string, email: string, password: string) {
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm the new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Save the password' }).click();
  await expectStatus(page, 'Your password has been saved.');
  await signIn(page, email, password);
}

async function newPage(): Promise<TestPage> {
  const t = await openPage(browser, server.baseUrl);
  pages.push(t);
  return t;
}

describe('a fresh instance without demo data', () => {
  it('goes from the first administrator to a recommendation in a focal point\'s queue', async () => {
    // 1. The console says how to create the first administrator; nobody can sign in, the catalogue is empty.
    expect(server.output()).toContain('npm run admin:create -- --email');
    expect(server.output()).not.toContain('demo logins');
    const catalogue = await (await fetch(`${server.baseUrl}/api/v1/recommendations`)).json();
    expect(catalogue.total).toBe(0);

    // 2. admin:create, as a process, while the server runs.
    const created = await adminCreate(['--email', ADMIN, '--name', 'Coordinación Nacional', '--locale', 'en']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`administrator ${ADMIN} created.`);
    const again = await adminCreate(['--email', ADMIN]);
    expect(again.code, 'the same address a second time').toBe(1);

    const admin = await newPage();
    const adminPassword = `first administrator ${run}`;
    await choosePassword(admin.page, passwordLink(created.stdout), ADMIN, adminPassword);
    const page = admin.page;

    // 3. The instance's name, logo and languages.
    await page.goto('/en/workspace/settings');
    await expectHeading(page, 'Settings of the instance');
    const instanceName = `Seguimiento de Recomendaciones ${run}`;
    await page.locator('#settings-name-es').fill(instanceName);
    await page.locator('#settings-name-en').fill(`Recommendation Follow-up ${run}`);
    await page.locator('#settings-interface-fr').uncheck();
    await page.locator('#settings-interface-pt').uncheck();
    await page.locator('#settings-interface-ar').uncheck();
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expectStatus(page, 'The settings were saved.');
    await page.getByLabel('New logo').setInputFiles({ name: 'escudo.png', mimeType: 'image/png', buffer: png(200, 80) });
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await expectStatus(page, 'The logo was saved.');
    const settings = await (await fetch(`${server.baseUrl}/api/v1/settings`)).json();
    expect(settings).toMatchObject({ name: { es: instanceName }, interface_languages: ['es', 'en'], logo: { media_type: 'image/png' } });

    // 4. An institution.
    await page.goto('/en/workspace/institutions');
    await expectHeading(page, 'Institutions');
    const create = page.getByRole('region', { name: 'Create an institution' });
    const institution = `Ministry of Education ${run}`;
    await create.locator('#institution-new-institution-name-es').fill(`Ministerio de Educación ${run}`);
    await create.locator('#institution-new-institution-name-en').fill(institution);
    await create.getByLabel('Acronym').fill('MEC');
    await create.locator('#institution-new-branch').selectOption('executive');
    await create.getByRole('button', { name: 'Create the institution' }).click();
    await page.waitForURL(/\/en\/workspace\/institutions\/\d+$/);
    await expectHeading(page, institution);
    const institutionId = Number(/(\d+)$/.exec(page.url())![1]);

    // 5. A focal point and a validator, invited by email (over SMTP) and given their role in the institution.
    const people = [
      { email: `enlace.${run}@mec.example.org`, name: `Enlace ${run}`, role: 'focal_point' },
      { email: `validacion.${run}@mec.example.org`, name: `Validación ${run}`, role: 'validator' },
    ];
    const links = new Map<string, string>();
    for (const person of people) {
      await page.goto('/en/workspace/people');
      await expectHeading(page, 'People');
      const invite = page.getByRole('region', { name: 'Invite a person' });
      const mail = smtp.next(30_000);
      await invite.getByLabel('Email', { exact: true }).fill(person.email);
      await invite.getByLabel('Full name').fill(person.name);
      await invite.getByLabel('Full name').press('Enter');
      await expectStatus(page, `Invitation sent to ${person.email}.`);
      const received = await mail;
      expect(received.to).toEqual([person.email]);
      links.set(person.email, passwordLink(mailText(received.raw)));

      await page.getByLabel('Name or email').fill(person.email);
      await page.locator(`tr[data-person="${person.email}"]`).getByRole('link', { name: person.name }).click();
      await expectHeading(page, person.name);
      await page.getByLabel('Role', { exact: true }).selectOption(person.role);
      await page.getByLabel('Institution', { exact: true }).selectOption(String(institutionId));
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Save the roles' }).click();
      await expectStatus(page, 'The roles are saved.');
    }

    // 6. Each sets a password and finds an empty workspace.
    const focal = await newPage();
    await choosePassword(focal.page, links.get(people[0].email)!, people[0].email, `focal point ${run} passphrase`);
    await focal.page.goto('/en/workspace');
    const queue = focal.page.getByRole('region', { name: `Focal point: ${institution} (MEC)` });
    await expect.poll(() => textOf(queue), { timeout: 15_000 }).toContain('No recommendation is assigned to this institution yet.');
    await expectNoSeriousAxeViolations(focal.page, 'an empty focal point workspace');

    const validator = await newPage();
    await choosePassword(validator.page, links.get(people[1].email)!, people[1].email, `validator ${run} passphrase`);
    await validator.page.goto('/en/workspace');
    const validation = validator.page.getByRole('region', { name: `Validation: ${institution} (MEC)` });
    await expect.poll(() => textOf(validation), { timeout: 15_000 }).toContain('Nothing is waiting for you.');

    // 7. The administrator takes the secretariat role too (a small NMIRF's coordinator holds both).
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    await page.goto(`/en/workspace/people/${me.user.id}`);
    await expectHeading(page, 'Coordinación Nacional');
    await page.getByLabel('Role', { exact: true }).selectOption('secretariat');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Save the roles' }).click();
    await expectStatus(page, 'The roles are saved.');

    // 8. The secretariat imports a file of recommendations.
    const token = `zqxfresh${run}`;
    const csv = path.join(dataDir, `recommendations-${run}.csv`);
    fs.writeFileSync(csv, [
      'mechanism,country,language,date,paragraph,symbol,text',
      `UPR,PRY,es,2024-01-15,90.1,A/HRC/99/5,"Garantizar la educación inclusiva en las zonas rurales ${token}"`,
      `UPR,PRY,es,2024-01-15,90.2,A/HRC/99/5,"Formar a los docentes en derechos humanos ${token}"`,
      '',
    ].join('\n'));
    await page.goto('/en/workspace/import');
    await expectHeading(page, 'Import recommendations');
    await page.getByLabel('File', { exact: true }).setInputFiles(csv);
    await page.getByLabel('Dry run: check the file without writing anything').uncheck();
    await page.getByRole('button', { name: 'Import the file' }).click();
    const result = page.getByRole('region', { name: `Result for recommendations-${run}.csv` });
    await expect.poll(() => textOf(result), { timeout: 30_000 }).toContain('The file was imported.');
    expect(await textOf(result.locator('.stat-list > div').filter({ has: page.getByText('New', { exact: true }) }).locator('dd'))).toBe('2');

    // 9. ... finds one through the search and assigns it to the institution.
    const found = await (await fetch(`${server.baseUrl}/api/v1/recommendations?q=${encodeURIComponent(`inclusiva ${token}`)}`)).json();
    expect(found.total).toBe(1);
    const recommendationId = found.items[0].id as number;
    await page.goto(`/en/recommendations/${recommendationId}`);
    const form = page.locator('form.assign-form');
    await expect.poll(() => form.locator('#assign-institution option').count(), { timeout: 15_000 }).toBe(2);
    await form.locator('#assign-institution').selectOption(String(institutionId));
    await form.locator('button[type=submit]').click();
    await expectStatus(page, `Assigned to ${institution}`);

    // 10. The focal point finds it in the queue.
    await focal.page.reload();
    await expect.poll(() => textOf(queue), { timeout: 15_000 }).toContain('inclusiva');
    expect(await textOf(queue)).toContain('Assigned: 1');
    expect(await textOf(queue)).not.toContain('Formar a los docentes');

    // The public pages carry the instance's name and logo.
    const visitor = await newPage();
    await visitor.page.goto('/es/recommendations');
    await expect.poll(() => textOf(visitor.page.locator('.brand-name'))).toBe(instanceName);
    expect(await visitor.page.locator('.brand-name img').getAttribute('src')).toBe(settings.logo.url);

    for (const [t, who] of [[admin, 'administrator'], [focal, 'focal point'], [validator, 'validator'], [visitor, 'visitor']] as const) {
      await expectNoProblems(t, who);
    }
  });
});
