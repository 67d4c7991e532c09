import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../shared/i18n';
import { i18nFor, loadStrings } from '../i18n';
import { recommendationTitle } from './recommendation-labels';

beforeAll(() => Promise.all(locales.map((locale) => loadStrings(locale))));
const t = (locale: 'es' | 'en' | 'fr' | 'pt') => i18nFor(locale).t;
const imported = { id: 372, symbol: null, paragraph: '4', mechanism: { label: 'CIDH' }, date: '2021-03-12' };

describe('recommendation titles', () => {
  it('without a document symbol: mechanism, date in the reader\'s language and paragraph, never the bare id', () => {
    expect(recommendationTitle(t('es'), imported, 'es')).toBe('CIDH, 12 de marzo de 2021, párr. 4');
    expect(recommendationTitle(t('en'), { ...imported, mechanism: { label: 'IACHR' } }, 'en')).toBe('IACHR, March 12, 2021, para. 4');
    expect(recommendationTitle(t('fr'), { ...imported, paragraph: null }, 'fr')).toBe('CIDH, 12 mars 2021');
    expect(recommendationTitle(t('pt'), { ...imported, date: null }, 'pt')).toBe('CIDH, par. 4');
  });

  it('with a symbol as before, and the id only when the record says nothing of itself', () => {
    expect(recommendationTitle(t('es'), { ...imported, symbol: 'A/HRC/48/9', paragraph: '119.4' }, 'es')).toBe('A/HRC/48/9, párr. 119.4');
    expect(recommendationTitle(t('es'), { id: 372, symbol: null, paragraph: null }, 'es')).toBe('Recomendación 372');
  });
});
