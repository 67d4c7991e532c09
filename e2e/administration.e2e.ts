/**
 * The administration pages in real Chromium: an administrator creates an
 * institution with the keyboard, edits, retires and brings it back (its
 * record of changes shows each step), invites a person (the one-time link is
 * read from the outbox, the shared server has no SMTP), gives them a role,
 * deactivates them while they are signed in (their next request is a
 * visitor's), cannot deactivate the last administrator, and merges the
 * institution into another, whose history then shows the merge. Every page
 * passes axe and is read in es, en, fr and pt.
 *
 * The browser tests share one server and database: everything here is named
 * with a token unique to the run.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, tabTo, textOf } from './browser';
import { DEMO_PASSWORD, expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('administration of people and institutions', () => {
  it('creates, invites, gives roles, deactivates, protects the last administrator and merges', async () => {
    const admin = await openPage(browser, baseUrl);
    const invitee = await openPage(browser, baseUrl);
    try {
      const { page } = admin;
      await signIn(page, 'admin@demo.example.org');
      const me = await (await page.request.get('/api/v1/auth/me')).json();
      const csrf = { 'x-csrf-token': me.csrf_token as string };

      // 1. From the workspace to the institutions page.
      await page.goto('/en/workspace');
      await page.getByRole('region', { name: 'Administration' }).getByRole('link', { name: 'Institutions' }).click();
      await page.waitForURL(/\/en\/workspace\/institutions$/);
      await expectHeading(page, 'Institutions');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await expectNoSeriousAxeViolations(page, 'the institutions page');

      // An empty form says what is missing, next to the field, and moves there.
      const create = page.getByRole('region', { name: 'Create an institution' });
      await create.getByRole('button', { name: 'Create the institution' }).click();
      await create.getByRole('alert').first().waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('institution-new-institution-name-es');

      // 2. Created with the keyboard only: type, Tab to the next field, Enter submits.
      const name = `Dirección de Escuelas ${run}`;
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type(`Directorate of Schools ${run}`);
      await tabTo(page, page.getByLabel('Acronym'));
      await page.keyboard.type('DE');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('institution-new-branch');
      await page.keyboard.press('End'); // the last branch: subnational
      await page.keyboard.press('Tab');
      await page.keyboard.type('directorate');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/en\/workspace\/institutions\/\d+$/);
      await expectHeading(page, `Directorate of Schools ${run}`);
      await expectStatus(page, 'The institution is created.');
      const schools = Number(/(\d+)$/.exec(page.url())![1]);
      const stored = await (await page.request.get(`/api/v1/institutions/${schools}`)).json();
      expect(stored).toMatchObject({ names: { es: name, en: `Directorate of Schools ${run}` }, acronym: 'DE', branch: 'subnational', active: true });
      await expectNoSeriousAxeViolations(page, 'an institution page');

      // Edited (a Portuguese name), then retired and brought back; the record of changes shows each step.
      const edit = page.getByRole('region', { name: 'Edit' });
      await edit.locator(`#institution-${schools}-institution-name-pt`).fill(`Direção de Escolas ${run}`);
      await edit.getByRole('button', { name: 'Save' }).click();
      await expectStatus(page, 'The changes are saved.');
      await page.getByRole('button', { name: 'Retire this institution' }).click();
      await expectStatus(page, 'The institution is retired.');
      expect((await (await page.request.get(`/api/v1/institutions/${schools}`)).json())).toMatchObject({ active: false, names: { pt: `Direção de Escolas ${run}` } });
      await page.getByRole('button', { name: 'Bring this institution back' }).click();
      await expectStatus(page, 'The institution is active again.');
      const record = page.getByRole('region', { name: 'Record of changes' });
      await expect.poll(() => page.locator('.change-history li.change-entry').count(), { timeout: 10_000 }).toBe(4);
      expect(await textOf(record)).toContain('Created');

      // The institution that will remain after the merge, made through the API.
      const ministry = await page.request.post('/api/v1/institutions', { headers: csrf, data: { name: { en: `Ministry of Education ${run}` }, branch: 'executive' } });
      expect(ministry.status()).toBe(201);
      const ministryId = (await ministry.json()).id as number;

      // 3. Invite a person from the People page.
      await page.goto('/en/workspace');
      await page.getByRole('region', { name: 'Administration' }).getByRole('link', { name: 'People' }).click();
      await expectHeading(page, 'People');
      await expectNoSeriousAxeViolations(page, 'the people page');
      const email = `invitee.${run}@demo.example.org`;
      const invite = page.getByRole('region', { name: 'Invite a person' });
      await invite.getByLabel('Email', { exact: true }).fill(email);
      await invite.getByLabel('Full name').fill(`Invited ${run}`);
      await invite.getByLabel('Full name').press('Enter');
      await expectStatus(page, `Invitation sent to ${email}.`);

      const outbox = await (await page.request.get('/api/v1/admin/outbox')).json();
      const mail = (outbox.items as { to: string; text: string }[]).find((item) => item.to === email);
      expect(mail, `an email to ${email} in the outbox`).toBeDefined();
      const link = new URL(/https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail!.text)![0]);
      const password = `passphrase-${run}-long-enough`;
      await invitee.page.goto(`${link.pathname}${link.search}`);
      await invitee.page.getByLabel('New password', { exact: true }).fill(password);
      await invitee.page.getByLabel('Confirm the new password', { exact: true }).fill(password);
      await invitee.page.getByRole('button', { name: 'Save the password' }).click();
      await expectStatus(invitee.page, 'Your password has been saved.');
      await signIn(invitee.page, email, password);

      // 4. Found by the search filter; their page gives them a role.
      await page.getByLabel('Name or email').fill(`invitee.${run}`);
      const row = page.locator(`tr[data-person="${email}"]`);
      await row.waitFor();
      expect(await textOf(row)).toContain('No role');
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
      await row.getByRole('link', { name: `Invited ${run}` }).click();
      await expectHeading(page, `Invited ${run}`);
      expect(await textOf(page.locator('dl.detail-list'))).toMatch(/Last sign-in.*\d/);
      await page.getByLabel('Role', { exact: true }).selectOption('focal_point');
      await page.getByLabel('Institution', { exact: true }).selectOption(String(schools));
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('button', { name: 'Save the roles' }).click();
      await expectStatus(page, 'The roles are saved.');
      const invited = (await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).json()).items[0];
      expect(invited.memberships).toEqual([{ role: 'focal_point', institution_id: schools }]);
      await expectNoSeriousAxeViolations(page, 'a person page');
      // The role applies to the live session at once: the invitee's workspace shows the institution.
      await invitee.page.goto('/en/workspace');
      await invitee.page.getByRole('heading', { level: 2, name: new RegExp(`Directorate of Schools ${run}`) }).first().waitFor();

      // 5. Deactivated, the invitee's next request is a visitor's.
      await page.getByRole('button', { name: 'Deactivate this account' }).click();
      await expectStatus(page, 'The account is deactivated and its sessions have ended.');
      expect((await invitee.page.request.get('/api/v1/auth/me')).status()).toBe(401);
      await invitee.page.reload();
      await invitee.page.getByText('Sign in to open your workspace.').waitFor();

      // 6. The last active administrator cannot be deactivated: a clear message, nothing changes.
      const administrators = (await (await page.request.get('/api/v1/users?role=administrator&active=true')).json()).items;
      expect(administrators.map((u: { email: string }) => u.email)).toEqual(['admin@demo.example.org']);
      await page.goto(`/en/workspace/people/${me.user.id}`);
      await expectHeading(page, me.user.display_name);
      await page.getByRole('button', { name: 'Deactivate this account' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await textOf(refusal)).toContain('This is the last active administrator');
      expect((await page.request.get('/api/v1/auth/me')).status()).toBe(200);

      // 7. Merge the directorate into the ministry: the survivor's page says what moved and its history shows the merge.
      await page.goto(`/en/workspace/institutions/${schools}`);
      await expectHeading(page, `Directorate of Schools ${run}`);
      const merge = page.getByRole('region', { name: 'Merge into another institution' });
      await merge.getByRole('button', { name: 'Merge' }).click();
      await merge.getByRole('alert').first().waitFor();
      await merge.getByLabel('Institution that remains').selectOption(String(ministryId));
      await merge.getByRole('checkbox').check();
      await merge.getByRole('button', { name: 'Merge' }).click();
      await page.waitForURL(new RegExp(`/en/workspace/institutions/${ministryId}$`));
      await expectStatus(page, `Directorate of Schools ${run} was merged into this institution`);
      const history = page.getByRole('region', { name: 'Record of changes' });
      await expect.poll(() => textOf(history), { timeout: 10_000 }).toContain('Merged');
      const members = page.getByRole('region', { name: 'Members' });
      expect(await textOf(members)).toContain(`Invited ${run}`);
      await expectNoSeriousAxeViolations(page, 'the surviving institution');
      const gone = await (await page.request.get(`/api/v1/institutions/${schools}`)).json();
      expect(gone).toMatchObject({ active: false, merged_into_id: ministryId });
      // Retired, it takes no new assignment, with a message that says why.
      const refused = await page.request.post('/api/v1/assignments?locale=en', { headers: csrf, data: { institution_id: schools, responsibility: 'lead', recommendation_ids: [1] } });
      expect(refused.status()).toBe(400);
      expect((await refused.json()).message).toContain('retired');

      await expectNoProblems(admin, 'administrator', [400, 409]);
      await expectNoProblems(invitee, 'invited person', [401]);
    } finally {
      await admin.context.close();
      await invitee.context.close();
    }
  });

  it('reads the pages in Spanish, French and Portuguese', async () => {
    const t = await openPage(browser, baseUrl);
    try {
      await signIn(t.page, 'admin@demo.example.org', DEMO_PASSWORD);
      for (const [locale, people, institutions, invite] of [
        ['es', 'Personas', 'Instituciones', 'Invitar a una persona'],
        ['fr', 'Personnes', 'Institutions', 'Inviter une personne'],
        ['pt', 'Pessoas', 'Instituições', 'Convidar uma pessoa'],
      ]) {
        await t.page.goto(`/${locale}/workspace/people`);
        await expectHeading(t.page, people);
        await t.page.getByRole('heading', { level: 2, name: invite }).waitFor();
        await t.page.locator('tbody tr').first().waitFor();
        await t.page.goto(`/${locale}/workspace/institutions`);
        await expectHeading(t.page, institutions);
        await t.page.locator('tbody tr').first().waitFor();
      }
      await expectNoSeriousAxeViolations(t.page, 'the institutions page in Portuguese');
      await expectNoProblems(t, 'administrator');
    } finally {
      await t.context.close();
    }
  });
});
