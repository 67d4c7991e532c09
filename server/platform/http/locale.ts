/** The language a request is answered in: `locale` parameter, else Accept-Language, else English. */
import type { FastifyRequest } from 'fastify';

export const LOCALES = ['es', 'en', 'fr', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

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
  return 'en';
}

/** A localized value with fallbacks: requested language, English, then any. */
export function pickText(texts: Record<string, string> | null | undefined, locale: string): string {
  if (!texts) return '';
  return texts[locale] ?? texts.en ?? Object.values(texts)[0] ?? '';
}
