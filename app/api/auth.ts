/** The account API: sign in and out, the signed-in person, password resets. */
import { ApiError, NetworkError } from './client';

export interface SessionUser {
  user: {
    id: string | number;
    email: string;
    display_name: string;
    locale: string;
    memberships: { role: string; institution_id: string | number | null }[];
  };
  /** `setup_required`: this instance requires a second factor of the person and they must set it up first. */
  second_factor?: { enabled: boolean; setup_required: boolean };
  csrf_token: string;
}

/** The password (or single sign-on) was right; the session opens with the second factor's code. */
export interface SecondFactorRequired { second_factor_required: true }

async function send(method: string, url: string, options: { body?: unknown; csrf?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.ok) return response;
  let body: { error?: unknown; message?: unknown } | null = null;
  try {
    body = await response.json();
  } catch {
    // no JSON body
  }
  if (body && typeof body.message === 'string') {
    throw new ApiError(response.status, String(body.error ?? 'error'), body.message);
  }
  throw new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
}

const withLocale = (path: string, locale: string) => `${path}?${new URLSearchParams({ locale })}`;

/** The signed-in person, or null for a visitor. */
export async function getMe(): Promise<SessionUser | null> {
  try {
    const response = await send('GET', '/api/v1/auth/me');
    return (await response.json()) as SessionUser;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function login(email: string, password: string, locale: string, csrf?: string): Promise<SessionUser | SecondFactorRequired> {
  const response = await send('POST', withLocale('/api/v1/auth/login', locale), { body: { email, password }, csrf });
  return (await response.json()) as SessionUser | SecondFactorRequired;
}

/** Finishes a sign-in with the code of the authenticator app or a recovery code. */
export async function signInSecondFactor(code: string, locale: string, csrf?: string): Promise<SessionUser> {
  const response = await send('POST', withLocale('/api/v1/auth/second-factor', locale), { body: { code }, csrf });
  return (await response.json()) as SessionUser;
}

export interface SecondFactorStatus { enabled: boolean; required: boolean; recovery_codes_left: number }

export async function getSecondFactor(locale: string): Promise<SecondFactorStatus> {
  const response = await send('GET', withLocale('/api/v1/account/second-factor', locale));
  return (await response.json()) as SecondFactorStatus;
}

export async function startSecondFactorSetup(csrf: string, locale: string): Promise<{ secret: string; otpauth_uri: string }> {
  const response = await send('POST', withLocale('/api/v1/account/second-factor/setup', locale), { csrf });
  return (await response.json()) as { secret: string; otpauth_uri: string };
}

export async function confirmSecondFactorSetup(code: string, csrf: string, locale: string): Promise<{ recovery_codes: string[] }> {
  const response = await send('POST', withLocale('/api/v1/account/second-factor/confirm', locale), { body: { code }, csrf });
  return (await response.json()) as { recovery_codes: string[] };
}

export async function logout(csrf: string, locale: string): Promise<void> {
  await send('POST', withLocale('/api/v1/auth/logout', locale), { csrf });
}

export async function requestPasswordReset(email: string, locale: string): Promise<void> {
  await send('POST', withLocale('/api/v1/auth/password-reset', locale), { body: { email } });
}

export async function confirmPasswordReset(token: string, password: string, locale: string): Promise<void> {
  await send('POST', withLocale('/api/v1/auth/password-reset/confirm', locale), { body: { token, password } });
}

/** How people sign in on this instance (GET /api/v1/auth/methods). */
export interface SignInMethods {
  /** `organisations`: only accounts of civil-society organisations use a password; staff use single sign-on. */
  password: 'everyone' | 'organisations';
  oidc: { label: string; start_url: string } | null;
}

export async function getSignInMethods(): Promise<SignInMethods> {
  const response = await send('GET', '/api/v1/auth/methods');
  return (await response.json()) as SignInMethods;
}

/** Where the single sign-on button goes: a full page load to the server, which sends the browser to the provider. */
export const singleSignOnUrl = (methods: SignInMethods, locale: string) => (methods.oidc ? withLocale(methods.oidc.start_url, locale) : null);
