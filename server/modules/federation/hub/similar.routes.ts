/**
 * The hub's similar recommendations across States (INSTANCE_ROLE=hub;
 * docs/decisions/0021-similar-across-states.md): public, read from what the States published.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { similarAnswerSchema, similarQuerySchema } from '../../../../shared/network/similar';
import { errorSchema } from '../../../../shared/recommendations';
import type { Database } from '../../../platform/db/database';
import { badRequest, notFound } from '../../../platform/http/errors';
import { requestLocale } from '../../../platform/http/locale';
import { similarRecommendations, type SimilarSubject } from './similar';
import { referenceLexicon } from '../../learning/reference-texts';
import { SIMILARITY_FLOOR } from './similar-index';

const tags = ['network'];

export const similarRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  // The lexicon (decision 0023) is learned once per process, about half a second: on the hub's start, not in the
  // first question's time (a national instance waits 2 seconds for the answer).
  app.addHook('onReady', async () => {
    referenceLexicon();
  });
  app.get('/api/v1/network/similar', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Recommendations to other States that ask the same thing, across languages, with their published actions and current status, best first',
      description: 'Compare one of: a text in any language (`text`), a recommendation by its UHRI identifier (`uhri`), or a State\'s recommendation '
        + '(`state` and `id`, as the State published it). The recommendation\'s own State, or `state` with a text, is left out. '
        + `Similarity: TF-IDF over words and character 3–5-grams (docs/decisions/0021-similar-across-states.md); answers below ${SIMILARITY_FLOOR} are left out. `
        + 'Filters: `region` (UN regional group), `mechanism` (its code), `status=implemented` (the current status: the government\'s latest assessment, else the latest). '
        + 'Not kept by shared caches: the answer changes with each harvest.',
      querystring: similarQuerySchema,
      response: { 200: similarAnswerSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request, reply) => {
    const { text, uhri, state, id, region, mechanism, status, limit } = request.query;
    let subject: SimilarSubject;
    if (uhri !== undefined && text === undefined && id === undefined) subject = { uhriId: uhri };
    else if (id !== undefined && state !== undefined && text === undefined && uhri === undefined) subject = { iso3: state, id };
    else if (text !== undefined && uhri === undefined && id === undefined) subject = { text };
    else throw badRequest('similar_query_missing');
    const answer = await similarRecommendations(database.pool, subject,
      { excludeState: state ?? null, region: region ?? null, mechanism: mechanism ?? null, status: status ?? null, limit: limit ?? 10 },
      requestLocale(request));
    if (!answer) throw notFound('recommendation_not_found');
    reply.header('cache-control', 'no-cache');
    return answer;
  });
};
