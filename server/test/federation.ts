/** Federation in tests: a national instance's key file, and a whole package fetched page by page. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateInstanceKeys, type InstanceKeys, type Manifest } from '../modules/federation/package-signature';

/** A fresh key pair with its private key in a file of mode 600. */
export async function keyFile(): Promise<InstanceKeys & { file: string }> {
  const keys = await generateInstanceKeys();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-key-')), 'network.key');
  fs.writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
  return { ...keys, file };
}

export interface FetchedPackage {
  manifest: Manifest;
  signature: string;
  /** Each page's bytes, by path. */
  pages: Map<string, Uint8Array>;
  /** Every byte received: the manifest answer and every page. */
  bytes: Buffer;
}

/** GET through Fastify's inject: status and body bytes. */
export const injectGetter = (app: FastifyInstance) => async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.rawPayload };
};

/** The package (since a version, or everything) and each page it lists. */
export async function fetchPackage(get: (url: string) => Promise<{ status: number; body: Buffer }>, since?: number): Promise<FetchedPackage> {
  const answer = await get(`/api/v1/federation/package${since ? `?since=${since}` : ''}`);
  if (answer.status !== 200) throw new Error(`package: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
  const { datapackage, signature } = JSON.parse(answer.body.toString());
  const manifest = datapackage as Manifest;
  const pages = new Map<string, Uint8Array>();
  const chunks = [answer.body];
  for (const resource of manifest.resources) {
    const page = await get(`/api/v1/federation/package/${resource.path}?version=${manifest.version}${manifest.since ? `&since=${manifest.since}` : ''}`);
    if (page.status !== 200) throw new Error(`${resource.path}: ${page.status}`);
    pages.set(resource.path, page.body);
    chunks.push(page.body);
  }
  return { manifest, signature, pages, bytes: Buffer.concat(chunks) };
}

/** The records of a package's pages of one resource (`actions`, `tombstones`…). */
export function linesOf(fetched: FetchedPackage, resource: string): Record<string, unknown>[] {
  return [...fetched.pages.entries()].filter(([file]) => file.startsWith(`${resource}-`))
    .flatMap(([, bytes]) => Buffer.from(bytes).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
}
