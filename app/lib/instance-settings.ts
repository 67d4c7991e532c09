/**
 * The instance's public settings applied to every page: its name and short
 * description replace the interface's own (`app.name`, `app.tagline`), its
 * words replace the interface's (what a "focal point" is called: app/i18n.ts
 * rewrites the loaded strings), its primary colour becomes the
 * stylesheet's, and only the languages it offers are offered.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getPublicSettings, type PublicSettings } from '../api/settings';
import { keys } from '../api/query-keys';
import { setInstanceTexts } from '../i18n';

export function useInstanceSettings() {
  return useQuery({
    queryKey: keys.settings.public,
    queryFn: ({ signal }) => getPublicSettings(signal),
    // Settings change rarely; a page opened later asks again (the answer is cacheable and revalidated).
    staleTime: 5 * 60_000,
  });
}

/** #rrggbb mixed with `towards` (#rrggbb) by `amount` (0 to 1). */
export function mix(hex: string, towards: string, amount: number): string {
  const parse = (value: string) => [1, 3, 5].map((at) => Number.parseInt(value.slice(at, at + 2), 16));
  const [a, b] = [parse(hex), parse(towards)];
  return `#${a.map((c, i) => Math.round(c + (b[i] - c) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/** Applies the settings to the page (colour) and to the interface's strings (name, description, words). */
export function useApplyInstanceSettings(settings: PublicSettings | undefined) {
  useEffect(() => {
    if (!settings) return;
    setInstanceTexts({ name: settings.name, description: settings.description, terminology: settings.terminology, defaultLanguage: settings.default_language });
    const style = document.documentElement.style;
    const colour = settings.primary_colour;
    style.setProperty('--primary', colour);
    style.setProperty('--primary-dark', mix(colour, '#000000', 0.3));
    style.setProperty('--primary-tint', mix(colour, '#ffffff', 0.9));
    style.setProperty('--focus', `3px solid ${colour}`);
  }, [settings]);
}
