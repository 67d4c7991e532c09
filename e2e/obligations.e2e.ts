/**
 * The reporting calendar in real Chromium: a visitor reads it and its feed;
 * the secretariat dates a periodic report, marks it met and flags a treaty
 * body's recommendation for follow-up, which the public recommendation page
 * then shows.
 *
 * The browser tests share one server and database: the test picks, through
 * the API at the moment it runs, a periodic report still undated and open and
 * a CRC recommendation not flagged yet, so the other files' order does not matter.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, textOf } from './browser';
import { expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

type Obligation = { id: number; kind: string; status: string; title: string; due_on: string | null; version: number; recommendation_ids: number[] };

async function obligations(query: string): Promise<Obligation[]> {
  const response = await fetch(`${baseUrl}/api/v1/obligations?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()).items;
}

/** The calendar's row of one obligation, and the group (late, upcoming, undated, met) it is listed in. */
async function calendarRow(page: Page, id: number) {
  const row = page.locator(`tr[data-obligation="${id}"]`);
  await row.waitFor({ timeout: 10_000 });
  const group = await row.evaluate((el) => el.closest('section')?.getAttribute('data-group'));
  return { group, text: await textOf(row) };
}

describe('reporting calendar', () => {
  it('a visitor finds the calendar from the header, with the UPR mid-term report, undated periodic reports and a feed', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await page.goto('/en/recommendations');
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Reporting calendar' }).click();
      await page.waitForURL(/\/en\/obligations$/);
      await expectHeading(page, 'Reporting calendar');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.locator('.calendar-group').first().waitFor();

      expect(await textOf(page.locator('main'))).toContain('Universal Periodic Review: voluntary mid-term report');
      const undated = page.locator('section[data-group="undated"]');
      expect(await textOf(undated.locator('h2'))).toBe('Date to be set');
      expect(await textOf(undated)).toContain('Periodic report to the');
      expect(await textOf(undated.locator('tbody tr').first())).toContain('Date to be set');

      // Late ones say so in words, and come first.
      const groups = await page.locator('.calendar-group').evaluateAll((els) => els.map((el) => el.getAttribute('data-group')));
      if (groups.includes('late')) {
        expect(groups[0]).toBe('late');
        expect(await textOf(page.locator('section[data-group="late"] tbody tr').first())).toContain('Late');
      }

      // The feed carries the filters and the locale.
      await page.getByLabel('Kind').selectOption({ label: 'Periodic report' });
      await page.waitForURL(/kind=periodic_report/);
      await expect.poll(() => page.getByRole('link', { name: 'Subscribe (iCalendar)' }).getAttribute('href')).toContain('kind=periodic_report');
      await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
      await expect.poll(() => page.getByRole('link', { name: 'Subscribe (iCalendar)' }).getAttribute('href')).not.toContain('kind=');
      const href = (await page.getByRole('link', { name: 'Subscribe (iCalendar)' }).getAttribute('href'))!;
      expect(href).toContain('locale=en');
      const feed = await fetch(href);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      const body = await feed.text();
      expect(body).toContain('BEGIN:VCALENDAR');
      expect(body).toContain('BEGIN:VEVENT');

      await expectNoSeriousAxeViolations(page, 'the reporting calendar');
      await expectNoProblems(t, 'visitor');
    } finally {
      await t.close();
    }
  });

  it('the next UPR review, counted from the latest UPR document, shows as an estimated date, never as late', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      const [review] = await obligations('kind=upr_review&locale=es') as (Obligation & { due_on_estimated: boolean })[];
      expect(review, 'the demo derives the next UPR review').toBeDefined();
      expect(review).toMatchObject({ due_on_estimated: true, status: 'open' });
      for (const [locale, label, late] of [['es', 'fecha estimada', 'Atrasada'], ['en', 'estimated date', 'Late']] as const) {
        await page.goto(`/${locale}/obligations`);
        const row = await calendarRow(page, review.id);
        expect(row.group).toBe('upcoming');
        expect(row.text).toContain(label);
        expect(row.text).not.toContain(late);
        expect(await page.locator(`tr[data-obligation="${review.id}"]`).getAttribute('class') ?? '').not.toContain('row-overdue');

        await page.locator(`tr[data-obligation="${review.id}"] a`).click();
        await page.waitForURL(new RegExp(`/${locale}/obligations/${review.id}$`));
        const details = page.locator('.obligation-details');
        await details.waitFor();
        await expect.poll(() => textOf(details)).toContain(label);
        expect(await textOf(details)).not.toContain(late);
        expect(await details.locator('.badge.overdue').count()).toBe(0);
      }
      await expectNoSeriousAxeViolations(page, 'an obligation with an estimated date');
      await expectNoProblems(t, 'visitor');
    } finally {
      await t.close();
    }
  });

  it('the secretariat dates a periodic report in the past (late), reloads after a conflict, and marks it met', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      const target = (await obligations('kind=periodic_report&status=open&locale=en')).find((o) => o.due_on === null);
      expect(target, 'an open periodic report whose date is still to be set').toBeDefined();
      const id = target!.id;
      await signIn(page, 'secretariat@demo.example.org');
      await page.goto(`/en/obligations/${id}`);
      await expectHeading(page, target!.title);
      const dueForm = page.getByRole('form', { name: 'Due date and notes' });
      await dueForm.getByLabel('Due date').waitFor();

      // Someone else changes it first: saving is refused, and the page offers the latest version.
      const csrf = (await (await page.request.get('/api/v1/auth/me')).json()).csrf_token as string;
      const other = await page.request.patch(`/api/v1/obligations/${id}`, {
        headers: { 'x-csrf-token': csrf }, data: { version: target!.version, notes: 'Changed meanwhile.' },
      });
      expect(other.status(), await other.text()).toBe(200);
      await dueForm.getByLabel('Due date').fill('2024-03-01');
      await dueForm.getByRole('button', { name: 'Save the date and notes' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'The obligation could not be changed' });
      await conflict.waitFor();
      await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
      await expect.poll(() => dueForm.getByLabel('Notes').inputValue()).toBe('Changed meanwhile.');

      await dueForm.getByLabel('Due date').fill('2024-03-01');
      await dueForm.getByRole('button', { name: 'Save the date and notes' }).click();
      await expectStatus(page, 'The obligation was saved.');
      const details = page.locator('.obligation-details');
      await expect.poll(() => textOf(details)).toContain('Late');
      expect(await textOf(details)).toContain('March 1, 2024');
      expect(await textOf(details)).toContain('set by the secretariat');

      await page.getByRole('link', { name: 'Back to the reporting calendar' }).click();
      await expectHeading(page, 'Reporting calendar');
      const late = await calendarRow(page, id);
      expect(late.group).toBe('late');
      expect(late.text).toContain('Late');
      expect(await page.locator(`tr[data-obligation="${id}"]`).getAttribute('class')).toContain('row-overdue');

      await page.locator(`tr[data-obligation="${id}"] a`).click();
      await expectHeading(page, target!.title);
      const metForm = page.getByRole('form', { name: 'Mark as met' });
      await metForm.getByLabel('Date the report was submitted').fill('2024-02-20');
      await metForm.getByRole('button', { name: 'Mark as met' }).click();
      await expectStatus(page, 'The obligation was marked as met.');
      await expect.poll(() => textOf(page.locator('.obligation-details'))).toContain('February 20, 2024');
      expect(await page.getByRole('button', { name: 'Reopen the obligation' }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page, "an obligation with the secretariat's forms");

      await page.goto('/en/obligations');
      const met = await calendarRow(page, id);
      expect(met.group).toBe('met');
      expect(met.text).toContain('Met on February 20, 2024');
      await expectNoProblems(t, 'secretariat', [409]);
    } finally {
      await t.close();
    }
  });

  it('the secretariat flags a CRC recommendation for follow-up; its public page says when the report is due', async () => {
    const secretariat = await openPage(browser, baseUrl);
    const visitor = await openPage(browser, baseUrl);
    try {
      const found = await (await fetch(`${baseUrl}/api/v1/recommendations?mechanism=CRC&page_size=20`)).json();
      let recId: number | undefined;
      for (const item of found.items as { id: number; date: string | null }[]) {
        if (item.date && (await obligations(`recommendation_id=${item.id}`)).length === 0) {
          recId = item.id;
          break;
        }
      }
      expect(recId, 'a dated CRC recommendation not flagged yet').toBeDefined();
      {
        const { page } = secretariat;
        await signIn(page, 'secretariat@demo.example.org');
        await page.goto(`/en/recommendations/${recId}`);
        const form = page.getByRole('form', { name: 'Follow-up by the committee' });
        await form.waitFor();
        await form.getByLabel('2 years').check();
        await form.getByRole('button', { name: 'Flag for follow-up' }).click();
        await page.locator('.follow-up-notice').waitFor();
        expect(await textOf(page.locator('.follow-up-notice'))).toContain('Selected for follow-up — report due');
        expect(await form.count()).toBe(0);
      }
      const [flag] = await obligations(`recommendation_id=${recId}`);
      expect(flag.kind).toBe('follow_up');
      expect(flag.recommendation_ids).toEqual([recId]);
      {
        const { page } = visitor;
        await page.goto(`/en/recommendations/${recId}`);
        const notice = page.locator('.follow-up-notice');
        await notice.waitFor();
        expect(await textOf(notice)).toContain('Selected for follow-up — report due');
        await notice.getByRole('link', { name: 'See the obligation in the reporting calendar' }).click();
        await page.waitForURL(new RegExp(`/en/obligations/${flag.id}$`));
        await expectHeading(page, flag.title);
        expect(await page.locator(`.obligation-details a[href="/en/recommendations/${recId}"]`).count()).toBe(1);
      }
      await expectNoProblems(secretariat, 'secretariat');
      await expectNoProblems(visitor, 'visitor');
    } finally {
      await Promise.all([secretariat.close(), visitor.close()]);
    }
  });
  it("the secretariat's calendar forms refuse what the API would, before sending, and point at the field", async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await signIn(page, 'secretariat@demo.example.org');
      await page.goto('/en/obligations');
      const form = page.locator('form[aria-labelledby="new-obligation-heading"]');
      await form.getByLabel('Mechanism').locator('option:nth-child(2)').waitFor({ state: 'attached' });
      // An empty new obligation: the summary counts the fields, the focus goes to the first, each says why.
      await form.getByRole('button', { name: 'Add the obligation' }).click();
      await form.locator('.field-error').first().waitFor();
      expect(await textOf(form.getByRole('alert').first())).toContain('2');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-obligation-title-es');
      expect(await form.locator('#new-obligation-title-es').getAttribute('aria-describedby')).toBe('new-obligation-title-es-error');
      expect(await form.getByLabel('Mechanism').getAttribute('aria-describedby')).toBe('new-obligation-mechanism-hint new-obligation-mechanism-error');
      expect(await form.getByLabel('Notes').getAttribute('maxlength')).toBe('4000');
      expect(await form.locator('#new-obligation-title-en').getAttribute('maxlength')).toBe('300');

      // A ratification year out of range is refused at once, and nothing is saved.
      const ratification = page.locator('form[aria-labelledby="ratification-form-heading"]');
      const before = await (await page.request.get('/api/v1/ratifications?locale=en')).text();
      await ratification.getByLabel('Year', { exact: true }).fill('1900');
      await ratification.getByRole('button', { name: 'Save the ratification' }).click();
      await expect.poll(() => textOf(ratification.getByRole('alert'))).toBe('Write a year from 1945 to 2100, or leave it empty.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('ratification-year');
      expect(await ratification.getByLabel('Year', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await (await page.request.get('/api/v1/ratifications?locale=en')).text()).toBe(before);
      await expectNoProblems(t, 'secretariat');
    } finally {
      await t.close();
    }
  });
});
