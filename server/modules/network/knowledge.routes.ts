/**
 * HTTP of the Network's knowledge hub and cooperation board (registered with the Network's routes,
 * on a hub only). Published resources, their files, the feed OHCHR's hub takes in and the requests
 * and offers of cooperation are public; drafts, submissions waiting for moderation, returned and
 * rejected contributions are their contributor's and the hub secretariat's only (404 to anyone else).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementInputSchema, agreementPatchSchema, cooperationDetailSchema, cooperationInputSchema, cooperationResponseInputSchema, cooperationSchema,
  cooperationStatusSchema, FEED_COLUMNS, hubTagsSchema, submissionSchema, feedItemSchema, hubSettingsInputSchema, hubSettingsSchema, moderationSchema, RESOURCE_STATES, resourceInputSchema,
  resourcePatchSchema, resourceSchema, resourceSearchResultSchema, resourceSearchSchema, resourceSubmitSchema, COOPERATION_STATUSES,
} from '../../../shared/network/knowledge';
import { errorSchema } from '../../../shared/recommendations';
import { can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { CONTENT_TYPES, streamTable, type TableRow } from '../../platform/export/tables';
import { sendEvidenceFile } from '../../platform/files/evidence-files';
import { readUploadedFile } from '../../platform/files/multipart';
import type { UploadStore } from '../../platform/files/uploads';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { notModified } from '../../platform/http/public-cache';
import * as repository from './knowledge.repository';
import { cooperationActions, postCooperation, recordAgreement, respondToCooperation, setCooperationStatus, updateAgreement } from './use-cases/cooperation';
import { attachResourceFile, contributeResource, editResource, maySee, moderateResource, resourceActions, saveHubSettings, submitResource } from './use-cases/knowledge';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int().optional() }).passthrough() };
const tags = ['network'];
const idParams = z.object({ id: serialId });

export interface KnowledgeOptions { uploads: UploadStore; maxUploadBytes: number; publicUrl: string; now: () => Date }

export const knowledgeRoutes = (database: Database, options: KnowledgeOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const contributorName = (row: { contributor_iso3: string | null; contributor_name: Record<string, string> | null }, locale: Locale) =>
    row.contributor_iso3 ? pickText(row.contributor_name ?? {}, locale) || row.contributor_iso3 : 'partner';

  const present = (row: repository.ResourceRow, files: repository.ResourceFile[], locale: Locale): z.infer<typeof resourceSchema> => ({
    id: row.id, kind: row.kind as never, language: row.language as never, title: row.title, summary: row.summary, body: row.body,
    themes: row.themes, mechanisms: row.mechanisms, sdgs: row.sdgs, regions: row.regions, nmirf_types: row.nmirf_types, link: row.link,
    contributor_iso3: row.contributor_iso3, contributor_name: contributorName(row, locale), state: row.state, moderation_reason: row.moderation_reason,
    published_at: row.published_at?.toISOString() ?? null, updated_at: row.updated_at.toISOString(), version: row.version,
    files: files.filter((file) => file.resource_id === row.id).map(({ id, file_name, media_type, size_bytes, sha256 }) => ({ id, file_name, media_type, size_bytes, sha256 })),
  });

  async function resourceDetail(id: number, actor: Parameters<typeof maySee>[0], locale: Locale) {
    const row = await repository.findResource(db, id);
    if (!row || !maySee(actor, row)) throw notFound('network_hub_resource_not_found');
    return present(row, await repository.filesOf(db, [id]), locale);
  }

  // The knowledge hub

  app.get('/api/v1/network/hub/resources', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: "Search the knowledge hub's published practices, lessons, event reports, documents and tools, with facets",
      description: "The catalogue's language-aware search: without `lang`, the words are read in every language (es, en, fr, pt: stemming, accents, \"phrases\", `or`, `-exclusion`), so an English query finds a Spanish practice whose words stem alike; `lang` keeps resources written in that language. Each facet's counts apply every filter but its own.",
      querystring: resourceSearchSchema.extend(localeQuery.shape), response: { 200: resourceSearchResultSchema, ...notModified, 400: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { total, rows, facets } = await repository.searchResources(db, request.query);
    return {
      total, page: request.query.page, facets,
      items: rows.map((row) => {
        const { body: _, files: __, ...item } = present(row, [], locale);
        return item;
      }),
    };
  });

  app.get('/api/v1/network/hub/resources/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'One resource of the knowledge hub: public once published; before, for its contributor and the hub secretariat',
      params: idParams, querystring: localeQuery, response: { 200: resourceSchema, ...notModified, 404: errorSchema },
    },
  }, async (request) => resourceDetail(request.params.id, request.actor, requestLocale(request)));

  app.get('/api/v1/network/hub/files/:id', {
    config: { public: true },
    schema: {
      tags, summary: 'Download a file of a resource of the knowledge hub',
      description: 'Public once its resource is published; before, for its contributor and the hub secretariat. Served as an attachment with the type found in its bytes.',
      params: idParams, response: { 200: z.any(), 404: errorSchema },
    },
  }, async (request, reply) => {
    const file = await repository.findFile(db, request.params.id);
    if (!file || !maySee(request.actor, file)) throw notFound();
    return sendEvidenceFile(reply, options.uploads, file);
  });

  app.post('/api/v1/network/hub/resources', {
    config: { permission: 'network:hub_contribute' },
    schema: {
      tags, summary: "Contribute to the knowledge hub for one's State (a partner: when the Network allows it); it goes to the hub secretariat's moderation unless kept as a draft",
      querystring: localeQuery, body: resourceInputSchema, response: { 201: resourceSchema, ...errors },
    },
  }, async (request, reply) => {
    const id = await contributeResource(db, request.actor, request.body);
    return reply.status(201).send(await resourceDetail(id, request.actor, requestLocale(request)));
  });

  app.patch('/api/v1/network/hub/resources/:id', {
    config: { permission: 'network:hub_edit' },
    schema: {
      tags, summary: "Edit one's own contribution before it is published (a draft, a submitted or a returned one)",
      params: idParams, querystring: localeQuery, body: resourcePatchSchema, response: { 200: resourceSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await editResource(db, request.actor, request.params.id, request.body);
    return resourceDetail(request.params.id, request.actor, requestLocale(request));
  });

  app.post('/api/v1/network/hub/resources/:id/submit', {
    config: { permission: 'network:hub_edit' },
    schema: {
      tags, summary: "Submit one's draft, or a contribution returned to one, to the hub secretariat's moderation",
      params: idParams, querystring: localeQuery, body: resourceSubmitSchema, response: { 200: resourceSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await submitResource(db, request.actor, request.params.id, request.body.version);
    return resourceDetail(request.params.id, request.actor, requestLocale(request));
  });

  app.post('/api/v1/network/hub/resources/:id/files', {
    config: { permission: 'network:hub_edit' },
    schema: {
      tags, summary: "Attach a file to one's contribution before it is published",
      description: `multipart/form-data with one \`file\`: a PDF, an office document or an image, checked on its bytes, at most ${Math.round(options.maxUploadBytes / 1024 / 1024)} MB.`,
      params: idParams, response: { 201: z.object({ id: z.number().int() }), ...errors, ...conflict, 413: errorSchema },
    },
  }, async (request, reply) => {
    const { bytes, fileName } = await readUploadedFile(request, options.maxUploadBytes);
    return reply.status(201).send({ id: await attachResourceFile(db, request.actor, request.params.id, { bytes, fileName }, options.uploads) });
  });

  app.get('/api/v1/network/hub/submissions', {
    config: { permission: 'network:hub_submissions' },
    schema: {
      tags, summary: 'Contributions not yet published (or in `state`): for the hub secretariat all of them, newest first; for a contributor their own',
      querystring: localeQuery.extend({ state: z.enum(RESOURCE_STATES).optional() }), response: { 200: z.object({ items: z.array(submissionSchema) }), ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const rows = await repository.listSubmissions(db, {
      contributedBy: can(request.actor, 'network:hub_moderate') ? undefined : request.actor!.userId, state: request.query.state,
    });
    const files = await repository.filesOf(db, rows.map((row) => row.id));
    return { items: rows.map((row) => ({ ...present(row, files, locale), available_actions: resourceActions(request.actor, row) })) };
  });

  app.post('/api/v1/network/hub/resources/:id/moderation', {
    config: { permission: 'network:hub_moderate' },
    schema: {
      tags, summary: 'Moderate a submitted contribution: publish it, return it to its contributor with a reason, or reject it with a reason',
      params: idParams, querystring: localeQuery, body: moderationSchema, response: { 200: resourceSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await moderateResource(db, request.actor, request.params.id, request.body, options.now);
    return resourceDetail(request.params.id, request.actor, requestLocale(request));
  });

  const feedQuery = z.object({ since: z.iso.datetime({ offset: true }).optional().describe('Only resources published or changed after this instant (an incremental harvest).') });
  async function feedItems(since: string | undefined): Promise<z.infer<typeof feedItemSchema>[]> {
    const rows = await repository.publishedResources(db, since ? new Date(since) : null);
    const files = await repository.filesOf(db, rows.map((row) => row.id));
    return rows.map((row) => ({
      id: row.id, url: `${options.publicUrl}/en/network/hub/${row.id}`, kind: row.kind as never, language: row.language as never, title: row.title,
      summary: row.summary, body: row.body, themes: row.themes, mechanisms: row.mechanisms, sdgs: row.sdgs, regions: row.regions, nmirf_types: row.nmirf_types,
      link: row.link, contributor_iso3: row.contributor_iso3, published_at: row.published_at!.toISOString(), updated_at: row.updated_at.toISOString(),
      files: files.filter((file) => file.resource_id === row.id).map((file) => ({
        url: `${options.publicUrl}/api/v1/network/hub/files/${file.id}`, file_name: file.file_name, media_type: file.media_type, size_bytes: file.size_bytes, sha256: file.sha256,
      })),
    }));
  }

  app.get('/api/v1/network/hub/feed.json', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: "The knowledge hub's published resources as a feed OHCHR's knowledge hub can take in (JSON)",
      description: 'Every published resource, oldest publication first, with its tags and the addresses of its files; never a draft or a contribution waiting for moderation. `since` gives the changes after an instant.',
      querystring: feedQuery, response: { 200: z.object({ generated_at: z.string(), items: z.array(feedItemSchema) }), ...notModified, 400: errorSchema },
    },
  }, async (request) => ({ generated_at: options.now().toISOString(), items: await feedItems(request.query.since) }));

  app.get('/api/v1/network/hub/feed.csv', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: "The knowledge hub's published resources as CSV (the JSON feed's columns, lists joined with `|`)",
      description: `Columns: ${FEED_COLUMNS.join(', ')}. UTF-8 with a byte-order mark; cells a spreadsheet would run as a formula are prefixed with an apostrophe.`,
      querystring: feedQuery, produces: [CONTENT_TYPES.csv], response: { 200: z.any(), ...notModified, 400: errorSchema },
    },
  }, async (request, reply) => {
    const items = await feedItems(request.query.since);
    async function* rows(): AsyncIterable<TableRow> {
      for (const item of items) {
        yield {
          ...item, body: null, themes: item.themes.join('|'), mechanisms: item.mechanisms.join('|'), sdgs: item.sdgs.join('|'), regions: item.regions.join('|'),
          nmirf_types: item.nmirf_types.join('|'), files: item.files.map((file) => file.url).join('|'),
        };
      }
    }
    reply.header('content-type', CONTENT_TYPES.csv);
    reply.header('content-disposition', 'attachment; filename="knowledge-hub.csv"');
    return reply.send(streamTable('csv', FEED_COLUMNS, rows()));
  });

  app.get('/api/v1/network/hub/tags', {
    config: { public: true, publicCache: 'catalogue' },
    schema: {
      tags, summary: 'The themes and mechanisms a contribution to the knowledge hub may be tagged with, named in the asked language',
      description: 'The reference data the hub checks tags against (retired ones left out): theme keys of the `theme` vocabulary, mechanism codes. SDG goals, UN regional groups, NMIRF types and languages are fixed lists of the contract.',
      querystring: localeQuery, response: { 200: hubTagsSchema, ...notModified },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { themes, mechanisms } = await repository.hubTags(db);
    return {
      themes: themes.map((term) => ({ key: term.key, label: pickText(term.label, locale) || term.key })),
      mechanisms: mechanisms.map((mechanism) => ({ key: mechanism.key, label: pickText(mechanism.label, locale) || mechanism.key })),
    };
  });

  app.get('/api/v1/network/hub/settings', {
    config: { public: true, publicCache: 'published' },
    schema: { tags, summary: "The knowledge hub's settings: whether partners may contribute (the Network's decision)", response: { 200: hubSettingsSchema, ...notModified } },
  }, async () => (await repository.hubSettings(db)) ?? { partners_may_contribute: false, proposal_id: null, version: 0 });

  app.put('/api/v1/network/hub/settings', {
    config: { permission: 'network:hub_settings' },
    schema: {
      tags, summary: "Record the knowledge hub's settings the Network decided (whether partners may contribute), with the adopted proposal when there is one",
      body: hubSettingsInputSchema, response: { 200: hubSettingsSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await saveHubSettings(db, request.actor, request.body);
    return (await repository.hubSettings(db))!;
  });

  // Cooperation

  type Actions = Awaited<ReturnType<typeof cooperationActions>>;
  const presentCooperation = (row: repository.CooperationRow, agreements: repository.AgreementRow[], locale: Locale, actions: Actions): z.infer<typeof cooperationSchema> => ({
    id: row.id, kind: row.kind, iso3: row.iso3, state_name: pickText(row.state_name, locale) || row.iso3, topic: row.topic, description: row.description,
    help: row.help, language: row.language, status: row.status, responses_count: row.responses_count, created_at: row.created_at.toISOString(), version: row.version,
    agreements: agreements.filter((agreement) => agreement.cooperation_id === row.id)
      .map(({ id, parties, description, status, recorded_at, version }) => ({ id, parties, description, status, recorded_at: recorded_at.toISOString(), version })),
    available_actions: actions(row),
  });

  async function cooperationDetail(id: number, actor: Parameters<typeof can>[0], locale: Locale): Promise<z.infer<typeof cooperationDetailSchema>> {
    const row = await repository.findCooperation(db, id);
    if (!row) throw notFound('network_cooperation_not_found');
    const detail = presentCooperation(row, await repository.agreementsOf(db, [id]), locale, await cooperationActions(db, actor));
    if (!can(actor, 'network:participants_read')) return detail;
    const responses = await repository.responsesOf(db, id);
    return {
      ...detail,
      responses: responses.map((response) => ({
        id: response.id, iso3: response.iso3, state_name: pickText(response.state_name, locale) || response.iso3, message: response.message, created_at: response.created_at.toISOString(),
      })),
    };
  }

  app.get('/api/v1/network/cooperation', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'Requests for cooperation and offers, newest first (`status=open`: what is open), with the agreements recorded',
      querystring: localeQuery.extend({ status: z.enum(COOPERATION_STATUSES).optional() }), response: { 200: z.object({ items: z.array(cooperationSchema) }), ...notModified },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const rows = await repository.listCooperation(db, request.query.status ?? null);
    const agreements = await repository.agreementsOf(db, rows.map((row) => row.id));
    const actions = await cooperationActions(db, request.actor);
    return { items: rows.map((row) => presentCooperation(row, agreements, locale, actions)) };
  });

  app.get('/api/v1/network/cooperation/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: "A request for cooperation or an offer; the members' responses for the Network's participants",
      params: idParams, querystring: localeQuery, response: { 200: cooperationDetailSchema, ...notModified, 404: errorSchema },
    },
  }, async (request) => cooperationDetail(request.params.id, request.actor, requestLocale(request)));

  app.post('/api/v1/network/cooperation', {
    config: { permission: 'network:cooperation_post' },
    schema: {
      tags, summary: "Post a request for cooperation or an offer for one's State (software, training, exchange of experience)",
      querystring: localeQuery, body: cooperationInputSchema, response: { 201: cooperationDetailSchema, ...errors },
    },
  }, async (request, reply) => {
    const id = await postCooperation(db, request.actor, request.body);
    return reply.status(201).send(await cooperationDetail(id, request.actor, requestLocale(request)));
  });

  app.post('/api/v1/network/cooperation/:id/responses', {
    config: { permission: 'network:cooperation_post' },
    schema: {
      tags, summary: "Respond, for one's State, to another member's open request or offer",
      params: idParams, body: cooperationResponseInputSchema, response: { 201: z.object({ id: z.number().int() }), ...errors, ...conflict },
    },
  }, async (request, reply) => reply.status(201).send({ id: await respondToCooperation(db, request.actor, request.params.id, request.body.message) }));

  app.post('/api/v1/network/cooperation/:id/status', {
    config: { permission: 'network:cooperation_manage' },
    schema: {
      tags, summary: 'Close a request or offer (or open it again)', params: idParams, querystring: localeQuery, body: cooperationStatusSchema,
      response: { 200: cooperationDetailSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await setCooperationStatus(db, request.actor, request.params.id, request.body);
    return cooperationDetail(request.params.id, request.actor, requestLocale(request));
  });

  app.post('/api/v1/network/cooperation/:id/agreements', {
    config: { permission: 'network:cooperation_manage' },
    schema: {
      tags, summary: 'Record an agreement reached on a request or offer: its parties (States of the registry, the poster among them) and status',
      params: idParams, querystring: localeQuery, body: agreementInputSchema, response: { 201: cooperationDetailSchema, ...errors },
    },
  }, async (request, reply) => {
    await recordAgreement(db, request.actor, request.params.id, request.body);
    return reply.status(201).send(await cooperationDetail(request.params.id, request.actor, requestLocale(request)));
  });

  app.patch('/api/v1/network/cooperation-agreements/:id', {
    config: { permission: 'network:cooperation_manage' },
    schema: {
      tags, summary: "Change an agreement's status (agreed, in progress, completed, cancelled)", params: idParams, querystring: localeQuery,
      body: agreementPatchSchema, response: { 200: cooperationDetailSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    const cooperationId = await updateAgreement(db, request.actor, request.params.id, request.body);
    return cooperationDetail(cooperationId, request.actor, requestLocale(request));
  });
};
