/**
 * The vocabularies page in real Chromium: the administrator adds a theme with
 * names and an alias, sees it in the table, retires it and brings it back,
 * with the keyboard where a person would use it; then adds a national
 * mechanism with its names, acronym and an alias the importer then matches,
 * and retires it. Axe finds nothing serious.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, textOf } from './browser';
import { apiCall, apiSignIn, expectHeading, expectNoProblems, signIn } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

describe('vocabularies', () => {
  it('a theme is added with its names and aliases, retired and brought back', async () => {
    const key = `e2e_theme_${Date.now()}`;
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await signIn(page, 'admin@demo.example.org');
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Vocabularies' }).click();
      await page.waitForURL(/\/en\/workspace\/vocabularies$/);
      await expectHeading(page, 'Vocabularies');
      await page.locator('table.data-table').waitFor();
      await expectNoSeriousAxeViolations(page, 'the vocabularies page');

      await page.getByRole('button', { name: 'Add a term' }).click();
      // Saved without a name: said next to the names, nothing sent.
      await page.getByRole('button', { name: 'Save the term' }).click();
      expect(await textOf(page.locator('form .field-error'))).toBe('Give the name in at least one language.');
      await page.getByLabel('Key').fill(key);
      await page.locator('#term-name-es').fill('Niñez en entornos digitales');
      await page.locator('#term-name-en').fill('Children in digital environments');
      await page.getByLabel('Aliases').fill('Kids online (e2e)\nProtección en línea de la infancia');
      await expectNoSeriousAxeViolations(page, 'the term form');
      await page.getByRole('button', { name: 'Save the term' }).focus();
      await page.keyboard.press('Enter');
      const row = page.locator(`tr[data-term="${key}"]`);
      await row.waitFor();
      expect(await textOf(row)).toContain('Children in digital environments');
      expect(await textOf(row)).toContain('kids online (e2e)');
      expect(await textOf(row)).toContain('In use');

      await row.getByRole('button', { name: 'Retire Children in digital environments' }).click();
      await expect.poll(() => textOf(row)).toContain('Retired');
      const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
      const stored = (await apiCall(baseUrl, 'GET', '/api/v1/admin/vocabularies/theme', { session: admin })).json.items.find((term: { key: string }) => term.key === key);
      expect(stored).toMatchObject({ retired: true, aliases: expect.arrayContaining(['kids online (e2e)', 'proteccion en linea de la infancia']) });

      await row.getByRole('button', { name: 'Bring back Children in digital environments' }).click();
      await expect.poll(() => textOf(row)).toContain('In use');
      await expectNoProblems(t, 'administrator');
    } finally {
      await t.context.close();
    }
  });

  it('a national mechanism is added with its names, acronym and aliases, matched by the importer, and retired', async () => {
    const code = `MNP-${Date.now().toString(36).toUpperCase()}`;
    const name = `National Preventive Mechanism ${code}`;
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await signIn(page, 'admin@demo.example.org');
      await page.goto('/en/workspace/vocabularies');
      await expectHeading(page, 'Vocabularies');
      await page.getByLabel('Vocabulary').selectOption({ label: 'Mechanisms' });
      await page.waitForURL(/vocabulary=mechanisms/);
      // The regional bodies of the reference data are there.
      await page.locator('tr[data-mechanism="IACHR"]').waitFor();
      expect(await textOf(page.locator('tr[data-mechanism="IACHR"]'))).toContain('Regional mechanism');
      await expectNoSeriousAxeViolations(page, 'the mechanisms');

      await page.getByRole('button', { name: 'Add a mechanism' }).click();
      await page.getByLabel('Code', { exact: true }).fill(code);
      await page.getByLabel('Family', { exact: true }).selectOption({ label: 'National mechanism' });
      await page.locator('#mechanism-name-es').fill(`Mecanismo Nacional de Prevención ${code}`);
      await page.locator('#mechanism-name-en').fill(name);
      await page.locator('#mechanism-acronym-es').fill('MNP');
      await page.getByLabel('Aliases', { exact: true }).fill(`Mecanismo de Prevención de la Tortura ${code}`);
      await expectNoSeriousAxeViolations(page, 'the mechanism form');
      await page.getByRole('button', { name: 'Save the mechanism' }).focus();
      await page.keyboard.press('Enter');
      const row = page.locator(`tr[data-mechanism="${code}"]`);
      await row.waitFor();
      expect(await textOf(row)).toContain(name);
      expect(await textOf(row)).toContain('National mechanism');
      expect(await textOf(row)).toContain(`mecanismo de prevencion de la tortura ${code.toLowerCase()}`);

      // The importer matches the alias (a dry run: nothing written to the shared catalogue).
      const secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
      const csv = `mechanism,country,language,date,paragraph,symbol,text\n"MECANISMO DE PREVENCIÓN DE LA TORTURA ${code}",PRY,es,2024-02-01,1,MNP/1,Visitar las comisarías\n`;
      const form = new FormData();
      form.append('dry_run', 'true');
      form.append('file', new Blob([csv]), 'mnp.csv');
      const checked = await fetch(`${baseUrl}/api/v1/imports`, { method: 'POST', body: form, headers: { cookie: secretariat.cookie, 'x-csrf-token': secretariat.csrf } });
      expect(checked.status).toBe(200);
      expect(await checked.json()).toMatchObject({ created: 1, rejected: 0 });

      await row.getByRole('button', { name: `Retire ${name}` }).click();
      await expect.poll(() => textOf(row)).toContain('Retired');
      await expectNoProblems(t, 'administrator');
    } finally {
      await t.context.close();
    }
  });
});
