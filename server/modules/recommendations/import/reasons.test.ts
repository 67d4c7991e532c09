import { describe, expect, it } from 'vitest';
import { locales as LOCALES } from '../../../../shared/i18n/languages';
import { englishReason, localizedReason, readReason, REASONS, type ReasonCode } from './reasons';

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

  it('reads every English reason back into its code and values', () => {
    for (const code of CODES) {
      const params = sampleParams(code);
      const english = (englishReason as (c: ReasonCode, p: Record<string, string>) => string)(code, params);
      expect(readReason(english), english).toEqual({ code, params });
    }
  });

  it('reads the reasons that differ only in fixed text apart', () => {
    expect(readReason('the text is empty')?.code).toBe('text_empty');
    expect(readReason('Text is empty')).toEqual({ code: 'field_empty', params: { field: 'Text' } });
    expect(readReason('"7" is not a UPR session')?.code).toBe('not_upr_session');
    expect(readReason('"7" is not a UPR session number')?.code).toBe('not_upr_session_number');
    expect(readReason('not a UPR Info CSV: missing columns To, Text')).toEqual({
      code: 'upr_info_missing_columns', params: { columns: 'To, Text' },
    });
    expect(readReason('the file is truncated or not valid JSON (record 3: Unexpected end of JSON input)')).toEqual({
      code: 'json_invalid_record', params: { record: '3', detail: 'Unexpected end of JSON input' },
    });
  });

  it('reads nothing from a text that is not one of its reasons', () => {
    expect(readReason('something went wrong')).toBeNull();
    expect(readReason('the file is empty, really')).toBeNull();
  });

  it('fills in the values verbatim, in the reader\'s language', () => {
    expect(englishReason('date_ambiguous', { value: '"03/04/2023"' })).toBe('"03/04/2023" is ambiguous: write dates as YYYY-MM-DD');
    expect(localizedReason({ code: 'date_ambiguous', params: { value: '"03/04/2023"' } }, 'es'))
      .toBe('la fecha "03/04/2023" es ambigua: escriba las fechas como AAAA-MM-DD');
    expect(localizedReason({ code: 'unknown_state', params: { value: '"{value}"' } }, 'fr')).toBe('le pays "{value}" est inconnu');
    // @ts-expect-error the values are those the template names
    englishReason('date_ambiguous', { date: '"03/04/2023"' });
    // @ts-expect-error a reason with placeholders needs its values
    englishReason('date_ambiguous');
  });
});
