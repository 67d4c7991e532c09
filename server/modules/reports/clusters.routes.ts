/** HTTP for the instance's clusters for reports: the list, the recommendations in them, suggestions and moves. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CLUSTER_PAGE_SIZE,
  type Cluster,
  clusterAcceptSchema,
  clusterCreateSchema,
  clusterDeleteSchema,
  clusterListSchema,
  clusterMoveResultSchema,
  clusterMoveSchema,
  clusterRecommendationsQuerySchema,
  clusterRecommendationsSchema,
  clusterReleaseSchema,
  clusterSchema,
  clusterUpdateSchema,
  type ClusterRecommendation,
} from '../../../shared/clusters';
import { errorSchema, searchQuerySchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { type Locale, pickText, requestLocale } from '../../platform/http/locale';
import { bigId, localeQuery } from '../../platform/http/params';
import { bestText, Labeller } from '../recommendations/recommendations.presenter';
import { matchingIds } from '../recommendations/recommendations.search';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { suggestClusters } from './cluster-suggestions';
import * as repository from './clusters.repository';
import { citationOf } from './compile';
import {
  acceptSuggestedCluster, createCluster, deleteCluster, moveIntoCluster, releaseFromClusters, updateCluster,
} from './use-cases/manage-clusters';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int().optional() }) };
const TEXT_PREVIEW = 400;

const present = (row: repository.ClusterRow, locale: Locale): Cluster => ({
  id: row.id, name: pickText(row.name, locale), label: row.name, position: row.position, members: row.members, version: row.version,
});

export const clustersRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const one = async (id: number, locale: Locale) => {
    const row = (await repository.listClusters(db)).find((c) => c.id === id);
    if (!row) throw notFound('cluster_not_found');
    return present(row, locale);
  };

  app.get('/api/v1/report-clusters', {
    config: { permission: 'cluster:read' },
    schema: {
      tags: ['reports'], summary: "The instance's clusters for reports, in their order",
      description: 'Each with its name per language, its place and how many recommendations sit in it; `unclustered` counts those in none. While the list has a cluster, the composer\'s "by cluster" grouping uses it; without one, each recommendation\'s primary theme.',
      querystring: localeQuery, response: { 200: clusterListSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    return { items: (await repository.listClusters(db)).map((row) => present(row, locale)), unclustered: await repository.countUnclustered(db) };
  });

  app.post('/api/v1/report-clusters', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Create a cluster', description: 'Its name in one language or more; at `position` (1 = first) or at the end.',
      querystring: localeQuery, body: clusterCreateSchema, response: { 201: clusterSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await one(await createCluster(db, request.actor, request.body), requestLocale(request))));

  app.patch('/api/v1/report-clusters/:id', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Rename a cluster or put it elsewhere in the order',
      description: "Send the cluster's `version` (a stale one is a 409 with the current version). A new `position` shifts the clusters between.",
      params: z.object({ id: bigId }), querystring: localeQuery, body: clusterUpdateSchema, response: { 200: clusterSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updateCluster(db, request.actor, request.params.id, request.body);
    return one(request.params.id, requestLocale(request));
  });

  app.delete('/api/v1/report-clusters/:id', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Delete a cluster',
      description: 'An empty cluster goes; one that holds recommendations goes only with `move_to`, the cluster they are moved to in the same step (else 409). Reports already composed keep their headings until regenerated.',
      params: z.object({ id: bigId }), body: clusterDeleteSchema, response: { 204: z.null(), ...conflict, ...errors },
    },
  }, async (request, reply) => {
    await deleteCluster(db, request.actor, request.params.id, request.body);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/report-clusters/recommendations', {
    config: { permission: 'cluster:read' },
    schema: {
      tags: ['reports'], summary: 'Recommendations with their cluster, and the clusters suggested for unclustered ones',
      description: `In one cluster (\`cluster=<id>\`), in none (\`none\`) or any, optionally narrowed by words (\`q\`, as the public search) and a mechanism; ${CLUSTER_PAGE_SIZE} a page in document and paragraph order. An unclustered recommendation carries up to three suggested clusters, best first, with a score (0–1) and why: the themes it shares with the cluster's members (its confirmed themes, or those the label model suggests for it, weighed by their confidence) and the closest linked member (duplicate, recurrence or similar). A suggestion is applied only when a person accepts it.`,
      querystring: clusterRecommendationsQuerySchema, response: { 200: clusterRecommendationsSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { cluster, q, mechanism, page } = request.query;
    const maps = await labelMaps(db);
    const within = q || mechanism
      ? await matchingIds(db, searchQuerySchema.parse({ q, mechanism: mechanism ? [mechanism] : undefined, page: 1, page_size: 1 }), maps)
      : null;
    const clusters = new Map((await repository.listClusters(db)).map((c) => [c.id, pickText(c.name, locale)]));
    const { total, rows } = await repository.pageOfRecommendations(db, cluster, within, page, CLUSTER_PAGE_SIZE);
    const unclustered = rows.filter((row) => row.cluster_id === null).map((row) => Number(row.id));
    const suggested = await suggestClusters(db, unclustered);
    const linkedIds = [...new Set([...suggested.values()].flat().flatMap((s) => (s.linked ? [s.linked.id] : [])))];
    const citations = new Map<number, string>();
    if (linkedIds.length) {
      const linked = await db.query('select id, document_symbol, paragraph from recommendation where id = any($1::bigint[])', [linkedIds]);
      for (const row of linked.rows) citations.set(Number(row.id), citationOf(row.document_symbol, row.paragraph, Number(row.id), locale));
    }
    const labels = new Labeller(maps, locale);
    const items = rows.map((row): ClusterRecommendation => {
      const id = Number(row.id);
      const text = bestText(row.texts, locale, row.original_language).text;
      return {
        id,
        citation: citationOf(row.document_symbol, row.paragraph, id, locale),
        text: text.length > TEXT_PREVIEW ? `${text.slice(0, TEXT_PREVIEW - 1)}…` : text,
        primary_theme: row.theme === null ? null : labels.term(row.theme).label,
        cluster: row.cluster_id === null ? null : { id: Number(row.cluster_id), name: clusters.get(Number(row.cluster_id)) ?? '', source: row.source },
        suggestions: (suggested.get(id) ?? []).filter((s) => clusters.has(s.clusterId)).map((s) => ({
          cluster_id: s.clusterId, name: clusters.get(s.clusterId)!, score: s.score,
          themes: s.themes.map((term) => labels.term(term).label),
          linked: s.linked ? { id: s.linked.id, citation: citations.get(s.linked.id) ?? `#${s.linked.id}`, similarity: s.linked.similarity } : null,
        })),
      };
    });
    return { total, page, page_size: CLUSTER_PAGE_SIZE, items };
  });

  app.post('/api/v1/report-clusters/:id/members', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Put recommendations into a cluster',
      description: 'One or a selection (up to 500), from whatever cluster they were in; `unchanged` counts those already there. One audit row for the move.',
      params: z.object({ id: bigId }), body: clusterMoveSchema, response: { 200: clusterMoveResultSchema, ...errors },
    },
  }, async (request) => moveIntoCluster(db, request.actor, request.params.id, request.body.recommendation_ids));

  app.post('/api/v1/report-clusters/:id/accept', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Accept the suggestion to put an unclustered recommendation into this cluster',
      description: 'The suggestion is measured again: 400 when the cluster is no longer suggested for it, 409 when someone put the recommendation into a cluster meanwhile. The membership keeps that it came from a suggestion, with its score.',
      params: z.object({ id: bigId }), body: clusterAcceptSchema, response: { 200: clusterMoveResultSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await acceptSuggestedCluster(db, request.actor, request.params.id, request.body.recommendation_id);
    return { moved: 1, unchanged: 0 };
  });

  app.post('/api/v1/report-clusters/release', {
    config: { permission: 'cluster:manage' },
    schema: {
      tags: ['reports'], summary: 'Take recommendations out of their cluster',
      body: clusterReleaseSchema, response: { 200: clusterMoveResultSchema, ...errors },
    },
  }, async (request) => releaseFromClusters(db, request.actor, request.body.recommendation_ids));
};
