/**
 * The one list of languages: the interface's, the content's and the catalogues' (shared/i18n/locales,
 * shared/i18n/workspace). No dependency, so that anything (the browser's settings page, the command line)
 * can import it without loading the catalogues or zod. Adding a language is adding its catalogue files and
 * its entry here (the code, its name, its direction).
 */
export const locales = ['es', 'en', 'fr', 'pt', 'ar'] as const;
export type Locale = (typeof locales)[number];

/**
 * The one fallback: the language used when nothing better is known (no `locale` parameter, no matching
 * Accept-Language or browser language, no language stored with a person).
 */
export const defaultLocale: Locale = 'en';

/** Each locale's name in its own language, for language switches. */
export const localeNames: Record<Locale, string> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  pt: 'Português',
  ar: 'العربية',
};

/** Each locale's writing direction: the pages' `<html dir>`, the emails' and the server's own pages'. */
export const localeDirections: Record<Locale, 'ltr' | 'rtl'> = {
  es: 'ltr',
  en: 'ltr',
  fr: 'ltr',
  pt: 'ltr',
  ar: 'rtl',
};

/** `'rtl'` for a locale of the list written right to left, else `'ltr'` (any string: outside the list, `'ltr'`). */
export function localeDirection(locale: string): 'ltr' | 'rtl' {
  return isLocale(locale) ? localeDirections[locale] : 'ltr';
}

/**
 * The writing direction of any language, a content language outside the list too (Persian, Hebrew…): the list's
 * own for its locales, else the runtime's locale data (Intl.Locale's text info: a getter up to Node 22, a method
 * after; `'ltr'` where the runtime has none). The server's (the PDF export): the web app's pages need only
 * `localeDirection`.
 */
export function writingDirection(language: string): 'ltr' | 'rtl' {
  if (isLocale(language)) return localeDirections[language];
  type TextInfo = { direction?: string };
  let info: Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };
  try {
    info = new Intl.Locale(language);
  } catch {
    return 'ltr';
  }
  return (info.getTextInfo?.() ?? info.textInfo)?.direction === 'rtl' ? 'rtl' : 'ltr';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** `value` when it is a supported locale, else the fallback. */
export function localeOr(value: unknown, fallback: Locale = defaultLocale): Locale {
  return isLocale(value) ? value : fallback;
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
