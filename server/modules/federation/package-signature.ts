/**
 * Signed data packages between national instances and the Network hub (issue: federation).
 *
 * A package is a manifest (Frictionless-style: the resources with their sizes and SHA-256) and the
 * resources themselves. The manifest is signed by the instance's Ed25519 key as a compact JWS
 * (`jose`); its payload is the manifest's canonical JSON. The hub verifies, in this order, and
 * refuses with the first reason that applies — leaving the State's copy unchanged:
 *   malformed → unknown key → bad signature → key not valid when the package was made → wrong
 *   State → version not moving forward → a resource missing, oversized or not matching its checksum.
 * The private key never leaves the instance (network:keygen writes it with mode 600); the hub
 * knows each State's public keys, registered when its join request was approved or by an approved
 * rotation, each with its validity: an old key keeps verifying what it signed while it was valid.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, compactVerify, decodeProtectedHeader, exportJWK, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import type { HARVEST_REFUSALS } from '../../../shared/network/timeliness';

export const PACKAGE_PROFILE = 'nmirf-network-package/1';
export const PACKAGE_JWS_TYPE = 'nmirf-package+jws';
/** A resource larger than this is refused before its checksum is computed. */
export const MAX_RESOURCE_BYTES = 256 * 1024 * 1024;

const resourceSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  path: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,127}$/),
  format: z.enum(['ndjson', 'json', 'csv']),
  bytes: z.int().min(0),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const manifestSchema = z.strictObject({
  profile: z.literal(PACKAGE_PROFILE),
  instance: z.string().min(1).max(200),
  state: z.string().regex(/^[A-Z]{3}$/),
  /** Moves forward with every package the instance publishes. */
  version: z.int().min(1),
  /** For an incremental package, the version it follows; null for a full snapshot. */
  since: z.int().min(0).nullable(),
  created: z.iso.datetime({ offset: true }),
  resources: z.array(resourceSchema).max(1024),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A public key the hub holds for a State, with the period it signs for. */
export interface RegisteredKey {
  kid: string;
  state: string;
  jwk: JWK;
  valid_from: string;
  /** Null while current; set when a rotation replaced it. */
  valid_until: string | null;
}

export interface InstanceKeys {
  privateKeyPem: string;
  publicJwk: JWK & { kid: string };
}

/** A new Ed25519 key pair; the key id is the public key's JWK thumbprint (RFC 7638). */
export async function generateInstanceKeys(): Promise<InstanceKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicJwk: await publicJwkOf(publicKey) };
}

export async function publicJwkOf(key: KeyObject): Promise<JWK & { kid: string }> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = await exportJWK(publicKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk) };
}

export function sha256(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The manifest of `resources`, their sizes and checksums computed here. */
export function manifestOf(head: Omit<Manifest, 'resources'>, resources: { name: string; path: string; format: Manifest['resources'][number]['format']; content: Uint8Array }[]): Manifest {
  return manifestSchema.parse({
    ...head,
    resources: resources.map(({ content, ...resource }) => ({ ...resource, bytes: content.byteLength, hash: sha256(content) })),
  });
}

/** The manifest signed with the instance's private key: a compact JWS over its canonical JSON. */
export async function signManifest(manifest: Manifest, privateKeyPem: string): Promise<string> {
  const privateKey = createPrivateKey(privateKeyPem);
  const { kid } = await publicJwkOf(privateKey);
  return new CompactSign(new TextEncoder().encode(canonicalJson(manifestSchema.parse(manifest))))
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: PACKAGE_JWS_TYPE })
    .sign(privateKey);
}

export type Refusal = (typeof HARVEST_REFUSALS)[number];

export type PackageCheck =
  | { accepted: true; manifest: Manifest; kid: string }
  | { accepted: false; reason: Refusal; detail: string };

const refuse = (reason: Refusal, detail: string): PackageCheck => ({ accepted: false, reason, detail });

/**
 * Verifies a harvested package for `state` (the State the hub harvests), against the keys the hub
 * holds and the last version it applied for that State.
 */
export async function verifyPackage(
  jws: string,
  resources: ReadonlyMap<string, Uint8Array>,
  { state, keys, lastVersion }: { state: string; keys: RegisteredKey[]; lastVersion: number | null },
): Promise<PackageCheck> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(jws);
    if (header.alg !== 'EdDSA' || header.typ !== PACKAGE_JWS_TYPE) return refuse('malformed', `header alg ${header.alg}, typ ${header.typ}`);
    kid = header.kid;
  } catch (error) {
    return refuse('malformed', `not a compact JWS (${(error as Error).message})`);
  }
  const key = keys.find((candidate) => candidate.kid === kid);
  if (!key) return refuse('unknown_key', `no registered key ${kid ?? '(none)'}`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, await importJWK(key.jwk, 'EdDSA'), { algorithms: ['EdDSA'] }));
  } catch (error) {
    return refuse('bad_signature', (error as Error).message);
  }
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
  } catch (error) {
    return refuse('malformed', `the signed manifest is not a package manifest (${(error as Error).message.slice(0, 300)})`);
  }
  const made = Date.parse(manifest.created);
  if (made < Date.parse(key.valid_from) || (key.valid_until !== null && made > Date.parse(key.valid_until))) {
    return refuse('key_not_valid_then', `key ${key.kid} is valid from ${key.valid_from} to ${key.valid_until ?? 'now'}, the package was made ${manifest.created}`);
  }
  if (key.state !== state || manifest.state !== state) {
    return refuse('wrong_state', `harvesting ${state}: the key belongs to ${key.state}, the manifest claims ${manifest.state}`);
  }
  if (lastVersion !== null && manifest.version <= lastVersion) {
    return refuse('version_not_forward', `version ${manifest.version} after ${lastVersion} already applied`);
  }
  for (const resource of manifest.resources) {
    if (resource.bytes > MAX_RESOURCE_BYTES) return refuse('resource_oversized', `${resource.path}: ${resource.bytes} bytes declared`);
    const content = resources.get(resource.path);
    if (!content) return refuse('resource_missing', resource.path);
    if (content.byteLength > MAX_RESOURCE_BYTES || content.byteLength !== resource.bytes) {
      return refuse(content.byteLength > MAX_RESOURCE_BYTES ? 'resource_oversized' : 'checksum_mismatch', `${resource.path}: ${content.byteLength} bytes, the manifest says ${resource.bytes}`);
    }
    if (sha256(content) !== resource.hash) return refuse('checksum_mismatch', resource.path);
  }
  return { accepted: true, manifest, kid: key.kid };
}
