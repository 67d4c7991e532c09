/** HTTP for related recommendations: a recommendation's links, and the secretariat's decision on one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import {
  LINK_STATES, linkDecisionInputSchema, linkDecisionSchema, PUBLIC_LINK_STATES, relatedSchema, type Related, type RelatedItem,
} from '../../../shared/related';
import type { Database } from '../../platform/db/database';
import { authorize, can } from '../../platform/auth/policy';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { bigId, localeQuery } from '../../platform/http/params';
import { institutionNames, listActions } from '../actions/actions.repository';
import { bestText, Labeller } from '../recommendations/recommendations.presenter';
import { recommendationExists } from '../recommendations/recommendations.repository';
import { assessmentsOf, scaleSteps } from '../status/status.repository';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import * as repository from './related.repository';
import { decideLink } from './use-cases/decide-link';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
/** Visitors: published reports only (the validation chain's own rule for someone without roles). */
const PUBLIC_READER = { roles: [] };

function presentItem(row: repository.RelatedRow, labels: Labeller, locale: Locale): RelatedItem {
  const text = bestText(row.texts, locale, row.original_language);
  return {
    id: row.id,
    symbol: row.document_symbol,
    paragraph: row.paragraph,
    country: row.countries[0] ? labels.country(row.countries[0]) : null,
    cycle: row.cycle,
    year: row.year,
    mechanism: labels.mechanism(row.mechanism_id),
    recommending_states: row.recommending_states.map((c) => labels.country(c)),
    text: text.text,
    text_language: text.language,
    similarity: Math.round(row.similarity * 1000) / 1000,
    state: row.state,
    link: { id: row.link_id, version: row.version, decided_at: row.decided_at?.toISOString() ?? null },
  };
}

export const relatedRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  /** What the State reported on an earlier recommendation, and its current government status. */
  const followUpOf = async (recommendationId: number, locale: Locale, statusLabels: Map<string, string>) => {
    const { rows } = await listActions(db, PUBLIC_READER, { recommendationId, states: ['published'] }, 1, 20);
    const institutions = await institutionNames(db, [...new Set(rows.map((r) => r.institution_id))]);
    const actions = rows.map((row) => {
      const language = [locale, row.original_language, ...Object.keys(row.title)].find((code) => row.title[code]) ?? row.original_language;
      return {
        id: row.id, title: row.title[language] ?? '', institution: pickText(institutions.get(row.institution_id)?.name, locale),
        published_at: row.published_at?.toISOString() ?? null,
      };
    });
    const government = (await assessmentsOf(db, recommendationId)).find((a) => a.assessor_kind === 'government');
    const status = government
      ? { key: government.status_key, label: statusLabels.get(government.status_key) ?? government.status_key, assessed_on: government.assessed_on }
      : null;
    return { actions, status };
  };

  app.get('/api/v1/recommendations/:id/related', {
    config: { permission: 'recommendation:read' },
    schema: {
      tags: ['recommendations'],
      summary: 'Recommendations that ask the same thing: duplicates in the same review, recurrences across cycles, similar ones elsewhere',
      description: 'Each item carries the similarity of the two texts (0–1) and the link\'s state. Visitors see `linked` links (above the '
        + 'threshold validated to be at least 95% right) and those a person `confirmed`; signed-in staff also see `candidate` and `rejected` ones. '
        + 'Recurrences carry the action reports published on the other recommendation and its current government status.',
      params: z.object({ id: bigId }), querystring: localeQuery, response: { 200: relatedSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => {
    authorize(request.actor, 'recommendation:read');
    const id = request.params.id;
    if (!(await recommendationExists(db, id))) throw notFound('recommendation_not_found');
    const locale = requestLocale(request);
    const states = can(request.actor, 'related:candidates') ? LINK_STATES : PUBLIC_LINK_STATES;
    const rows = await repository.relatedOf(db, id, states);
    const labels = new Labeller(await labelMaps(db), locale);
    const result: Related = { duplicates: [], recurrences: [], similar: [] };
    const recurrenceRows = rows.filter((row) => row.kind === 'recurrence');
    const statusLabels = recurrenceRows.length
      ? new Map((await scaleSteps(db, 'government')).map((s) => [s.key, pickText(s.label, locale)]))
      : new Map<string, string>();
    for (const row of rows) {
      if (row.kind === 'duplicate') result.duplicates.push(presentItem(row, labels, locale));
      else if (row.kind === 'similar') result.similar.push(presentItem(row, labels, locale));
    }
    // Earliest first: the history of the ask.
    recurrenceRows.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.cycle ?? 0) - (b.cycle ?? 0) || a.id - b.id);
    for (const row of recurrenceRows) {
      result.recurrences.push({ ...presentItem(row, labels, locale), ...(await followUpOf(row.id, locale, statusLabels)) });
    }
    return result;
  });

  for (const [path, decision] of [['confirm', 'confirmed'], ['reject', 'rejected']] as const) {
    app.post(`/api/v1/recommendations/:id/related/:otherId/${path}`, {
      config: { permission: 'related:decide' },
      schema: {
        tags: ['recommendations'],
        summary: decision === 'confirmed' ? 'Confirm that two recommendations ask the same thing' : 'Reject a link between two recommendations',
        description: 'Takes the link\'s version as read from the related list; a link changed since is a 409. The decision is audited and later scans keep it'
          + (decision === 'rejected' ? ' (a rejected link is shown to staff only, and never linked again by a scan).' : '.'),
        params: z.object({ id: bigId, otherId: bigId }), body: linkDecisionInputSchema, querystring: localeQuery,
        response: { 200: linkDecisionSchema, ...errors },
      },
    }, async (request) => {
      const link = await decideLink(db, request.actor, request.params.id, request.params.otherId, decision, request.body.version);
      return {
        id: link.id, kind: link.kind, state: link.state, similarity: Math.round(link.similarity * 1000) / 1000,
        version: link.version, decided_at: link.decided_at?.toISOString() ?? null,
      };
    });
  }
};
