import { createContext, createElement, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Locale } from '../shared/i18n';
import { TERMS } from '../shared/settings-rules';

/**
 * The strings of one locale only: a reader downloads the catalogue of the language they read, not
 * all of them (with four languages, about 20 KB gzipped less on the first page, 25 KB more on the workspace's). Each
 * catalogue is a chunk of its own (`shared/i18n/locales/<locale>.json`, and the workspace's in
 * `shared/i18n/workspace/`).
 *
 * - `main.tsx` loads the first locale's core strings before the first render, so pages render in
 *   the reader's language from their first paint, without a language-change effect.
 * - A module that needs the workspace strings awaits `needStrings('workspace', <their loaders>)` at
 *   its top level (`lib/workspace-strings.ts`): the lazily loaded page that imports it renders once
 *   they are there, and the search page's first bundle stays without them, and without their loaders.
 * - When the reader switches language, `LocaleLayout` suspends on `stringsReady(locale)` until that
 *   locale's core strings and every set needed so far are loaded.
 *
 * Every locale has exactly the keys of English and its own plural forms (shared/i18n/i18n.test.ts),
 * so no fallback language is loaded. Reading the strings is done here rather than by i18next and react-i18next (about 17 KB
 * gzipped on every page, for plural forms and placeholders only): decision 0014.
 */
type StringSet = 'core' | 'workspace' | 'network';
export type Catalogue = Record<string, unknown>;
/** A set's catalogue loaders, keyed by file name (`./ar.json`): `import.meta.glob` over the set's folder. */
export type Loaders = Record<string, () => Promise<Catalogue>>;

/**
 * Each set's loaders: the core's here, another set's given by the module that needs it (needStrings), so that the
 * first bundle holds only the core's (a short loader per language; the strings are chunks of their own).
 */
const loaders: Partial<Record<StringSet, Loaders>> = {
  core: import.meta.glob<Catalogue>('./*.json', { base: '../shared/i18n/locales', import: 'default' }),
};

function loaderOf(set: StringSet, locale: Locale) {
  const loader = loaders[set]?.[`./${locale}.json`];
  if (!loader) throw new Error(`no ${set} strings for ${locale}`);
  return loader;
}

/** Values for a string's `{{placeholders}}`; `count` also picks the plural form, `defaultValue` stands in for a missing key. */
export type TOptions = Record<string, unknown> & { count?: number; defaultValue?: string };
export type TFunction = (key: string, options?: TOptions) => string;

/**
 * The strings of one locale, read as i18next read them before (the catalogues are unchanged):
 * keys are dot paths into the JSON; with a numeric `count`, the plural form `key_<category>` of the
 * category `Intl.PluralRules` gives for the locale (Arabic has six: zero, one, two, few, many, other),
 * then `key_other`, then `key`; `{{name}}` replaced by
 * the option's value (left as written when the option is not given). A missing key gives
 * `defaultValue`, or else the key itself. React escapes what is shown, so nothing is escaped here.
 */
export class Translator {
  private readonly catalogue: Record<string, unknown> = {};
  private readonly plurals: Intl.PluralRules;
  constructor(readonly language: Locale) {
    this.plurals = new Intl.PluralRules(language);
  }

  add(strings: Record<string, unknown>) {
    merge(this.catalogue, strings);
  }

  /** Replaces every string (the instance's words changed). */
  reset(catalogues: Record<string, unknown>[]) {
    for (const key of Object.keys(this.catalogue)) delete this.catalogue[key];
    for (const strings of catalogues) merge(this.catalogue, strings);
  }

  private lookup(key: string): string | undefined {
    let node: unknown = this.catalogue;
    for (const part of key.split('.')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : undefined;
  }

  t: TFunction = (key, options) => {
    let text: string | undefined;
    if (typeof options?.count === 'number') {
      text = this.lookup(`${key}_${this.plurals.select(options.count)}`) ?? this.lookup(`${key}_other`);
    }
    text ??= this.lookup(key) ?? options?.defaultValue ?? key;
    if (!options || !text.includes('{{')) return text;
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, name: string) => {
      if (!Object.hasOwn(options, name)) return placeholder;
      const value = options[name];
      return value === undefined || value === null ? '' : String(value);
    });
  };
}

function merge(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value && typeof value === 'object' && existing && typeof existing === 'object') {
      merge(existing as Record<string, unknown>, value as Record<string, unknown>);
    } else target[key] = value;
  }
}

/** One translator per locale, holding that locale's strings loaded so far. */
const instances = new Map<Locale, Translator>();
/** The sets some loaded module needs (the core strings always). */
const needed = new Set<StringSet>(['core']);
/** Loaded (or loading) catalogues, by `set:locale`. */
const catalogues = new Map<string, Promise<Catalogue>>();
const ready = new Map<string, Catalogue>();

/** `locale`'s loaded catalogues, in the instance's words. */
function cataloguesOf(locale: Locale): Record<string, unknown>[] {
  const core = ready.get(`core:${locale}`);
  return (['core', 'workspace', 'network'] as const).flatMap((set) => {
    const catalogue = ready.get(`${set}:${locale}`);
    return catalogue ? [inInstanceWords(catalogue, locale, instanceTexts, core) as Record<string, unknown>] : [];
  });
}

function instanceOf(locale: Locale): Translator {
  let instance = instances.get(locale);
  if (!instance) {
    instance = new Translator(locale);
    instance.reset(cataloguesOf(locale));
    instances.set(locale, instance);
  }
  return instance;
}

function load(set: StringSet, locale: Locale): Promise<Catalogue> {
  const key = `${set}:${locale}`;
  let loading = catalogues.get(key);
  if (!loading) {
    loading = loaderOf(set, locale)().then((catalogue) => {
      ready.set(key, catalogue);
      instanceOf(locale).reset(cataloguesOf(locale));
      return catalogue;
    });
    // A failed download (offline) is tried again the next time the strings are asked for.
    loading.catch(() => catalogues.delete(key));
    catalogues.set(key, loading);
  }
  return loading;
}

/** Loads `locale`'s strings: the core ones and every set needed so far. */
export async function loadStrings(locale: Locale): Promise<void> {
  await Promise.all([...needed].map((set) => load(set, locale)));
}

/**
 * Declares that a module needs a set of strings, and loads it for every locale in use. Await it at
 * the top level of the module that needs them, before anything renders.
 */
export async function needStrings(set: StringSet, setLoaders: Loaders): Promise<void> {
  loaders[set] = setLoaders;
  needed.add(set);
  await Promise.all([...instances.keys()].map((locale) => load(set, locale)));
}

/**
 * Whether `locale`'s strings are all there; when not, a promise that settles when they are (for
 * Suspense: `LocaleLayout` throws it).
 */
export function stringsReady(locale: Locale): true | Promise<void> {
  const sets = [...needed];
  if (sets.every((set) => ready.has(`${set}:${locale}`))) return true;
  // The same promise for the same wait, as React's `use` expects.
  const key = `${locale}:${sets.join(',')}`;
  let waiting = waits.get(key);
  if (!waiting) {
    waiting = loadStrings(locale);
    waiting.catch(() => waits.delete(key));
    waits.set(key, waiting);
  }
  return waiting;
}
const waits = new Map<string, Promise<void>>();

/** The translator of a locale; its strings are those loaded so far (see loadStrings). */
export function i18nFor(locale: Locale): Translator {
  return instanceOf(locale);
}

const TranslatorContext = createContext<{ translator: Translator; wording: number } | null>(null);

/** Gives the pages under it the translator of `locale` (LocaleLayout); they re-render when the instance's words change. */
export function TranslationProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const wording = useSyncExternalStore(subscribeToWording, currentWording, currentWording);
  const value = useMemo(() => ({ translator: instanceOf(locale), wording }), [locale, wording]);
  return createElement(TranslatorContext.Provider, { value }, children);
}

/** `t` and the page's language (`i18n.language`), as the pages have always read them. */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const context = useContext(TranslatorContext);
  if (!context) throw new Error('useTranslation outside TranslationProvider');
  return { t: context.translator.t, i18n: context.translator };
}

/** The instance's own words (its settings): its name and description, and the interface's words it calls otherwise. */
export interface InstanceTexts {
  name: Record<string, string>;
  description: Record<string, string>;
  terminology: Record<string, Record<string, string>>;
  defaultLanguage: string;
}
let instanceTexts: InstanceTexts | null = null;
let wording = 0;
const wordingListeners = new Set<() => void>();
const currentWording = () => wording;
function subscribeToWording(listener: () => void) {
  wordingListeners.add(listener);
  return () => { wordingListeners.delete(listener); };
}

/**
 * Sets the instance's words: every loaded string is rewritten with them (before interpolation, so a
 * person's or an institution's name is never touched) and what was shown re-renders.
 */
export function setInstanceTexts(texts: InstanceTexts) {
  if (JSON.stringify(texts) === JSON.stringify(instanceTexts)) return;
  instanceTexts = texts;
  for (const [locale, instance] of instances) instance.reset(cataloguesOf(locale));
  wording++;
  for (const listener of wordingListeners) listener();
}

/** Longer terms first: "focal points" is replaced whole before "focal point" could match inside it. */
const TERM_ORDER = [...TERMS].sort((a, b) => b.length - a.length);

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A catalogue (nested strings) in the instance's words: `app.name` and `app.tagline` become its name and
 * description; each of the interface's words it calls otherwise (`terms.*` of the core catalogue,
 * `core`: the language's own words) is replaced, keeping a capital where the string had one. Without
 * settings (or before they arrive), the catalogue as it is.
 */
export function inInstanceWords(catalogue: object, language: Locale, texts: InstanceTexts | null, core: object | undefined): object {
  if (!texts) return catalogue;
  const overrides = texts.terminology[language] ?? {};
  const ownWords = (core as { terms?: Record<string, string> } | undefined)?.terms ?? {};
  const patterns = TERM_ORDER.flatMap((term) => {
    const word = ownWords[term];
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
