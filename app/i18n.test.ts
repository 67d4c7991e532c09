import { beforeAll, describe, expect, it } from 'vitest';
import en from '../shared/i18n/locales/en.json' with { type: 'json' };
import type { Locale } from '../shared/i18n';
import { i18nFor, loadStrings, Translator } from './i18n';

function translator(language: Locale, strings: Record<string, unknown>) {
  const translator = new Translator(language);
  translator.add(strings);
  return translator;
}

describe('reading a string', () => {
  it('follows dot paths, and gives the default value or else the key when there is none', () => {
    const { t } = translator('en', { a: { b: { c: 'deep' } }, flat: 'top' });
    expect(t('a.b.c')).toBe('deep');
    expect(t('flat')).toBe('top');
    expect(t('a.b')).toBe('a.b'); // an object is not a string
    expect(t('a.missing', { defaultValue: 'Fallback {{x}}', x: 1 })).toBe('Fallback 1');
    expect(t('nowhere')).toBe('nowhere');
  });

  it('fills placeholders, leaves one that is not given as written, and shows null or undefined as nothing', () => {
    const { t } = translator('en', { hi: 'Hello {{name}}, {{ who }} and {{other}}' });
    expect(t('hi', { name: 'Ana', who: 0 })).toBe('Hello Ana, 0 and {{other}}');
    expect(t('hi', { name: null, who: undefined, other: 'x' })).toBe('Hello ,  and x');
  });

  it('picks the plural form of the language for count (one, many, other), then _other, then the bare key', () => {
    const strings = { n_one: '{{count}} one', n_many: '{{count}} many', n_other: '{{count}} other', bare: 'bare {{count}}', half_one: 'one only', half: 'half {{count}}' };
    expect(translator('en', strings).t('n', { count: 1 })).toBe('1 one');
    expect(translator('en', strings).t('n', { count: 2 })).toBe('2 other');
    expect(translator('fr', strings).t('n', { count: 0 })).toBe('0 one'); // French: 0 and 1 are "one"
    expect(translator('fr', strings).t('n', { count: 1_000_000 })).toBe('1000000 many');
    expect(translator('es', strings).t('n', { count: 1_000_000 })).toBe('1000000 many');
    expect(translator('pt', strings).t('n', { count: 5 })).toBe('5 other');
    expect(translator('en', strings).t('bare', { count: 3 })).toBe('bare 3');
    expect(translator('en', strings).t('half', { count: 1 })).toBe('one only');
    expect(translator('en', strings).t('half', { count: 4 })).toBe('half 4');
  });

  it("picks Arabic's six plural forms, and the other form where a language has no form of its own", () => {
    const forms = ['zero', 'one', 'two', 'few', 'many', 'other'];
    const strings = Object.fromEntries(forms.map((form) => [`n_${form}`, `{{count}} ${form}`]));
    expect([0, 1, 2, 3, 11, 100].map((count) => translator('ar', strings).t('n', { count }))).toEqual([
      '0 zero', '1 one', '2 two', '3 few', '11 many', '100 other',
    ]);
    expect(translator('en', strings).t('n', { count: 0 })).toBe('0 other'); // English has no zero form
    expect(translator('ar', { n_one: 'one', n: '{{count}} bare' }).t('n', { count: 2 })).toBe('2 bare');
  });

  it('merges later sets of strings into the earlier ones', () => {
    const reader = translator('en', { a: { x: '1' } });
    reader.add({ a: { y: '2' }, b: '3' });
    expect([reader.t('a.x'), reader.t('a.y'), reader.t('b')]).toEqual(['1', '2', '3']);
  });
});

describe('loading the strings of one locale', () => {
  beforeAll(() => loadStrings('es'));

  it('gives the loaded locale its whole catalogue and no other locale any', async () => {
    expect(i18nFor('es').t('search.total', { count: 2, total: 2 })).toBe('2 recomendaciones encontradas');
    expect(i18nFor('pt').t('error.title')).toBe('error.title');
    await loadStrings('pt');
    expect(i18nFor('pt').t('error.title')).not.toBe('error.title');
  });

  it('reads every English string as written in the catalogue', async () => {
    await loadStrings('en');
    const { t } = i18nFor('en');
    const walk = (node: Record<string, unknown>, prefix: string): void => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') expect(t(`${prefix}${key}`), key).toBe(value);
        else walk(value as Record<string, unknown>, `${prefix}${key}.`);
      }
    };
    walk(en, '');
  });
});
