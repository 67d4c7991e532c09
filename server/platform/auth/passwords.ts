/**
 * Password hashing (argon2id, OWASP parameters) and the rules a new password
 * must meet. Passwords are NFC-normalised before hashing and verifying, so the
 * same accented password typed on different systems gives the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH } from '../../../shared/users';
import type { MessageKey } from '../http/messages';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export { PASSWORD_MAX_LENGTH };

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * True when `password` matches `passwordHash`. Without a hash (unknown
 * account, or no password set yet) a throw-away hash is verified all the same,
 * so the answer takes as long as for a real account, and is false.
 */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password.normalize('NFC')).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

/** The first rule the password breaks (a message key with its parameters), or null when it is acceptable. */
export function passwordProblem(password: string, email: string): { key: MessageKey; params: Record<string, number> } | null {
  const length = [...password.normalize('NFC')].length; // characters, not UTF-16 units
  if (length < PASSWORD_MIN_LENGTH) return { key: 'password_too_short', params: { min: PASSWORD_MIN_LENGTH } };
  if (length > PASSWORD_MAX_LENGTH) return { key: 'password_too_long', params: { max: PASSWORD_MAX_LENGTH } };
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return { key: 'password_is_email', params: {} };
  return null;
}
