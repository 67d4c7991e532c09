import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../shared/i18n';
import { i18nFor, loadStrings } from '../i18n';
import { changeLines } from './change-labels';
import './workspace-strings';

beforeAll(() => Promise.all(locales.map((locale) => loadStrings(locale))));
const lines = (locale: 'es' | 'en' | 'fr' | 'pt', entity: Parameters<typeof changeLines>[0], changes: { field: string; before: unknown; after: unknown }[]) =>
  changeLines(entity, { changes }, i18nFor(locale).t, locale).map((line) => line.text);

describe('the change log of an action report', () => {
  const submit = [{ field: 'state', before: 'draft', after: 'submitted' }];

  it('names the states in the reader\'s language, never their internal values', () => {
    expect(lines('es', 'action_report', submit)).toEqual(['Estado: de «Borrador» a «Enviado para validación»']);
    expect(lines('en', 'action_report', submit)).toEqual(['State: from “Draft” to “Submitted for validation”']);
    for (const locale of ['es', 'en', 'fr', 'pt'] as const) {
      const [text] = lines(locale, 'action_report', submit);
      expect(text, locale).not.toMatch(/\bdraft\b|\bsubmitted\b/);
    }
  });

  it('labels the other coded fields and writes dates as dates', () => {
    expect(lines('fr', 'action_report', [
      { field: 'action_type', before: 'programme', after: 'legislative' },
      { field: 'start_date', before: '2023-05-31', after: null },
    ])).toEqual([
      `Type d’action : de « Programme ou projet » à « Mesure législative »`,
      'Date de début : de « 31 mai 2023 » à « (vide) »',
    ]);
    expect(lines('pt', 'indicator', [{ field: 'frequency', before: 'annual', after: 'monthly' }])[0]).toMatch(/Anual.*Mensal/);
  });
});
