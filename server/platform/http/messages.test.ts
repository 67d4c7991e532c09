import { describe, expect, it } from 'vitest';
import { serverResources } from '../../../shared/i18n/server';
import { message, pluralKey } from './messages';

/** Arabic's messages, its own plural forms included (the type has English's keys). */
const arabic = serverResources.ar as Record<string, string>;

describe('plural forms of the server\'s messages', () => {
  it('English: the singular for 1, the key itself for any other count', () => {
    expect(pluralKey('cluster_not_empty', 'en', 1)).toBe('cluster_not_empty_one');
    for (const count of [0, 2, 5, 1_000_000]) expect(pluralKey('cluster_not_empty', 'en', count)).toBe('cluster_not_empty');
    expect(message('cluster_not_empty', 'en', { count: 1 })).toBe(serverResources.en.cluster_not_empty_one);
    expect(message('cluster_not_empty', 'en', { count: 3 })).toBe(serverResources.en.cluster_not_empty.replace('{count}', '3'));
  });

  it('the singular is for a count of 1 only: French and Portuguese 0 (CLDR\'s `one`) takes the key itself', () => {
    expect(new Intl.PluralRules('fr').select(0)).toBe('one');
    expect(pluralKey('cluster_not_empty', 'fr', 0)).toBe('cluster_not_empty');
    expect(pluralKey('cluster_not_empty', 'pt', 0)).toBe('cluster_not_empty');
    expect(pluralKey('cluster_not_empty', 'fr', 1)).toBe('cluster_not_empty_one');
  });

  it('Arabic: each of its plural categories picks its own form, `other` the key itself', () => {
    expect([0, 1, 2, 3, 11, 100].map((count) => pluralKey('cluster_not_empty', 'ar', count))).toEqual([
      'cluster_not_empty_zero', 'cluster_not_empty_one', 'cluster_not_empty_two', 'cluster_not_empty_few',
      'cluster_not_empty_many', 'cluster_not_empty',
    ]);
    expect(message('cluster_not_empty', 'ar', { count: 3 })).toBe(arabic.cluster_not_empty_few.replace('{count}', '3'));
  });

  it('a message without plural forms is the key itself for any count, and without a count too', () => {
    expect(pluralKey('assignment_too_many', 'ar', 2)).toBe('assignment_too_many');
    expect(pluralKey('cluster_not_empty', 'ar', undefined)).toBe('cluster_not_empty');
    expect(message('assignment_too_many', 'ar', { count: 2, max: 1 })).not.toMatch(/\{\w+\}/);
  });
});
