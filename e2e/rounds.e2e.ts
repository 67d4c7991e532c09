/**
 * Reporting rounds, the web import, implementation status and history tabs in
 * real Chromium, each person in a browser context of their own.
 *
 * The browser tests share one server and database: this file makes its own
 * assignments, reports and files (named with a token unique to the run), and
 * compares the dashboard's numbers with what the API says at the same moment
 * and with their change after the test's own report, never with fixed totals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, waitForResults } from './browser';
import { DEMO_PASSWORD, expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
let browser: Browser;
let tmpDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-rounds-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

type Session = { csrf_token: string; user: { memberships: { role: string; institution_id: number | null }[] } };

/** Signs a context in through the API only (no page will sign in on it). */
async function apiLogin(request: APIRequestContext, email: string) {
  const response = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return (await response.json()) as Session;
}

/** The session of a context signed in through the page: its CSRF token and memberships, for the calls the test makes itself. */
async function me(request: APIRequestContext) {
  const response = await request.get('/api/v1/auth/me');
  expect(response.status()).toBe(200);
  return (await response.json()) as Session;
}

/** The numbers of one institution's row of the dashboard table. */
async function dashboardRow(page: Page, institutionId: number) {
  const row = page.locator(`tr[data-institution="${institutionId}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  const number = (text: string) => Number(text.replace(/\D/g, ''));
  return { owed: number(cells[0]), submitted: number(cells[1]), validated: number(cells[2]), text: await textOf(row) };
}

describe('reporting rounds', () => {
  it('opens a UPR round, shows the MEC what it owes, counts its report on the dashboard, keeps a history and closes', async () => {
    const secretariat = await openPage(browser, baseUrl);
    const focal = await openPage(browser, baseUrl);
    try {
      await signIn(secretariat.page, 'secretariat@demo.example.org');
      await signIn(focal.page, 'focal.mec@demo.example.org');
      const staff = await me(secretariat.page.request);
      const mec = (await me(focal.page.request)).user.memberships.find((m) => m.role === 'focal_point')!.institution_id!;

      // Two UPR recommendations assigned to the MEC by this test (assigning again only updates).
      const found = await (await fetch(`${baseUrl}/api/v1/recommendations?mechanism=UPR&sort=date_asc&page_size=10`)).json();
      const upr = (found.items as { id: number }[]).map((item) => item.id);
      expect(upr.length).toBeGreaterThanOrEqual(2);
      const assigned = await secretariat.page.request.post('/api/v1/assignments', {
        headers: { 'x-csrf-token': staff.csrf_token },
        data: { institution_id: mec, responsibility: 'co_responsible', recommendation_ids: upr },
      });
      expect(assigned.status(), await assigned.text()).toBe(200);

      // 1. The secretariat opens the round from the Rounds page, scoped to the UPR.
      const title = `UPR follow-up ${run}`;
      let roundId: number;
      {
        const { page } = secretariat;
        await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Reporting rounds' }).click();
        await page.waitForURL(/\/en\/workspace\/rounds$/);
        await expectHeading(page, 'Reporting rounds');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

        const form = page.getByRole('form', { name: 'Open a round' });
        // An empty form says what is missing and moves to the first field in error.
        await form.getByRole('button', { name: 'Open the round' }).click();
        await form.getByRole('alert').first().waitFor();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('round-title-es');
        expect(await form.getByLabel('Due date', { exact: true }).getAttribute('aria-invalid')).toBe('true');

        await form.getByRole('group', { name: 'Title of the round' }).getByLabel('English').fill(title);
        await form.getByLabel('Universal Periodic Review (UPR)').check();
        await form.getByLabel('Due date', { exact: true }).fill('2030-12-31');
        await form.getByLabel('Reminders (days before the due date)').fill('30, 7');
        await form.getByRole('button', { name: 'Open the round' }).click();
        await page.waitForURL(/\/en\/workspace\/rounds\/\d+$/);
        roundId = Number(new URL(page.url()).pathname.split('/').pop());
        await expectHeading(page, title);
        await expectStatus(page, 'The round was opened.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('Mechanisms: UPR');
      }

      // 2. The dashboard shows the MEC, with what the API says it owes at this moment.
      const reportsDue = async () => {
        const response = await focal.page.request.get(`/api/v1/rounds/${roundId}/institutions/${mec}`);
        expect(response.status()).toBe(200);
        return (await response.json()) as { items: { recommendation_id: number; submitted: boolean }[] };
      };
      const owed = await reportsDue();
      for (const id of upr) expect(owed.items.map((item) => item.recommendation_id)).toContain(id);
      const before = await dashboardRow(secretariat.page, mec);
      expect(before.owed).toBe(owed.items.length);
      expect(before.submitted).toBe(owed.items.filter((item) => item.submitted).length);
      expect(before.text).toContain('Ministry of Education and Sciences');
      await expectNoSeriousAxeViolations(secretariat.page, 'a round dashboard');

      // One of the test's recommendations with nothing submitted yet, to report on.
      const target = owed.items.find((item) => upr.includes(item.recommendation_id) && !item.submitted);
      expect(target, 'a UPR recommendation of the MEC without a report in this round').toBeDefined();
      const recId = target!.recommendation_id;

      // 3. The focal point sees the round and what the MEC owes on the workspace home, with a link to report.
      {
        const { page } = focal;
        await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Workspace' }).click();
        await page.waitForURL(/\/en\/workspace$/);
        const round = page.locator(`.round-reports-due[data-round="${roundId}"]`);
        await round.locator('.queue-item').first().waitFor();
        expect(await textOf(round.locator('h4'))).toBe(title);
        expect(await textOf(round)).toContain(`Owed: ${owed.items.length}`);
        const item = round.locator('li.queue-item', { has: page.locator(`a[href="/en/recommendations/${recId}"]`) });
        expect(await textOf(item)).toContain('To report');
        await item.getByRole('link', { name: /^Report an action/ }).click();
        await page.waitForURL(/\/en\/workspace\/actions\/new\?/);
        await expectHeading(page, 'Report an action');
        await expect.poll(() => page.locator(`.check-list input[type="checkbox"]:checked`).count()).toBe(1);
      }

      // 4. The MEC reports (created, changed, submitted through the API); the dashboard counts it.
      const headers = { 'x-csrf-token': (await me(focal.page.request)).csrf_token };
      const created = await focal.page.request.post('/api/v1/actions', {
        headers,
        data: {
          institution_id: mec, title: { en: `Round report ${run}` }, original_language: 'en',
          action_type: 'programme', reach: 'structural', progress: 10, recommendation_ids: [recId],
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const action = await created.json();
      const changed = await focal.page.request.patch(`/api/v1/actions/${action.id}`, { headers, data: { version: action.version, progress: 30 } });
      expect(changed.status(), await changed.text()).toBe(200);
      const submitted = await focal.page.request.post(`/api/v1/actions/${action.id}/submit`, { headers, data: { version: (await changed.json()).version } });
      expect(submitted.status(), await submitted.text()).toBe(200);

      await secretariat.page.reload();
      await expectHeading(secretariat.page, title);
      const after = await dashboardRow(secretariat.page, mec);
      expect(after.owed).toBe(before.owed);
      expect(after.submitted).toBe(before.submitted + 1);

      // 5. The action's record of changes shows who changed what, newest first.
      {
        const { page } = focal;
        await page.goto(`/en/workspace/actions/${action.id}`);
        const history = page.getByRole('region', { name: 'Record of changes' });
        await history.locator('li').first().waitFor();
        const entries = await history.locator('li.change-entry').allTextContents();
        expect(entries[0]).toContain('Submitted for validation');
        expect(entries[0]).toContain('Punto focal MEC');
        // The move names the states in the reader's language, and nothing empty on both sides (no comment was given).
        expect(entries[0]).toContain('State: from “Draft” to “Submitted for validation”');
        expect(entries.join('\n')).not.toMatch(/“\(empty\)” to “\(empty\)”|“draft”|“submitted”/);
        const change = entries.find((entry) => entry.includes('Changed'));
        expect(change).toContain('Progress: from “10” to “30”');
        expect(entries.at(-1)).toContain('Created');
        await expectNoSeriousAxeViolations(page, 'an action report with its change history');
      }

      // 6. The secretariat closes the round; its history says so.
      {
        const { page } = secretariat;
        await page.getByRole('button', { name: 'Close the round' }).click();
        await expectStatus(page, 'The round was closed.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('Closed');
        const history = page.getByRole('region', { name: 'Record of changes' });
        await expect.poll(() => textOf(history)).toContain('Closed: from “no” to “yes”');
        expect(await page.getByRole('button', { name: 'Reopen the round' }).count()).toBe(1);
      }

      // A closed round is no longer on the focal point's home.
      await focal.page.goto('/en/workspace');
      await focal.page.locator('li.queue-item').first().waitFor();
      expect(await focal.page.locator(`.round-reports-due[data-round="${roundId}"]`).count()).toBe(0);

      await expectNoProblems(secretariat, 'secretariat');
      await expectNoProblems(focal, 'focal point');
    } finally {
      await Promise.all([secretariat.close(), focal.close()]);
    }
  });

  it('marks an overdue institution in words, not only by colour', async () => {
    const t = await openPage(browser, baseUrl);
    try {
      const staff = await apiLogin(t.page.request, 'secretariat@demo.example.org');
      const focal = await browser.newContext({ baseURL: baseUrl });
      const mec = (await apiLogin(focal.request, 'focal.mec@demo.example.org')).user.memberships
        .find((m) => m.role === 'focal_point')!.institution_id!;
      await focal.close();
      // A recommendation of the test's own, assigned to the MEC, in a round already past due.
      const found = await (await fetch(`${baseUrl}/api/v1/recommendations?mechanism=UPR&sort=date_desc&page_size=1`)).json();
      const recId = found.items[0].id as number;
      await t.page.request.post('/api/v1/assignments', {
        headers: { 'x-csrf-token': staff.csrf_token },
        data: { institution_id: mec, responsibility: 'lead', recommendation_ids: [recId] },
      });
      const round = await t.page.request.post('/api/v1/rounds', {
        headers: { 'x-csrf-token': staff.csrf_token },
        data: {
          title: { es: `Ronda vencida ${run}` }, scope: { mechanisms: ['UPR'], recommendation_ids: [recId], institution_ids: [mec] },
          opens_on: '2020-01-01', due_on: '2020-06-30',
        },
      });
      expect(round.status(), await round.text()).toBe(201);
      const { id, version } = await round.json();
      const reportsDue = await (await t.page.request.get(`/api/v1/rounds/${id}/institutions/${mec}`)).json();
      await t.context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
      await t.page.goto(`/en/workspace/rounds/${id}`);
      const row = await dashboardRow(t.page, mec);
      expect(row.owed).toBe(1);
      if (reportsDue.items[0].submitted) {
        expect(row.text).not.toContain('Overdue');
      } else {
        expect(row.text).toContain('Overdue');
        expect(await t.page.locator(`tr[data-institution="${mec}"]`).getAttribute('class')).toContain('row-overdue');
      }
      // The institution's page lists it, recommendation by recommendation.
      await t.page.locator(`tr[data-institution="${mec}"] a`).click();
      await t.page.waitForURL(new RegExp(`/en/workspace/rounds/${id}/institutions/${mec}$`));
      await expectHeading(t.page, 'What MEC owes');
      expect(await t.page.locator(`a[href="/en/recommendations/${recId}"]`).count()).toBe(1);
      // Closed again, so that other tests' workspaces do not carry it.
      await t.page.request.patch(`/api/v1/rounds/${id}`, { headers: { 'x-csrf-token': staff.csrf_token }, data: { version, closed: true } });
      await expectNoProblems(t, 'secretariat');
    } finally {
      await t.close();
    }
  });
});

describe('web import', () => {
  it('checks a CSV with a dry run, imports it, finds it through the search, and explains a refused file', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    const token = `zqximport${run}`;
    const csv = path.join(tmpDir, `import-${run}.csv`);
    fs.writeFileSync(csv, [
      'mechanism,country,language,date,paragraph,symbol,text',
      `UPR,PRY,es,2024-01-15,80.1,A/HRC/99/1,"Garantizar el acceso a la justicia de las comunidades rurales ${token}"`,
      '',
    ].join('\n'));
    const bad = path.join(tmpDir, `bad-${run}.csv`);
    fs.writeFileSync(bad, 'nothing,useful\n1,2\n');
    try {
      await signIn(page, 'secretariat@demo.example.org');
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Import' }).click();
      await page.waitForURL(/\/en\/workspace\/import$/);
      await expectHeading(page, 'Import recommendations');

      // Nothing chosen: the file field says so.
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByText('Choose a file to import.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-file');

      // A dry run (the default) reports without writing.
      expect(await page.getByLabel('Dry run: check the file without writing anything').isChecked()).toBe(true);
      await page.getByLabel('File', { exact: true }).setInputFiles(csv);
      await page.getByRole('button', { name: 'Check the file' }).click();
      const result = page.getByRole('region', { name: `Result for import-${run}.csv` });
      await result.waitFor();
      expect(await textOf(result)).toContain('Dry run: nothing was written');
      expect(await textOf(result.locator('.stat-list > div').filter({ has: page.getByText('New', { exact: true }) }).locator('dd'))).toBe('1');
      await expectNoSeriousAxeViolations(page, 'the import page with a dry-run result');
      const searched = async () => (await (await fetch(`${baseUrl}/api/v1/recommendations?q=${token}`)).json()).total as number;
      expect(await searched()).toBe(0);

      // For real.
      await page.getByLabel('Dry run: check the file without writing anything').uncheck();
      await page.getByRole('button', { name: 'Import the file' }).click();
      await expect.poll(() => textOf(result)).toContain('The file was imported.');
      expect(await searched()).toBe(1);

      // A file the importer cannot read: the server's reason, announced.
      await page.getByLabel('File', { exact: true }).setInputFiles(bad);
      await page.getByLabel('Format').selectOption({ label: 'CSV with the standard columns' });
      await page.getByRole('button', { name: 'Import the file' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'The file could not be imported' });
      await alert.waitFor();
      expect((await textOf(alert)).length).toBeGreaterThan('The file could not be imported'.length + 5);

      // The search page finds the new recommendation.
      await page.goto(`/en/recommendations?q=${token}`);
      await waitForResults(page);
      expect(await textOf(page.locator('.results'))).toContain('A/HRC/99/1');
      await expectNoProblems(t, 'secretariat', [400]);
    } finally {
      await t.close();
    }
  });

  it('a dry run of a file with bad rows says how many would import with "Skip invalid rows", and where each problem is', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    const csv = path.join(tmpDir, `mixed-${run}.csv`);
    fs.writeFileSync(csv, [
      'mechanism,country,language,date,paragraph,symbol,text',
      `UPR,PRY,es,2024-01-15,81.1,A/HRC/99/2,"Garantizar el acceso al agua potable ${run}"`,
      `UPR,NARNIA,es,2024-01-15,81.2,A/HRC/99/2,"Un Estado que no existe ${run}"`,
      `UPR,PRY,es,2024-01-15,81.3,A/HRC/99/2,"Fortalecer la defensoría del pueblo ${run}"`,
      '',
    ].join('\n'));
    const json = path.join(tmpDir, `uhri-${run}.json`);
    const uhri = (id: string, text: string) => ({
      AnnotationId: id, AnnotationType: '- Recommendations', Body: '- CRC', Countries: ['Paraguay'],
      PublicationDate: '2022-10-25T00:00:00', Symbol: 'CRC/C/PRY/CO/6', Text: text,
    });
    fs.writeFileSync(json, JSON.stringify([uhri(`ok-${run}`, `Strengthen child protection ${run}.`), uhri(`bad-${run}`, '')]));
    try {
      await signIn(page, 'secretariat@demo.example.org');
      await page.goto('/es/workspace/import');
      await expectHeading(page, 'Importar recomendaciones');
      await page.getByLabel('Archivo', { exact: true }).setInputFiles(csv);
      await page.getByRole('button', { name: 'Revisar el archivo' }).click();
      const result = page.getByRole('region', { name: `Resultado de mixed-${run}.csv` });
      await result.waitFor();
      const stat = async (label: string) => textOf(result.locator('.stat-list > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd'));
      expect(await stat('Nuevas')).toBe('0');
      expect(await stat('Rechazadas')).toBe('1');
      expect(await textOf(result.locator('.import-if-skip-invalid')))
        .toBe('Con «Omitir las filas no válidas», esta importación traería 2 nuevas, 0 actualizadas y 0 sin cambios, dejando fuera las 1 rechazadas.');
      expect(await textOf(result.locator('tbody tr td').first())).toBe('Línea 3');
      await expectNoSeriousAxeViolations(page, 'the import page with rows that would be skipped');

      // A JSON export's problem names the record and its id, not a line.
      await page.getByLabel('Archivo', { exact: true }).setInputFiles(json);
      await page.getByRole('button', { name: 'Revisar el archivo' }).click();
      const jsonResult = page.getByRole('region', { name: `Resultado de uhri-${run}.json` });
      await jsonResult.waitFor();
      expect(await textOf(jsonResult.locator('tbody tr td').first())).toBe(`Registro 2 (id bad-${run})`);
      expect(await textOf(jsonResult.locator('.import-if-skip-invalid'))).toContain('traería 1 nuevas');
      await expectNoProblems(t, 'secretariat');
    } finally {
      await t.close();
    }
  });
});

describe('implementation status', () => {
  it('the secretariat assesses a recommendation and the public page shows it with its history', async () => {
    const secretariat = await openPage(browser, baseUrl);
    const visitor = await openPage(browser, baseUrl);
    try {
      const found = await (await fetch(`${baseUrl}/api/v1/recommendations?mechanism=CRC&page_size=1`)).json();
      const recPath = `/en/recommendations/${found.items[0].id}`;
      const reason = `Law 1234 adopted; regulations pending (${run}).`;
      {
        const { page } = secretariat;
        await signIn(page, 'secretariat@demo.example.org');
        await page.goto(recPath);
        const form = page.getByRole('form', { name: "Assess the government's implementation" });
        await expect.poll(() => form.getByLabel('Status').locator('option').count()).toBeGreaterThan(2);
        await form.getByRole('button', { name: 'Save the assessment' }).click();
        await form.getByText('Choose a status.').waitFor();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('assess-status');
        await form.getByLabel('Status').selectOption({ label: 'Not started' });
        await form.getByLabel('Reason').fill(`First look (${run}).`);
        await form.getByLabel('Date of the assessment').fill('2025-01-10');
        await form.getByRole('button', { name: 'Save the assessment' }).click();
        await expectStatus(page, 'The assessment “Not started” was saved.');
        await form.getByLabel('Status').selectOption({ label: 'In progress' });
        await form.getByLabel('Reason').fill(reason);
        await form.getByRole('button', { name: 'Save the assessment' }).click();
        await expectStatus(page, 'The assessment “In progress” was saved.');
        await expectNoSeriousAxeViolations(page, 'a recommendation with the assessment form');
      }
      {
        const { page } = visitor;
        await page.goto(recPath);
        const section = page.getByRole('region', { name: 'Implementation status' });
        const government = section.locator('[data-assessor="government"]');
        await government.locator('.status-step').first().waitFor();
        const text = await textOf(government);
        expect(text).toContain('In progress');
        expect(text).toContain(reason);
        // The earlier assessment is behind a disclosure.
        const earlier = government.locator('details.status-history');
        expect(await earlier.getAttribute('open')).toBeNull();
        await earlier.locator('summary').click();
        expect(await textOf(earlier)).toContain(`First look (${run}).`);
        expect(await section.getByRole('form').count()).toBe(0);
        await expectNoSeriousAxeViolations(page, 'a recommendation with its implementation status');
      }
      await expectNoProblems(secretariat, 'secretariat');
      await expectNoProblems(visitor, 'visitor');
    } finally {
      await Promise.all([secretariat.close(), visitor.close()]);
    }
  });
});
