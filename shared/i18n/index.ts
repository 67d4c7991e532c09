/**
 * User-interface strings, shared by the web app and the server (for its own
 * error messages). Plain JSON per locale plus this module: no React here.
 * Every locale has exactly the keys of `en.json` (checked by i18n.test.ts).
 */
import ar from './locales/ar.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };

import type { Locale } from './languages';

export { defaultLocale, isLocale, type Locale, localeDirection, localeDirections, localeNames, localeOr, locales, pickLocale } from './languages';

export type Messages = typeof en;

/** Every locale's core strings (the key-parity test reads them; the web app loads one locale at a time: app/i18n.ts). */
export const resources: Record<Locale, { translation: Messages }> = {
  en: { translation: en },
  es: { translation: es },
  fr: { translation: fr },
  pt: { translation: pt },
  ar: { translation: ar },
};
