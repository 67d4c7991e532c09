/**
 * User-interface strings, shared by the web app and the server (for its own
 * error messages). Plain JSON per locale plus this module: no React here.
 * Every locale has exactly the keys of `en.json` (checked by i18n.test.ts).
 */
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };

/** Supported user-interface locales, in the order the language switch shows them. */
export const locales = ['es', 'en', 'fr', 'pt'] as const;
export type Locale = (typeof locales)[number];

/** Used when nothing better is known (no matching browser language). */
export const defaultLocale: Locale = 'en';

/** Each locale's name in its own language, for language switches. */
export const localeNames: Record<Locale, string> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  pt: 'Português',
};

export type Messages = typeof en;

/** Every locale's core strings (the key-parity test reads them; the web app loads one locale at a time: app/i18n.ts). */
export const resources: Record<Locale, { translation: Messages }> = {
  en: { translation: en },
  es: { translation: es },
  fr: { translation: fr },
  pt: { translation: pt },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The best supported locale for a list of language tags in preference order
 * (navigator.languages, or the parsed Accept-Language header): "pt-BR" → "pt".
 */
export function pickLocale(preferred: readonly string[] | undefined | null, fallback: Locale = defaultLocale): Locale {
  for (const tag of preferred ?? []) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return fallback;
}
