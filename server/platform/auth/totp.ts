/**
 * The second factor: time-based one-time codes (RFC 6238: HMAC-SHA-1, 6
 * digits, 30-second steps, as every authenticator app reads them) through
 * `otpauth`, and one-time recovery codes.
 *
 * A code is accepted for the current step and one step either side (clocks of
 * phones drift); the step it matched is answered so the caller can refuse any
 * step not later than the last one accepted: a code is never accepted twice.
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A new random secret (160 bits, base32, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app reads (as a QR code or pasted). */
export function totpUri(secret: string, account: string, issuer: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, algorithm: 'SHA1' }).toString();
}

/** The time step of a moment. */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / PERIOD);

/** The code of a moment (tests and nothing else need it). */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime(), digits: DIGITS, period: PERIOD });
}

/** The step a code belongs to, when it is right at `now` (± one step) and later than `lastStep`; otherwise null. */
export function matchTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), timestamp: now.getTime(), digits: DIGITS, period: PERIOD, window: 1 });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Ten recovery codes such as `k7qd-2mxf-9zpa` (59 bits each), to be shown once. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A typed recovery code as stored: lower case, without spaces or dashes. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

/** Whether the text looks like a recovery code rather than a six-digit one. */
export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{12}$/.test(normaliseRecoveryCode(code)) && !/^\d+$/.test(normaliseRecoveryCode(code));
