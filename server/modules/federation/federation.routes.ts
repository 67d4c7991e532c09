/**
 * A national instance's publishing to the Network (docs/decisions/0017-federation.md), answered while
 * its settings say it publishes (`network_publish`; 404 otherwise, as on an instance that never
 * published): `/.well-known/nmirf-network.json` says who the instance is, its keys and where its
 * package is; `/api/v1/federation/package` answers the signed manifest of the current publication
 * (all of it, or what changed after `since`) and `/api/v1/federation/package/{page}` streams each
 * page it lists. These answers only read: the `federation-publication` job publishes (publication-job.ts).
 * Everything here is public data and readable by anyone.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import type { InstanceSettings } from '../settings/instance-settings';
import { instanceKey } from './instance-key';
import { RESOURCE_FILE, resourcePage, signedPackage } from './package';
import { isPublished, readPublication } from './publication';
import { askHubForSimilar } from './network-similar';
import { similarItemSchema } from '../../../shared/network/similar';
import { localeSchema } from '../../../shared/i18n/schema';
import { recommendationExists } from '../recommendations/recommendations.repository';
import { requestLocale } from '../../platform/http/locale';

export interface PublishOptions {
  keyFile: string | null;
  publicUrl: string;
  softwareVersion: string;
  settings: InstanceSettings;
}

const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const tags = ['federation'];
const OFF = 'Not found (404) while the instance does not publish (its setting `network_publish`) or has no signing key.';

export const federationRoutes = (database: Database, options: PublishOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  /** The settings, the signing key and the publication, while the instance publishes; a 404 otherwise. */
  async function publishing() {
    const { row } = await options.settings.load();
    if (!row.network_publish) throw notFound();
    const key = await instanceKey(options.keyFile);
    const publication = await readPublication(db);
    if (!key || !publication) throw notFound();
    return { row, key, publication };
  }

  app.get('/.well-known/nmirf-network.json', {
    config: { permission: 'open_data:read' },
    schema: {
      tags, summary: "The instance in the Network: its id, State, name, software, public keys and where its signed package is",
      description: `The version is the last one the \`federation-publication\` job published. ${OFF}`,
      response: { 200: z.object({
        profile: z.literal('nmirf-network/1'), instance: z.string(), state: z.string(), name: z.record(z.string(), z.string()),
        software: z.object({ name: z.string(), version: z.string() }),
        keys: z.array(z.object({ kid: z.string(), jwk: z.record(z.string(), z.unknown()), valid_from: z.string(), valid_until: z.string().nullable() })),
        package: z.string(), version: z.number().int(), hub: z.string().nullable(),
      }), 404: errorSchema },
    },
  }, async (_request, reply) => {
    const { row, publication } = await publishing();
    const { rows: keys } = await db.query('select kid, jwk, valid_from, valid_until from federation_key order by valid_from, kid');
    reply.header('cache-control', 'no-cache');
    return {
      profile: 'nmirf-network/1' as const, instance: publication.instanceId, state: row.state_iso3, name: row.name,
      software: { name: 'open-nmirf', version: options.softwareVersion },
      keys: keys.map((key) => ({ kid: key.kid, jwk: key.jwk, valid_from: key.valid_from.toISOString(), valid_until: key.valid_until?.toISOString() ?? null })),
      package: `${options.publicUrl}/api/v1/federation/package`, version: publication.version, hub: row.network_hub_url,
    };
  });

  app.get('/api/v1/federation/package', {
    config: { permission: 'open_data:read' },
    schema: {
      tags, summary: 'The signed manifest (datapackage.json) of the current publication: everything, or what changed after `since`',
      description: `Also 404 while nothing was ever published (version 0) and for a \`since\` never published. ${OFF}`,
      querystring: z.object({ since: version.optional() }),
      response: { 200: z.object({ datapackage: z.record(z.string(), z.unknown()), signature: z.string() }), 404: errorSchema },
    },
  }, async (request, reply) => {
    const { row, key, publication } = await publishing();
    const since = request.query.since ?? 0;
    // Nothing ever published (nothing public yet): no package to sign (a manifest's version starts at 1).
    if (publication.version === 0 || since > publication.version || !(await isPublished(db, since))) throw notFound();
    reply.header('cache-control', 'no-cache');
    return signedPackage(db, { instance: publication.instanceId, state: row.state_iso3, created: new Date().toISOString() }, { version: publication.version, since }, key.pem);
  });

  app.get('/api/v1/federation/package/:file', {
    config: { permission: 'open_data:read' },
    schema: {
      tags, summary: 'One page of a package, as its manifest lists it (NDJSON, one record a line), for the version and `since` of that manifest',
      description: OFF,
      params: z.object({ file: z.string().max(64).regex(RESOURCE_FILE, 'a page such as recommendations-1.ndjson') }),
      querystring: z.object({ version: version.refine((v) => v > 0), since: version.optional() }),
    },
  }, async (request, reply) => {
    await publishing();
    const { version: at, since = 0 } = request.query;
    if (since >= at || !(await isPublished(db, at)) || !(await isPublished(db, since))) throw notFound();
    const page = await resourcePage(db, request.params.file, { version: at, since });
    if (!page) throw notFound();
    return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'public, max-age=86400, immutable').send(Readable.from(page));
  });

  app.get('/api/v1/recommendations/:id/network-similar', {
    config: { permission: 'recommendation:read' },
    schema: {
      tags, summary: 'How other States acted on recommendations like this one: the Network hub\'s answer, while the instance publishes to a hub',
      description: 'Asked of the hub (`network_hub_url`, GET /api/v1/network/similar) with a timeout of a few seconds. `available: false` when the instance '
        + 'does not publish, has no hub, or the hub did not answer in time; `items` is then empty. Not kept by shared caches.',
      params: z.object({ id: z.coerce.number().int().min(1).max(2 ** 31 - 1) }),
      querystring: z.object({ locale: localeSchema.optional() }),
      response: { 200: z.object({ available: z.boolean(), items: z.array(similarItemSchema) }), 404: errorSchema },
    },
  }, async (request, reply) => {
    if (!(await recommendationExists(db, request.params.id))) throw notFound('recommendation_not_found');
    reply.header('cache-control', 'no-cache');
    const { row } = await options.settings.load();
    if (!row.network_publish || !row.network_hub_url) return { available: false, items: [] };
    return askHubForSimilar(row.network_hub_url, row.state_iso3, request.params.id, requestLocale(request));
  });
};
