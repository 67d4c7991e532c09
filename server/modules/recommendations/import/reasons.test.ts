import { describe, expect, it } from 'vitest';
import { locales as LOCALES } from '../../../../shared/i18n/languages';
import { importReason, REASONS, type ReasonCode, reasonText } from './reasons';

const CODES = Object.keys(REASONS) as ReasonCode[];
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Values like those the parsers put in: numbers, and quoted source values with parentheses, colons and commas. */
const sampleParams = (code: ReasonCode) =>
  Object.fromEntries(placeholders(REASONS[code].en).map((name, i) => [name, NUMBERS.includes(name) ? `${12 + i}` : `"x (${name}): y, z"`]));
const NUMBERS = ['line', 'record', 'session'];

describe('the reason catalogue', () => {
  it('has every reason in every language, translated', () => {
    expect(CODES.length).toBeGreaterThan(50);
    for (const code of CODES) {
      expect(Object.keys(REASONS[code]).sort(), code).toEqual([...LOCALES].sort());
      for (const locale of LOCALES) {
        const text: string = REASONS[code][locale];
        expect(text.trim(), `${code}.${locale}`).not.toBe('');
        expect(text, `${code}.${locale}`).toBe(text.trim());
        if (locale !== 'en') expect(text, `${code}.${locale} is still English`).not.toBe(REASONS[code].en);
      }
    }
  });

  it('names in every language exactly the placeholders of the English reason', () => {
    for (const code of CODES) {
      const english = placeholders(REASONS[code].en);
      for (const locale of LOCALES) expect(placeholders(REASONS[code][locale]), `${code}.${locale}`).toEqual(english);
    }
  });

  it('carries a reason as its code and its values, and writes it in every language with every value in place', () => {
    for (const code of CODES) {
      const params = sampleParams(code);
      const reason = (importReason as (c: ReasonCode, p: Record<string, string>) => ReturnType<typeof importReason>)(code, params);
      expect(reason).toEqual({ code, params });
      for (const locale of LOCALES) {
        const text = reasonText(reason, locale);
        expect(text, `${code}.${locale}`).not.toMatch(/\{\w+\}/);
        for (const value of Object.values(params)) expect(text, `${code}.${locale}`).toContain(value);
      }
    }
    expect(importReason('unknown_upr_session', { session: 7 })).toEqual({ code: 'unknown_upr_session', params: { session: '7' } });
  });

  it('fills in the values verbatim, in the reader\'s language', () => {
    expect(reasonText(importReason('date_ambiguous', { value: '"03/04/2023"' }))).toBe('"03/04/2023" is ambiguous: write dates as YYYY-MM-DD');
    expect(reasonText({ code: 'date_ambiguous', params: { value: '"03/04/2023"' } }, 'es'))
      .toBe('la fecha "03/04/2023" es ambigua: escriba las fechas como AAAA-MM-DD');
    expect(reasonText({ code: 'unknown_state', params: { value: '"{value}"' } }, 'fr')).toBe('le pays "{value}" est inconnu');
    // @ts-expect-error the values are those the template names
    importReason('date_ambiguous', { date: '"03/04/2023"' });
    // @ts-expect-error a reason with placeholders needs its values
    importReason('date_ambiguous');
  });
});
