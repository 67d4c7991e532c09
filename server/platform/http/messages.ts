/** Server-side messages shown to people, in every supported UI language: the catalogue is shared/i18n/server. */
import { type ServerMessageKey, serverResources } from '../../../shared/i18n/server';
import type { Locale } from './locale';

export type MessageKey = ServerMessageKey;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The plural form of a message about `count`: `<key>_<category>` by the language's plural rules
 * (`Intl.PluralRules`: Arabic's zero, two, few and many), the key itself for `other` or when the
 * language has no form of its own for that category. `<key>_one` is the singular, written for a
 * count of 1 ("One of the listed…"): French and Portuguese also put 0 in the `one` category, and
 * get the key itself for it.
 */
export function pluralKey(key: MessageKey, locale: Locale, count: unknown): MessageKey {
  if (typeof count !== 'number') return key;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const category = count === 1 ? 'one' : rules.select(count);
  if (category === 'other' || (category === 'one' && count !== 1)) return key;
  const form = `${key}_${category}`;
  return form in serverResources[locale] ? form as MessageKey : key;
}

/**
 * The message in the reader's language with its `{params}` filled in. A message about a `count`
 * takes its plural form (pluralKey).
 */
export function message(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return serverResources[locale][pluralKey(key, locale, params.count)]
    .replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
