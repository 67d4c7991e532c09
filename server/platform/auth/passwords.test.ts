import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores argon2id with the OWASP parameters and a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('horse');
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const composed = 'contraseña segura'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('answers false, after a real verification, when there is no hash or a broken one', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword(undefined, 'anything at all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
  });
});

describe('password rules', () => {
  it('needs 12 to 256 characters, counted as characters, and not the email address', () => {
    expect(passwordProblem('elevenchars', 'a@b.org')).toEqual({ key: 'password_too_short', params: { min: 12 } });
    expect(passwordProblem('twelve chars', 'a@b.org')).toBeNull();
    expect(passwordProblem('ñ'.repeat(12), 'a@b.org')).toBeNull();
    expect(passwordProblem('🔒'.repeat(11), 'a@b.org')?.key).toBe('password_too_short'); // 22 UTF-16 units, 11 characters
    expect(passwordProblem('x'.repeat(256), 'a@b.org')).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'a@b.org')).toEqual({ key: 'password_too_long', params: { max: 256 } });
    expect(passwordProblem('Ana.Lopez@Example.org', 'ana.lopez@example.org')?.key).toBe('password_is_email');
  });
});
