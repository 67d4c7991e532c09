import { describe, expect, it } from 'vitest';
import { defaultLocale, locales, pickLocale, resources } from './index';
import { networkResources } from './network';
import { serverResources } from './server';
import { workspaceResources } from './workspace';

/** Every leaf of a nested messages object as "a.b.c" → value. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** The {{placeholders}} a message of the web app interpolates. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
}

/** The {params} a server message fills in (server/platform/http/messages.ts). */
function serverParams(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * The core strings (first bundle), the workspace strings (loaded with the workspace pages), the Network's, and what the
 * server says (its errors and emails).
 */
const bundles = [
  { name: 'core', messages: (locale: (typeof locales)[number]) => resources[locale].translation as unknown, placeholders },
  { name: 'workspace', messages: (locale: (typeof locales)[number]) => workspaceResources[locale] as unknown, placeholders },
  { name: 'network', messages: (locale: (typeof locales)[number]) => networkResources[locale] as unknown, placeholders },
  { name: 'server', messages: (locale: (typeof locales)[number]) => serverResources[locale] as unknown, placeholders: serverParams },
];

const english = flatten(resources.en.translation);

/**
 * The plural bases of a catalogue, each with the key of its `other` form: `X` of `X_one`/`X_other`
 * → `X_other`; `K` of `K`/`K_one` (the server's messages, and a few web strings) → `K`.
 */
function pluralBases(reference: Map<string, unknown>): Map<string, string> {
  const bases = new Map<string, string>();
  for (const key of reference.keys()) {
    const base = /^(.+)_(one|other)$/.exec(key)?.[1];
    if (base === undefined) continue;
    if (reference.has(`${base}_other`)) bases.set(base, `${base}_other`);
    else if (reference.has(base)) bases.set(base, base);
  }
  return bases;
}

/**
 * The keys a locale's catalogue has, each with the English key whose placeholders it uses: English's
 * keys, plus for each plural base the forms of the categories the locale's plural rules have and
 * English's catalogue does not (Arabic's `X_zero`, `X_two`, `X_few`), which use the `other` form's.
 */
function expectedKeys(reference: Map<string, unknown>, locale: string): Map<string, string> {
  const expected = new Map([...reference.keys()].map((key): [string, string] => [key, key]));
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [base, other] of pluralBases(reference)) {
    for (const category of categories) {
      const key = category === 'other' ? other : `${base}_${category}`;
      if (!expected.has(key)) expected.set(key, other);
    }
  }
  return expected;
}

/** Placeholders that only say the count. */
const COUNT_PLACEHOLDERS = new Set(['count', 'number']);

/**
 * A message has its English counterpart's placeholders; a zero, one or two form may leave out the count (Arabic says
 * "two recommendations" in one word, توصيتان, and "no recommendation" without a number), never anything else.
 */
function samePlaceholders(key: string, english: string[], translated: string[]): boolean {
  if (english.join() === translated.join()) return true;
  if (!/_(zero|one|two)$/.test(key)) return false;
  const without = (list: string[]) => list.filter((p) => !COUNT_PLACEHOLDERS.has(p)).join();
  return without(english) === without(translated) && translated.every((p) => english.includes(p));
}

describe('UI strings', () => {
  it('English has strings', () => {
    expect(english.size).toBeGreaterThan(50);
  });

  it('no key is both a core and a workspace string (one would hide the other)', () => {
    const workspace = flatten(workspaceResources.en);
    expect([...workspace.keys()].filter((key) => english.has(key))).toEqual([]);
  });

  it("no key of the Network's strings is a core or a workspace string", () => {
    const workspace = flatten(workspaceResources.en);
    expect([...flatten(networkResources.en).keys()].filter((key) => english.has(key) || workspace.has(key))).toEqual([]);
  });

  for (const bundle of bundles) {
    const reference = flatten(bundle.messages('en'));
    for (const locale of locales) {
      describe(`${bundle.name} strings in ${locale}`, () => {
        const messages = flatten(bundle.messages(locale));
        const expected = expectedKeys(reference, locale);

        it("has exactly English's keys and its own plural forms", () => {
          const missing = [...expected.keys()].filter((key) => !messages.has(key));
          const extra = [...messages.keys()].filter((key) => !expected.has(key));
          expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        });

        it('has no empty or non-string values', () => {
          const bad = [...messages].filter(([, value]) => typeof value !== 'string' || value.trim() === '')
            .map(([key]) => key);
          expect(bad).toEqual([]);
        });

        it('uses the same placeholders as English (a plural form of its own: those of the `other` form; a zero, one or two form may leave the count out)', () => {
          const differing = [...expected]
            .filter(([key, english]) => typeof reference.get(english) === 'string' && typeof messages.get(key) === 'string')
            .filter(([key, english]) => !samePlaceholders(key, bundle.placeholders(reference.get(english) as string), bundle.placeholders(messages.get(key) as string)))
            .map(([key]) => key);
          expect(differing).toEqual([]);
        });
      });
    }
  }

  it('asks of a language the plural forms of its rules: Arabic six, French three, English two', () => {
    const reference = new Map<string, unknown>([['found_one', '{{n}} found'], ['found_other', '{{n}} found'], ['left', '{{n}} left'], ['left_one', 'one left'], ['title', 'Title']]);
    expect([...expectedKeys(reference, 'ar').keys()].sort()).toEqual([
      'found_few', 'found_many', 'found_one', 'found_other', 'found_two', 'found_zero',
      'left', 'left_few', 'left_many', 'left_one', 'left_two', 'left_zero', 'title',
    ]);
    expect([...expectedKeys(reference, 'fr').keys()].sort()).toEqual(['found_many', 'found_one', 'found_other', 'left', 'left_many', 'left_one', 'title']);
    expect([...expectedKeys(reference, 'en').keys()].sort()).toEqual([...reference.keys()].sort());
    expect(expectedKeys(reference, 'ar').get('left_two')).toBe('left');
    expect(expectedKeys(reference, 'ar').get('found_few')).toBe('found_other');
  });

  it('picks a supported locale from browser languages', () => {
    expect(pickLocale(['pt-BR', 'en'])).toBe('pt');
    expect(pickLocale(['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLocale(['ar-EG', 'en'])).toBe('ar');
    expect(pickLocale(['de'])).toBe(defaultLocale);
    expect(pickLocale(undefined)).toBe(defaultLocale);
  });
});

describe('the one language list', () => {
  it('is written out only in shared/i18n/languages.ts: no other source file lists the languages again', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..', '..');
    const written = new RegExp(locales.map((locale) => `['"]${locale}['"]`).join(',\\s*'));
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && !/\.(test|e2e)\.tsx?$/.test(entry.name) && written.test(fs.readFileSync(full, 'utf8'))) {
          offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ['app', 'server', 'shared', 'bench', 'scripts']) walk(path.join(root, dir));
    expect(offenders).toEqual(['shared/i18n/languages.ts']);
  });
});
