import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, resources, type Locale } from '../shared/i18n';

/**
 * One i18next instance per locale, all initialised synchronously from the
 * bundled JSON: the locale comes from the URL and each page renders in it from
 * its first paint, without a language-change effect.
 */
const instances = new Map<Locale, i18n>();

/** Strings added by lazily loaded parts of the app, one object per locale. */
type Bundle = Record<Locale, object>;
const bundles: Bundle[] = [];

function addBundle(instance: i18n, bundle: Bundle) {
  // Every instance holds every locale (for the fallback), so each gets all of them.
  for (const code of locales) instance.addResourceBundle(code, 'translation', bundle[code], true, false);
}

/**
 * Adds strings that only some pages need (the workspace's), so that the first
 * bundle does not carry them. Call it when the module that needs them is
 * loaded, before it renders.
 */
export function addStrings(bundle: Bundle) {
  if (bundles.includes(bundle)) return;
  bundles.push(bundle);
  for (const instance of instances.values()) addBundle(instance, bundle);
}

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
    for (const bundle of bundles) addBundle(instance, bundle);
    instances.set(locale, instance);
  }
  return instance;
}
