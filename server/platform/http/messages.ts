/** Server-side messages shown to people, in every supported UI language: the catalogue is shared/i18n/server. */
import { type ServerMessageKey, serverResources } from '../../../shared/i18n/server';
import type { Locale } from './locale';

export type MessageKey = ServerMessageKey;

/**
 * The message in the reader's language with its `{params}` filled in. A message
 * about a `count` has its singular under `<key>_one`, used when the count is 1.
 */
export function message(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  const messages = serverResources[locale];
  const singular = `${key}_one`;
  const chosen = params.count === 1 && singular in messages ? singular as MessageKey : key;
  return messages[chosen].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
