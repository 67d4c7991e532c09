/** The account API: sign in and out, the signed-in person, password resets. */
import type { SessionUser } from '../../shared/users';
import { ApiError, request } from './http';

export type { SessionUser };

/** The signed-in person, or null for a visitor. */
export async function getMe(): Promise<SessionUser | null> {
  try {
    return await request<SessionUser>('GET', '/api/v1/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(email: string, password: string, locale: string, csrf?: string): Promise<SessionUser> {
  return request<SessionUser>('POST', '/api/v1/auth/login', { locale, csrf, body: { email, password } });
}

export async function logout(csrf: string, locale: string): Promise<void> {
  await request<null>('POST', '/api/v1/auth/logout', { locale, csrf });
}

export async function requestPasswordReset(email: string, locale: string): Promise<void> {
  await request<unknown>('POST', '/api/v1/auth/password-reset', { locale, body: { email } });
}

export async function confirmPasswordReset(token: string, password: string, locale: string): Promise<void> {
  await request<null>('POST', '/api/v1/auth/password-reset/confirm', { locale, body: { token, password } });
}
