/**
 * The languages an NMIRF's name is given in: the six UN languages and Portuguese (not the interface's list,
 * shared/i18n/languages.ts). Without zod, so that the web app can import it.
 */
export const NAME_LANGUAGES = ['ar', 'en', 'es', 'fr', 'pt', 'ru', 'zh'] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];
