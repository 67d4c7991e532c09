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
  // Every instance holds every locale (for the fallback), so each gets all of them, in the instance's words.
  for (const code of locales) instance.addResourceBundle(code, 'translation', inInstanceWords(bundle[code], code), true, true);
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
    if (instanceTexts) addBundle(instance, resourcesBundle());
    for (const bundle of bundles) addBundle(instance, bundle);
    instances.set(locale, instance);
  }
  return instance;
}

/** The instance's own words (its settings): its name and description, and the interface's words it calls otherwise. */
interface InstanceTexts {
  name: Record<string, string>;
  description: Record<string, string>;
  terminology: Record<string, Record<string, string>>;
  defaultLanguage: string;
}
let instanceTexts: InstanceTexts | null = null;

/** The bundled strings as a bundle (what every instance starts with). */
function resourcesBundle(): Bundle {
  return Object.fromEntries(locales.map((code) => [code, resources[code].translation])) as Bundle;
}

/**
 * Sets the instance's words: every catalogue string is rewritten with them (before interpolation, so a
 * person's or an institution's name is never touched) and what was shown re-renders.
 */
export function setInstanceTexts(texts: InstanceTexts) {
  if (JSON.stringify(texts) === JSON.stringify(instanceTexts)) return;
  instanceTexts = texts;
  for (const instance of instances.values()) {
    addBundle(instance, resourcesBundle());
    for (const bundle of bundles) addBundle(instance, bundle);
    instance.emit('languageChanged', instance.language);
  }
}

/** Plural forms before singular ones: "focal points" is replaced whole before "focal point" could match inside it. */
const TERM_ORDER = ['focal_points', 'focal_point', 'validators', 'validator', 'secretariat'];

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The interface's own word for a term in a language (`terms.*` of the bundled catalogue). */
function ownWord(language: Locale, term: string): string | undefined {
  return (resources[language].translation as { terms?: Record<string, string> }).terms?.[term];
}

/**
 * A catalogue (nested strings) in the instance's words: `app.name` and `app.tagline` become its name and
 * description; each of the interface's words it calls otherwise is replaced, keeping a capital where the
 * string had one. Without settings (or before they arrive), the catalogue as it is.
 */
export function inInstanceWords(catalogue: object, language: Locale, texts: InstanceTexts | null = instanceTexts): object {
  if (!texts) return catalogue;
  const overrides = texts.terminology[language] ?? {};
  const patterns = TERM_ORDER.flatMap((term) => {
    const word = ownWord(language, term);
    const replacement = overrides[term];
    return word && replacement ? [{ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu'), replacement }] : [];
  });
  const rewrite = (text: string) => patterns.reduce((result, { pattern, replacement }) => result.replace(pattern, (found) => (
    found[0] !== found[0].toLocaleLowerCase(language) ? replacement[0].toLocaleUpperCase(language) + replacement.slice(1) : replacement
  )), text);
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      if (path === 'app.name') return texts.name[language] || texts.name[texts.defaultLanguage] || node;
      if (path === 'app.tagline') return texts.description[language] || node;
      return path.startsWith('terms.') || path.startsWith('settings.terms.') ? node : rewrite(node);
    }
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, path ? `${path}.${key}` : key)]));
    }
    return node;
  };
  return walk(catalogue, '') as object;
}
