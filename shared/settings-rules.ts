/**
 * Closed lists, limits and the contrast rule of the instance's settings, without any dependency, so that
 * the browser can import them (the settings page checks the colour as it is typed) without loading zod.
 */
import { locales } from './i18n/languages';

export const INTERFACE_LANGUAGES = locales;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/**
 * Words of the interface an instance may call otherwise (what a "focal point" is called in its government),
 * singular and plural: the web app replaces each where the interface's own word appears.
 */
export const TERMS = ['focal_point', 'focal_points', 'validator', 'validators', 'secretariat'] as const;
export type Term = (typeof TERMS)[number];

export const LOGO_LIMITS = {
  /** Largest logo file accepted. */
  bytes: 512 * 1024,
  /** Largest width and height of a raster logo, in pixels. */
  maxPixels: 2048,
  /** Smallest width and height of a raster logo, in pixels. */
  minPixels: 16,
} as const;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** WCAG 2.x contrast ratio required for normal text (level AA). */
export const MIN_CONTRAST = 4.5;
/** The primary colour carries white text (buttons, the header) and is itself text on the page background. */
export const CONTRAST_BACKGROUNDS = ['#ffffff', '#f5f6f8'] as const;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG 2.x). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The lowest contrast of the colour against what it meets in the interface. */
export function primaryContrast(hex: string): number {
  return Math.min(...CONTRAST_BACKGROUNDS.map((background) => contrastRatio(hex, background)));
}
