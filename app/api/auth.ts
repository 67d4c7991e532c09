/** The account API: sign in and out, the signed-in person, password resets, the second factor, the sign-in methods. */
import type { SessionUser } from '../../shared/users';
import { ApiError, request } from './http';

export type { SessionUser };

/** The password (or single sign-on) was right; the session opens with the second factor's code. */
export interface SecondFactorRequired { second_factor_required: true }

/** The signed-in person, or null for a visitor. */
export async function getMe(): Promise<SessionUser | null> {
  try {
    return await request<SessionUser>('GET', '/api/v1/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(email: string, password: string, locale: string, csrf?: string): Promise<SessionUser | SecondFactorRequired> {
  return request<SessionUser | SecondFactorRequired>('POST', '/api/v1/auth/login', { locale, csrf, body: { email, password } });
}

/** Finishes a sign-in with the code of the authenticator app or a recovery code. */
export function signInSecondFactor(code: string, locale: string, csrf?: string): Promise<SessionUser> {
  return request<SessionUser>('POST', '/api/v1/auth/second-factor', { locale, csrf, body: { code } });
}

export interface SecondFactorStatus { enabled: boolean; required: boolean; recovery_codes_left: number }

export function getSecondFactor(locale: string): Promise<SecondFactorStatus> {
  return request<SecondFactorStatus>('GET', '/api/v1/account/second-factor', { locale });
}

export function startSecondFactorSetup(csrf: string, locale: string): Promise<{ secret: string; otpauth_uri: string }> {
  return request<{ secret: string; otpauth_uri: string }>('POST', '/api/v1/account/second-factor/setup', { locale, csrf });
}

export function confirmSecondFactorSetup(code: string, csrf: string, locale: string): Promise<{ recovery_codes: string[] }> {
  return request<{ recovery_codes: string[] }>('POST', '/api/v1/account/second-factor/confirm', { locale, csrf, body: { code } });
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

/** How people sign in on this instance (GET /api/v1/auth/methods). */
export interface SignInMethods {
  /** `organisations`: only accounts of civil-society organisations use a password; staff use single sign-on. */
  password: 'everyone' | 'organisations';
  oidc: { label: string; start_url: string } | null;
}

export function getSignInMethods(): Promise<SignInMethods> {
  return request<SignInMethods>('GET', '/api/v1/auth/methods');
}

/** Where the single sign-on button goes: a full page load to the server, which sends the browser to the provider. */
export const singleSignOnUrl = (methods: SignInMethods, locale: string) =>
  (methods.oidc ? `${methods.oidc.start_url}?${new URLSearchParams({ locale })}` : null);
