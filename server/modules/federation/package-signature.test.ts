/**
 * Signed packages: what the hub accepts and what it refuses, each refusal with its reason — a
 * tampered byte, a key of another State, a replayed or older version, an unknown key, a key used
 * outside its validity (rotation), a missing, resized or oversized resource, a malformed manifest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactSign } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkKeygen } from '../../cli/network-keygen';
import {
  generateInstanceKeys, manifestOf, MAX_RESOURCE_BYTES, PACKAGE_JWS_TYPE, signManifest, verifyPackage,
  type InstanceKeys, type Manifest, type RegisteredKey,
} from './package-signature';

let paraguay: InstanceKeys;
let morocco: InstanceKeys;
let keys: RegisteredKey[];
const encoder = new TextEncoder();

const recommendations = encoder.encode(`${JSON.stringify({ id: 'PRY-1', text: { es: 'Garantizar la educación inclusiva' } })}\n`);
const tombstones = encoder.encode(`${JSON.stringify({ id: 'PRY-7', deleted: '2026-11-30' })}\n`);

function packageOf(version: number, overrides: Partial<Manifest> = {}): { manifest: Manifest; resources: Map<string, Uint8Array> } {
  const manifest = manifestOf({
    profile: 'nmirf-network-package/1', instance: 'simore.example.py', state: 'PRY', version, since: version - 1,
    created: '2026-12-01T10:00:00Z', ...overrides,
  }, [
    { name: 'recommendations', path: 'recommendations.ndjson', format: 'ndjson', content: recommendations },
    { name: 'tombstones', path: 'tombstones.ndjson', format: 'ndjson', content: tombstones },
  ]);
  return { manifest, resources: new Map([['recommendations.ndjson', recommendations], ['tombstones.ndjson', tombstones]]) };
}

beforeAll(async () => {
  paraguay = await generateInstanceKeys();
  morocco = await generateInstanceKeys();
  keys = [
    { kid: paraguay.publicJwk.kid, state: 'PRY', jwk: paraguay.publicJwk, valid_from: '2026-01-01T00:00:00Z', valid_until: null },
    { kid: morocco.publicJwk.kid, state: 'MAR', jwk: morocco.publicJwk, valid_from: '2026-01-01T00:00:00Z', valid_until: null },
  ];
});

describe('a signed package', () => {
  it('is accepted when signed by the State’s key, moving forward, with every resource as the manifest says', async () => {
    const { manifest, resources } = packageOf(5);
    const jws = await signManifest(manifest, paraguay.privateKeyPem);
    const check = await verifyPackage(jws, resources, { state: 'PRY', keys, lastVersion: 4 });
    expect(check).toEqual({ accepted: true, manifest, kid: paraguay.publicJwk.kid });
    expect((await verifyPackage(jws, resources, { state: 'PRY', keys, lastVersion: null })).accepted).toBe(true);
  });

  it('is refused when one byte of a resource changed, or a resource is missing, resized or oversized', async () => {
    const { manifest, resources } = packageOf(5);
    const jws = await signManifest(manifest, paraguay.privateKeyPem);
    const tampered = Uint8Array.from(recommendations);
    tampered[20] ^= 1;
    const withTampered = new Map(resources).set('recommendations.ndjson', tampered);
    expect(await verifyPackage(jws, withTampered, { state: 'PRY', keys, lastVersion: 4 }))
      .toEqual({ accepted: false, reason: 'checksum_mismatch', detail: 'recommendations.ndjson' });
    const without = new Map(resources);
    without.delete('tombstones.ndjson');
    expect(await verifyPackage(jws, without, { state: 'PRY', keys, lastVersion: 4 })).toMatchObject({ reason: 'resource_missing' });
    const longer = new Map(resources).set('tombstones.ndjson', encoder.encode(`${new TextDecoder().decode(tombstones)}{}\n`));
    expect(await verifyPackage(jws, longer, { state: 'PRY', keys, lastVersion: 4 })).toMatchObject({ reason: 'checksum_mismatch' });
    const huge = { ...manifest, resources: [{ ...manifest.resources[0], bytes: MAX_RESOURCE_BYTES + 1 }] };
    expect(await verifyPackage(await signManifest(huge, paraguay.privateKeyPem), resources, { state: 'PRY', keys, lastVersion: 4 }))
      .toMatchObject({ reason: 'resource_oversized' });
  });

  it('is refused when one byte of the signed manifest changed', async () => {
    const jws = await signManifest(packageOf(5).manifest, paraguay.privateKeyPem);
    const [header, payload, signature] = jws.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes[bytes.indexOf('"version":5') + 10] = '9'.charCodeAt(0); // version 5 → 9
    const forged = [header, bytes.toString('base64url'), signature].join('.');
    expect(await verifyPackage(forged, packageOf(5).resources, { state: 'PRY', keys, lastVersion: 4 }))
      .toMatchObject({ accepted: false, reason: 'bad_signature' });
  });

  it('is refused when signed by another State’s key claiming to be Paraguay, or by a key the hub does not hold', async () => {
    const { manifest, resources } = packageOf(5);
    const byMorocco = await signManifest(manifest, morocco.privateKeyPem);
    expect(await verifyPackage(byMorocco, resources, { state: 'PRY', keys, lastVersion: 4 }))
      .toMatchObject({ accepted: false, reason: 'wrong_state', detail: 'harvesting PRY: the key belongs to MAR, the manifest claims PRY' });
    const stranger = await generateInstanceKeys();
    expect(await verifyPackage(await signManifest(manifest, stranger.privateKeyPem), resources, { state: 'PRY', keys, lastVersion: 4 }))
      .toMatchObject({ accepted: false, reason: 'unknown_key' });
  });

  it('is refused when replayed or older than the version already applied', async () => {
    const { manifest, resources } = packageOf(5);
    const jws = await signManifest(manifest, paraguay.privateKeyPem);
    expect(await verifyPackage(jws, resources, { state: 'PRY', keys, lastVersion: 5 }))
      .toMatchObject({ accepted: false, reason: 'version_not_forward', detail: 'version 5 after 5 already applied' });
    expect(await verifyPackage(jws, resources, { state: 'PRY', keys, lastVersion: 9 })).toMatchObject({ reason: 'version_not_forward' });
  });

  it('after a key rotation: the old key verifies what it signed while valid, and nothing made after', async () => {
    const rotated = await generateInstanceKeys();
    const history: RegisteredKey[] = [
      { ...keys[0], valid_until: '2026-06-30T23:59:59Z' },
      { kid: rotated.publicJwk.kid, state: 'PRY', jwk: rotated.publicJwk, valid_from: '2026-07-01T00:00:00Z', valid_until: null },
    ];
    const before = packageOf(3, { created: '2026-05-02T08:00:00-04:00' });
    expect((await verifyPackage(await signManifest(before.manifest, paraguay.privateKeyPem), before.resources, { state: 'PRY', keys: history, lastVersion: 2 })).accepted).toBe(true);
    const after = packageOf(6);
    expect(await verifyPackage(await signManifest(after.manifest, paraguay.privateKeyPem), after.resources, { state: 'PRY', keys: history, lastVersion: 5 }))
      .toMatchObject({ accepted: false, reason: 'key_not_valid_then' });
    expect((await verifyPackage(await signManifest(after.manifest, rotated.privateKeyPem), after.resources, { state: 'PRY', keys: history, lastVersion: 5 })).accepted).toBe(true);
  });

  it('is refused when it is not a package: not a JWS, another type, or a signed payload that is not a manifest', async () => {
    const resources = packageOf(5).resources;
    expect(await verifyPackage('not.a.jws', resources, { state: 'PRY', keys, lastVersion: null })).toMatchObject({ reason: 'malformed' });
    const privateKey = createPrivateKey(paraguay.privateKeyPem);
    const otherType = await new CompactSign(encoder.encode('{}')).setProtectedHeader({ alg: 'EdDSA', kid: paraguay.publicJwk.kid, typ: 'JWT' }).sign(privateKey);
    expect(await verifyPackage(otherType, resources, { state: 'PRY', keys, lastVersion: null })).toMatchObject({ reason: 'malformed' });
    const notManifest = await new CompactSign(encoder.encode('{"profile":"x"}'))
      .setProtectedHeader({ alg: 'EdDSA', kid: paraguay.publicJwk.kid, typ: PACKAGE_JWS_TYPE }).sign(privateKey);
    expect(await verifyPackage(notManifest, resources, { state: 'PRY', keys, lastVersion: null }))
      .toMatchObject({ reason: 'malformed', detail: expect.stringContaining('not a package manifest') });
  });
});

describe('network:keygen', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-keygen-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let stdout = '';
    let stderr = '';
    const code = await networkKeygen(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, cwd: dir });
    return { code, stdout, stderr };
  };

  it('writes the private key with mode 600, prints only the public key, and signs packages the hub verifies with it', async () => {
    const made = await run([], { NETWORK_KEY_FILE: 'keys/instance.pem' });
    expect(made.code, made.stderr).toBe(0);
    const file = path.join(dir, 'keys/instance.pem');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const pem = fs.readFileSync(file, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(made.stdout).not.toContain('PRIVATE');
    const jwk = JSON.parse(made.stdout.trim().split('\n').at(-1)!);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: expect.any(String) });
    expect(jwk.d).toBeUndefined();
    const { manifest, resources } = packageOf(1, { since: null });
    const check = await verifyPackage(await signManifest(manifest, pem), resources,
      { state: 'PRY', keys: [{ kid: jwk.kid, state: 'PRY', jwk, valid_from: '2026-01-01T00:00:00Z', valid_until: null }], lastVersion: null });
    expect(check.accepted).toBe(true);
  });

  it('keeps an existing key unless --force, and says where the key should go when it is not told', async () => {
    const first = await run(['--out', 'kept.pem']);
    expect(first.code).toBe(0);
    const before = fs.readFileSync(path.join(dir, 'kept.pem'), 'utf8');
    const again = await run(['--out', 'kept.pem']);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already has a key') });
    expect(fs.readFileSync(path.join(dir, 'kept.pem'), 'utf8')).toBe(before);
    expect((await run(['--out', 'kept.pem', '--force'])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'kept.pem'), 'utf8')).not.toBe(before);
    expect(await run([])).toMatchObject({ code: 2, stderr: expect.stringContaining('Set NETWORK_KEY_FILE or pass --out FILE') });
    expect(await run(['--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown argument --bogus') });
  });
});
