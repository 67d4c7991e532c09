/**
 * The instance's settings in real Chromium: the administrator reaches the
 * page from the header, is refused a colour text would be unreadable on,
 * saves a name, colour, languages and a word of the interface with the
 * keyboard, uploads a logo; a visitor then sees the name and logo in the
 * header and the title, only the languages offered, and the secretariat sees
 * its own word. Axe finds nothing serious. The settings are put back after.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { locales } from '../shared/i18n/languages';
import { png } from '../server/test/images';
import { browserForFile, expectNoSeriousAxeViolations, openPage, tabTo, textOf } from './browser';
import { apiCall, apiSignIn, expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

let original: Record<string, unknown> | null = null;

afterAll(async () => {
  // Instance configuration shared with the other browser tests: back as it was, without a logo.
  const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
  const now = (await apiCall(baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json;
  if (now.logo) await apiCall(baseUrl, 'DELETE', `/api/v1/admin/settings/logo?version=${now.version}`, { session: admin });
  if (original) {
    const version = (await apiCall(baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json.version;
    const { name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology, open_data_licence, second_factor_required,
      network_publish, network_hub_url } = original;
    const restored = await apiCall(baseUrl, 'PUT', '/api/v1/admin/settings', { session: admin, body: {
      version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology, open_data_licence, second_factor_required,
      network_publish, network_hub_url,
    } });
    expect(restored.status).toBe(200);
  }
});

describe('instance settings', () => {
  it('are changed by the administrator and shown to everyone at their next page', async () => {
    const admin = await apiSignIn(baseUrl, 'admin@demo.example.org');
    original = (await apiCall(baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json;

    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      await signIn(page, 'admin@demo.example.org');
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(/\/en\/workspace\/settings$/);
      await expectHeading(page, 'Settings of the instance');
      await expectNoSeriousAxeViolations(page, 'the settings page');

      // Publishing to the Network: off here; a hub address that is not one is refused before saving, and turning
      // publishing on is refused by this server, which has no key to sign with, saying what the operator must do.
      const publish = page.getByLabel('Publish this instance’s public data to the Network');
      expect(await publish.isChecked()).toBe(false);
      const hubAddress = page.getByLabel('Address of the Network’s hub');
      await hubAddress.fill('ftp://hub.example.org');
      await page.getByRole('button', { name: 'Save the settings' }).click();
      await page.locator('#settings-network-hub-error').waitFor();
      expect(await hubAddress.getAttribute('aria-invalid')).toBe('true');
      await hubAddress.fill('https://hub.example.org');
      await publish.check();
      await page.getByRole('button', { name: 'Save the settings' }).click();
      await expect.poll(() => textOf(page.locator('main'))).toContain('npm run network:keygen');
      expect((await apiCall(baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json).toMatchObject({ version: original!.version, network_publish: false });
      await publish.uncheck();
      await hubAddress.fill('');

      // A colour white text would be unreadable on: refused before saving, with the reason next to the field.
      const name = page.getByLabel('English', { exact: true }).first();
      await tabTo(page, name);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Recommendation Monitoring of Testland');
      const colour = page.getByLabel('Primary colour');
      await colour.fill('#ffdd00');
      await page.getByRole('button', { name: 'Save the settings' }).click();
      const error = page.locator('#settings-colour-error');
      await error.waitFor();
      expect(await textOf(error)).toMatch(/contrast of 1\.\d+:1; at least 4\.5:1 is needed/);
      expect(await colour.getAttribute('aria-invalid')).toBe('true');
      expect((await apiCall(baseUrl, 'GET', '/api/v1/admin/settings', { session: admin })).json.version).toBe(original!.version);
      await expectNoSeriousAxeViolations(page, 'the settings page with errors');

      // Then a good one, Portuguese no longer offered, and the secretariat called otherwise; saved with the keyboard.
      await colour.fill('#0b5d3b');
      expect(await textOf(page.locator('#settings-colour-hint'))).toMatch(/Contrast of text with this colour: \d+\.\d+:1/);
      await page.locator('#settings-interface-pt').uncheck();
      await page.locator('details', { has: page.locator('summary', { hasText: 'English' }) }).locator('summary').click();
      await page.locator('#settings-term-en-secretariat').fill('technical unit');
      await page.getByRole('button', { name: 'Save the settings' }).focus();
      await page.keyboard.press('Enter');
      await expectStatus(page, 'The settings were saved.');

      // A logo, checked by the server on its bytes.
      await page.getByLabel('New logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(240, 80) });
      await page.getByRole('button', { name: 'Upload the logo' }).click();
      await expectStatus(page, 'The logo was saved.');
      await page.getByRole('img', { name: 'The current logo' }).waitFor();
      // A file that is not an image: the server's reason, nothing changed.
      await page.getByLabel('New logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<html>not an image</html>') });
      await page.getByRole('button', { name: 'Upload the logo' }).click();
      await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining('The logo must be a PNG, JPEG or WebP image, or an SVG drawing.'));
      await expectNoProblems(t, 'administrator', [400]);
    } finally {
      await t.context.close();
    }

    const saved = (await apiCall(baseUrl, 'GET', '/api/v1/settings')).json;
    expect(saved).toMatchObject({ primary_colour: '#0b5d3b', interface_languages: locales.filter((locale) => locale !== 'pt'), logo: { media_type: 'image/png', width: 240, height: 80 } });

    // A visitor: the name and logo in the header and the title, the colour, and only the languages offered.
    const visitor = await openPage(browser, baseUrl);
    try {
      await visitor.page.goto('/en/recommendations');
      const brand = visitor.page.locator('.brand-name');
      await expect.poll(() => textOf(brand)).toBe('Recommendation Monitoring of Testland');
      expect(await brand.locator('img').getAttribute('src')).toBe(saved.logo.url);
      await expect.poll(() => visitor.page.title()).toContain('Recommendation Monitoring of Testland');
      const languages = visitor.page.getByRole('navigation', { name: 'Language' }).getByRole('link');
      await expect.poll(() => languages.allTextContents()).toEqual(['Español', 'English', 'Français', 'العربية']);
      expect(await visitor.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--primary').trim())).toBe('#0b5d3b');
      await expectNoSeriousAxeViolations(visitor.page, 'a public page with the instance\'s name and logo');
      await expectNoProblems(visitor, 'visitor');
    } finally {
      await visitor.context.close();
    }

    // The secretariat sees its role under the instance's word for it.
    const secretariat = await openPage(browser, baseUrl);
    try {
      await signIn(secretariat.page, 'secretariat@demo.example.org');
      await expect.poll(() => textOf(secretariat.page.locator('main'))).toContain('Technical unit');
      expect(await textOf(secretariat.page.locator('main'))).not.toMatch(/Secretariat/);
    } finally {
      await secretariat.context.close();
    }
  });
});
