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

        it('has exactly the same keys as English', () => {
          const missing = [...reference.keys()].filter((key) => !messages.has(key));
          const extra = [...messages.keys()].filter((key) => !reference.has(key));
          expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        });

        it('has no empty or non-string values', () => {
          const bad = [...messages].filter(([, value]) => typeof value !== 'string' || value.trim() === '')
            .map(([key]) => key);
          expect(bad).toEqual([]);
        });

        it('uses the same placeholders as English', () => {
          const differing = [...reference]
            .filter(([key, value]) => typeof value === 'string' && typeof messages.get(key) === 'string')
            .filter(([key, value]) =>
              bundle.placeholders(value as string).join() !== bundle.placeholders(messages.get(key) as string).join())
            .map(([key]) => key);
          expect(differing).toEqual([]);
        });
      });
    }
  }

  it('picks a supported locale from browser languages', () => {
    expect(pickLocale(['pt-BR', 'en'])).toBe('pt');
    expect(pickLocale(['de-DE', 'fr-CA'])).toBe('fr');
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
