/** HTTP for the public catalogue: search, one recommendation, CSV export. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorSchema, recommendationDetailSchema, searchQuerySchema, searchResponseSchema, SEARCH_LIMITS, type SearchQuery,
} from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { badRequest, notFound } from '../../platform/http/errors';
import { requestLocale } from '../../platform/http/locale';
import { notModified } from '../../platform/http/public-cache';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { CONTENT_TYPES } from '../../platform/export/tables';
import { streamRecommendations } from './recommendations.export';
import { Labeller, presentDetail, presentSearch } from './recommendations.presenter';
import { changedSince, SYNC_PATCH_LIMIT } from './recommendations.facet-index';
import { findRecommendation } from './recommendations.repository';
import { searchRecommendations, searchStillAnswers } from './recommendations.search';

export const recommendationsRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/v1/recommendations', {
    config: {
      permission: 'recommendation:read',
      publicCache: 'catalogue',
      publicCacheCarry: async (request, basis, since, now) =>
        searchStillAnswers(db.pool, request.query as SearchQuery, await labelMaps(db.pool), basis, since, now),
      // Grouped by duplicates, the answer reads the links between recommendations, which change without a catalogue write.
      publicCacheLinks: (request) => (request.query as SearchQuery).group !== undefined,
    },
    schema: {
      summary: 'Search recommendations',
      description: 'Full-text search (websearch syntax: "phrase", OR, -exclusion) with facets. Filters that repeat are OR-ed within a facet and AND-ed across facets; each facet\'s counts apply every filter but its own.\n\n'
        + '`group=duplicates` shows each group of duplicates once: recommendations connected by `duplicate` links (the same ask made by several States '
        + 'in one review, or repeated in one document) in the states the public sees (`linked`, `confirmed`; a `candidate` or `rejected` link never groups, '
        + 'for staff either). The group appears where its first match comes in the search\'s order (the best ranked, or the most recent / oldest), '
        + 'as that match, with `duplicates`: the group\'s `size`, how many of its members are `matching` the search, and the `others`. '
        + 'Then `total` (and paging) counts groups with a match plus matches in no group, `grouped.recommendations` counts the matching '
        + 'recommendations, and the facet counts still count recommendations (not groups). A visitor\'s grouped answer is validated '
        + 'against the links\' version too, so it changes as soon as a link does. The CSV and XLSX downloads ignore `group`.',
      tags: ['recommendations'],
      querystring: searchQuerySchema,
      response: { ...notModified, 200: searchResponseSchema, 400: errorSchema },
    },
  }, async (request) => {
    const query = request.query;
    const locale = requestLocale(request);
    if (query.page * query.page_size > SEARCH_LIMITS.maxResultWindow) {
      throw badRequest('page_too_deep', { max: SEARCH_LIMITS.maxResultWindow });
    }
    const maps = await labelMaps(db.pool);
    const result = await searchRecommendations(db.pool, query, maps, locale);
    request.answerBasis = result.basis;
    return presentSearch(result, query.page, query.page_size, new Labeller(maps, locale), locale);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/v1/recommendations.${format}`, {
      config: { permission: 'recommendation:read' },
      schema: {
        summary: `Download the filtered recommendations as ${format.toUpperCase()}`,
        description: format === 'csv'
          ? 'Same parameters as the search (page and page_size are ignored: every match is included). UTF-8 with a byte-order mark; cells that a spreadsheet would run as a formula are prefixed with an apostrophe.'
          : 'Same parameters as the search (page and page_size are ignored: every match is included). Values are written as text and numbers, never as formulas.',
        tags: ['recommendations'],
        querystring: searchQuerySchema,
        produces: [CONTENT_TYPES[format]],
      },
    }, async (request, reply) => {
      const locale = requestLocale(request);
      const maps = await labelMaps(db.pool);
      reply.header('content-type', CONTENT_TYPES[format]);
      reply.header('content-disposition', `attachment; filename="recommendations.${format}"`);
      return reply.send(streamRecommendations(format, db.pool, request.query, maps, locale));
    });
  }

  app.get('/api/v1/recommendations/:id', {
    config: {
      permission: 'recommendation:read',
      publicCache: 'catalogue',
      // Still the answer when this record is not among those changed since.
      publicCacheCarry: async (request, _basis, since) => {
        const changed = await changedSince(db.pool, since, SYNC_PATCH_LIMIT);
        return changed !== null && !changed.includes((request.params as { id: number }).id);
      },
    },
    schema: {
      summary: 'One recommendation in full',
      tags: ['recommendations'],
      params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
      querystring: z.object({ locale: searchQuerySchema.shape.locale }),
      response: { ...notModified, 200: recommendationDetailSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => {
    const row = await findRecommendation(db.pool, request.params.id);
    if (!row) throw notFound('recommendation_not_found');
    const locale = requestLocale(request);
    return presentDetail(row, new Labeller(await labelMaps(db.pool), locale));
  });
};
