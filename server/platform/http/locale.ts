/** The language a request is answered in: `locale` parameter, else Accept-Language, else the default (shared/i18n/languages.ts). */
import type { FastifyRequest } from 'fastify';
import { defaultLocale, isLocale, type Locale } from '../../../shared/i18n/languages';

export { isLocale, type Locale };

export function requestLocale(request: FastifyRequest): Locale {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.locale;
  if (isLocale(fromQuery)) return fromQuery;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header.split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { language: tag.trim().slice(0, 2).toLowerCase(), weight: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((entry) => isLocale(entry.language) && entry.weight > 0)
      .sort((a, b) => b.weight - a.weight);
    if (ranked[0]) return ranked[0].language as Locale;
  }
  return defaultLocale;
}

/** A localized value with fallbacks: requested language, the default language, then any. */
export function pickText(texts: Record<string, string> | null | undefined, locale: string): string {
  if (!texts) return '';
  return texts[locale] ?? texts[defaultLocale] ?? Object.values(texts)[0] ?? '';
}
