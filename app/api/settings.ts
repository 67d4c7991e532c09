/** The instance's settings: the public part every page shows, and the whole for the administrator. */
import type { PublicSettings, Settings, SettingsInput } from '../../shared/settings';
import { request } from './http';

export type { PublicSettings, Settings, SettingsInput };

export function getPublicSettings(signal?: AbortSignal) {
  return request<PublicSettings>('GET', '/api/v1/settings', { signal });
}

export function getSettings(locale: string, signal?: AbortSignal) {
  return request<Settings>('GET', '/api/v1/admin/settings', { locale, signal });
}

export function saveSettings(input: SettingsInput, locale: string, csrf: string) {
  return request<Settings>('PUT', '/api/v1/admin/settings', { locale, csrf, body: input });
}

/** A new logo: the file's bytes in base64 (the server reads its type from them). */
export function setLogo(input: { version: number; data: string }, locale: string, csrf: string) {
  return request<Settings>('PUT', '/api/v1/admin/settings/logo', { locale, csrf, body: input });
}

export function removeLogo(version: number, locale: string, csrf: string) {
  return request<Settings>('DELETE', '/api/v1/admin/settings/logo', { locale, csrf, query: { version } });
}
