/**
 * HTTP for the public portal: institutions with their recommendations,
 * published actions and reporting record; mechanisms; SDGs. Every route is
 * public and reads only what is public: published action reports (never
 * drafts, never the chain's comments), no people, no emails.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { roundProgress } from '../../../shared/rounds';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { bigId, serialId } from '../../platform/http/params';
import { notModified } from '../../platform/http/public-cache';
import { presentSummary } from '../actions/actions.presenter';
import { evidenceOf, institutionNames, listActions } from '../actions/actions.repository';
import { bestText, escapeHtml, Labeller } from '../recommendations/recommendations.presenter';
import { recommendationExists } from '../recommendations/recommendations.repository';
import { institutionReportsDue, listRounds } from '../rounds/rounds.repository';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import * as repository from './portal.repository';
import {
  institutionActionsSchema, institutionRecommendationsSchema, localeOnlyQuery, pagedQuery, publicInstitutionListSchema,
  publicInstitutionSchema, publicMechanismSchema, publicSdgSchema, responsibleInstitutionsSchema, type PublicInstitutionSummary,
  type ReportingRecord,
} from '../../../shared/portal';

type Branch = PublicInstitutionSummary['branch'];

const errors = { 400: errorSchema, 404: errorSchema };
/** A visitor's view of the validation chain: no memberships, so published reports only. */
const VISITOR = { roles: [] } as const;
const SNIPPET_CHARS = 300;
const LATEST_DOCUMENTS = 10;

/** A localized value and the language it is in: the visitor's, else English, else any (as pickText). */
export function localized(texts: Record<string, string> | null | undefined, locale: Locale): { text: string; language: string } {
  const language = [locale, 'en', ...Object.keys(texts ?? {})].find((code) => texts?.[code]) ?? locale;
  return { text: texts?.[language] ?? '', language };
}

/** Codes in reading order: 4.1, 4.2 … 4.10, then 4.a, 4.b. */
function compareTargets(a: string, b: string): number {
  const [, x = ''] = a.split('.');
  const [, y = ''] = b.split('.');
  const nx = /^\d+$/.test(x) ? Number(x) : Infinity;
  const ny = /^\d+$/.test(y) ? Number(y) : Infinity;
  return nx - ny || x.localeCompare(y);
}

/**
 * Answers that depend on the catalogue only, kept per catalogue version (every
 * write bumps it), so a busy public page does not group the same rows again.
 */
class CatalogueCache<T> {
  private entries = new Map<string, { version: number; value: Promise<T> }>();
  constructor(private readonly max = 200) {}

  async get(db: pg.Pool, key: string, load: () => Promise<T>): Promise<T> {
    const version = await repository.catalogueVersion(db);
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    if (this.entries.size >= this.max) this.entries.clear();
    const value = load();
    this.entries.set(key, { version, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

export const portalRoutes = (database: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const mechanismCache = new CatalogueCache<Awaited<ReturnType<typeof repository.mechanismDocuments>>>();
  const sdgCache = new CatalogueCache<Awaited<ReturnType<typeof repository.sdgTargetCounts>>>();

  const institutionOr404 = async (id: number) => {
    const row = await repository.findPublicInstitution(db, id);
    if (!row) throw notFound();
    return row;
  };

  app.get('/api/v1/public/institutions', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['institutions'], summary: 'Institutions that act on recommendations, with what they were assigned and what they published',
      description: 'Active institutions, by name in the requested language. Counts: recommendations the institution leads, those it supports (co-responsible), and its published action reports.',
      querystring: localeOnlyQuery, response: { ...notModified, 200: publicInstitutionListSchema, 400: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const rows = await repository.listPublicInstitutions(db);
    const items = rows.map((row) => {
      const name = localized(row.name, locale);
      return {
        id: row.id, name: name.text, name_language: name.language, acronym: row.acronym, branch: row.branch as Branch,
        counts: { lead: row.lead, co_responsible: row.co_responsible, published_actions: row.published_actions },
      };
    });
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, locale)) };
  });

  app.get('/api/v1/public/institutions/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['institutions'], summary: 'One institution: its counts and its reporting record',
      description: 'The reporting record lists each reporting round that covers the institution and has opened: how many recommendations it owes reports on, on how many it submitted and had validated a report since the round opened, and whether it is overdue. No report content, no people.',
      params: z.object({ id: serialId }), querystring: localeOnlyQuery, response: { ...notModified, 200: publicInstitutionSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const row = await institutionOr404(request.params.id);
    const parentRow = row.parent_id === null ? null : await repository.institutionName(db, row.parent_id);
    const parent = parentRow?.active ? { id: parentRow.id, ...renamed(localized(parentRow.name, locale)) } : null;
    const day = today();
    const reporting: ReportingRecord[] = [];
    for (const round of await listRounds(db)) {
      if (round.opens_on > day) continue;
      const items = await institutionReportsDue(db, round, row.id);
      if (!items.length) continue;
      const owed = items.length;
      const submitted = items.filter((i) => i.submitted).length;
      const validated = items.filter((i) => i.validated).length;
      reporting.push({
        round: { id: round.id, title: localized(round.title, locale).text, opens_on: round.opens_on, due_on: round.due_on, closed: round.closed },
        owed, submitted, validated,
        progress: roundProgress({ owed, submitted, validated }),
        overdue: day > round.due_on && submitted < owed,
      });
    }
    reporting.sort((a, b) => b.round.due_on.localeCompare(a.round.due_on) || b.round.id - a.round.id);
    const name = localized(row.name, locale);
    return {
      id: row.id, name: name.text, name_language: name.language, acronym: row.acronym, branch: row.branch as Branch,
      counts: { lead: row.lead, co_responsible: row.co_responsible, published_actions: row.published_actions },
      parent, reporting,
    };
  });

  app.get('/api/v1/public/institutions/:id/recommendations', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['institutions'], summary: 'The recommendations assigned to an institution',
      description: 'Newest document first; each item has the shape of a search result plus the institution\'s responsibility (lead or co-responsible).',
      params: z.object({ id: serialId }), querystring: pagedQuery, response: { ...notModified, 200: institutionRecommendationsSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { page, page_size: pageSize } = request.query;
    await institutionOr404(request.params.id);
    const { rows, total } = await repository.assignedRecommendations(db, request.params.id, page, pageSize);
    const labels = new Labeller(await labelMaps(db), locale);
    return {
      total, page, page_size: pageSize,
      items: rows.map((row) => {
        const best = bestText(row.texts, locale, row.original_language);
        const short = best.text.length > SNIPPET_CHARS ? `${best.text.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, '')} …` : best.text;
        return {
          id: row.id, kind: row.kind as 'recommendation', mechanism: labels.mechanism(row.mechanism_id),
          countries: row.countries.map((c) => labels.country(c)), symbol: row.document_symbol, paragraph: row.paragraph,
          date: row.document_date, year: row.year, cycle: row.cycle, session: row.session,
          position: row.position as 'supported' | null, language: best.language, snippet: escapeHtml(short), text: best.text,
          responsibility: row.responsibility,
        };
      }),
    };
  });

  app.get('/api/v1/public/institutions/:id/actions', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['institutions'], summary: "An institution's published action reports, with their evidence",
      description: 'Published reports only, whoever asks (a signed-in member of the institution sees its drafts in the workspace, not here). Newest change first.',
      params: z.object({ id: serialId }), querystring: pagedQuery, response: { ...notModified, 200: institutionActionsSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { page, page_size: pageSize } = request.query;
    await institutionOr404(request.params.id);
    const { rows, total } = await listActions(db, VISITOR, { institutionId: request.params.id, states: ['published'] }, page, pageSize);
    const [institutions, evidence] = await Promise.all([
      institutionNames(db, [request.params.id]),
      evidenceOf(db, rows.map((row) => row.id)),
    ]);
    return { total, page, page_size: pageSize, items: rows.map((row) => presentSummary(row, institutions, evidence, locale)) };
  });

  app.get('/api/v1/public/recommendations/:id/institutions', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['assignments'], summary: 'The institutions responsible for a recommendation',
      description: 'The lead institution first, then the co-responsible ones. Active institutions only.',
      params: z.object({ id: bigId }), querystring: localeOnlyQuery, response: { ...notModified, 200: responsibleInstitutionsSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    if (!(await recommendationExists(db, request.params.id))) throw notFound('recommendation_not_found');
    const rows = await repository.responsibleInstitutions(db, request.params.id);
    return {
      items: rows.map((row) => ({ id: row.id, ...renamed(localized(row.name, locale)), acronym: row.acronym, responsibility: row.responsibility })),
    };
  });

  app.get('/api/v1/public/mechanisms/:code', {
    config: { public: true, publicCache: 'catalogue' },
    schema: {
      tags: ['recommendations'], summary: 'A mechanism (UPR, a treaty body, a special procedure, a regional body) and its latest documents',
      description: 'Counts by position, cycle or theme come from the search: `GET /api/v1/recommendations?mechanism=<code>` and its facets.',
      params: z.object({ code: z.string().trim().min(1).max(120) }), querystring: localeOnlyQuery,
      response: { ...notModified, 200: publicMechanismSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const mechanism = await repository.findMechanism(db, request.params.code);
    if (!mechanism) throw notFound();
    const { total, documents } = await mechanismCache.get(db, String(mechanism.id),
      () => repository.mechanismDocuments(db, mechanism.id, LATEST_DOCUMENTS));
    const name = localized(mechanism.name, locale);
    return {
      code: mechanism.code, name: name.text, name_language: name.language,
      acronym: pickText(mechanism.short_name, locale) || mechanism.acronym, family: mechanism.family,
      treaty: mechanism.treaty, total, documents,
    };
  });

  app.get('/api/v1/public/sdgs/:goal', {
    config: { public: true, publicCache: 'catalogue' },
    schema: {
      tags: ['recommendations'], summary: 'A Sustainable Development Goal, its targets and how many recommendations name each',
      description: 'Titles from the UN reference data, in the requested language where it has them (else English).',
      params: z.object({ goal: z.coerce.number().int().min(1).max(99) }), querystring: localeOnlyQuery,
      response: { ...notModified, 200: publicSdgSchema, ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const goal = await repository.findSdgGoal(db, request.params.goal);
    if (!goal) throw notFound();
    const { total, targets } = await sdgCache.get(db, String(goal.number), () => repository.sdgTargetCounts(db, goal.number));
    const title = localized(goal.title, locale);
    return {
      goal: goal.number, title: title.text, short_title: goal.short_title[title.language] ?? localized(goal.short_title, locale).text,
      title_language: title.language, total,
      targets: [...targets].sort((a, b) => compareTargets(a.code, b.code)).map((target) => {
        const text = localized(target.title, locale);
        return { code: target.code, title: text.text, title_language: text.language, count: target.count };
      }),
    };
  });
};

const renamed = ({ text, language }: { text: string; language: string }) => ({ name: text, name_language: language });
