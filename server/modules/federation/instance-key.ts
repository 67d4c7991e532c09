/**
 * The national instance's signing key (NETWORK_KEY_FILE, made by `npm run network:keygen`): read from
 * its file on each use, so a rotated key is in effect at once, and recorded with the moment it was
 * first published under (`federation_key`), the key it replaced getting its end.
 */
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { publicJwkOf } from './package-signature';

export interface InstanceKey { pem: string; jwk: Awaited<ReturnType<typeof publicJwkOf>> }

/** The private key and its public JWK; null when there is no readable key file. */
export async function instanceKey(keyFile: string | null): Promise<InstanceKey | null> {
  if (!keyFile) return null;
  let pem: string;
  try {
    pem = fs.readFileSync(keyFile, 'utf8');
  } catch {
    return null;
  }
  return { pem, jwk: await publicJwkOf(createPrivateKey(pem)) };
}

/** Records `key` as in use from `at` (once) and ends every other key still open. */
export async function recordKey(q: pg.Pool | pg.PoolClient, key: InstanceKey, at: Date): Promise<void> {
  await q.query('insert into federation_key (kid, jwk, valid_from) values ($1, $2, $3) on conflict (kid) do nothing', [key.jwk.kid, JSON.stringify(key.jwk), at.toISOString()]);
  await q.query('update federation_key set valid_until = $2 where kid <> $1 and valid_until is null', [key.jwk.kid, at.toISOString()]);
}
