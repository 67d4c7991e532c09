import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, resources, type Locale } from '../shared/i18n';

/**
 * One i18next instance per locale, all initialised synchronously from the
 * bundled JSON: the locale comes from the URL and each page renders in it from
 * its first paint, without a language-change effect.
 */
const instances = new Map<Locale, i18n>();

export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: 'en',
      supportedLngs: [...locales],
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}
