/**
 * HTTP for participation: organisations register and confirm their address
 * (public), the secretariat verifies them; verified members post comments and
 * assessments; the public reads approved contributions and reports abuse; the
 * secretariat moderates.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { ORGANISATION_STATES } from '../../db/schema/participation';
import { Throttle, ThrottleUnavailable, TooManyAttempts } from '../../platform/auth/login-throttle';
import type { Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { UploadStore } from '../../platform/files/uploads';
import { notFound } from '../../platform/http/errors';
import { evidenceUploadDescription, readEvidenceUpload, sendEvidenceFile } from '../../platform/files/evidence-files';
import { requestLocale, type Locale } from '../../platform/http/locale';
import { bigId, localeQuery, serialId } from '../../platform/http/params';
import { recommendationExists } from '../recommendations/recommendations.repository';
import * as statusRepository from '../status/status.repository';
import type { ParticipationSettings } from '../../platform/config';
import { presentModeration, presentOrganisation, presentOwn, presentPublic, scaleLabels } from './participation.presenter';
import * as repository from './participation.repository';
import {
  abuseReportInputSchema, acceptedSchema, confirmOrganisationSchema, contributionInputSchema, moderationQueueSchema, myOrganisationsSchema,
  organisationsSchema, ownContributionSchema, publicContributionsSchema, reasonSchema, registerOrganisationSchema, versionSchema,
} from '../../../shared/participation';
import { reportAbuse } from './use-cases/abuse-reports';
import { addEvidenceFile, isPublic, postContribution, seesUnpublished } from './use-cases/contributions';
import type { ParticipationContext } from './use-cases/context';
import { moderateContribution } from './use-cases/moderation';
import { confirmOrganisation, decideOrganisation, registerOrganisation } from './use-cases/organisations';

declare module '../../app' {
  interface AppOptions {
    /** Posting limits and moderation settings over those of the configuration (PARTICIPATION_*), for tests. */
    participation?: Partial<ParticipationSettings>;
  }
}

export interface ParticipationOptions {
  uploads: UploadStore;
  maxUploadBytes: number;
  publicUrl: string;
  today: Today;
  now?: () => Date;
  settings: ParticipationSettings;
}

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema };
const limited = { 429: errorSchema, 503: errorSchema };

/** 429 carries `retry-after`; a throttle that cannot be read is logged (the answer is a 503). */
async function throttled<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ThrottleUnavailable) request.log.error({ err: error.cause }, 'participation throttle unavailable: request refused');
    throw error;
  }
}

export const participationRoutes = (database: Database, options: ParticipationOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const now = options.now ?? (() => new Date());
  const ctx: ParticipationContext = {
    settings: options.settings,
    throttle: new Throttle(now),
    now,
    today: options.today,
    publicUrl: options.publicUrl,
  };
  const labels = async (locale: Locale) => scaleLabels(await statusRepository.scaleSteps(db), locale);

  app.post('/api/v1/organisations', {
    config: { public: true },
    schema: {
      tags: ['participation'], summary: 'Register an organisation (civil society, NHRI, academia) and its first member',
      description: 'Creates the organisation and the account of the person registering it (who signs in with this email and password), and emails a link to confirm the address; the secretariat then verifies the organisation. Always 202 for a well-formed request, whether the address already has an account or not (its owner is told by email). Limited per address (429 with `retry-after`).',
      body: registerOrganisationSchema, querystring: localeQuery,
      response: { 202: acceptedSchema, 400: errorSchema, ...limited },
    },
  }, async (request, reply) => {
    await throttled(request, reply, () => registerOrganisation(db, request.body, { ip: request.ip }, ctx));
    return reply.status(202).send({ status: 'accepted' as const });
  });

  app.post('/api/v1/organisations/confirm', {
    config: { public: true },
    schema: {
      tags: ['participation'], summary: "Confirm an organisation's email address with the emailed token",
      body: confirmOrganisationSchema, querystring: localeQuery, response: { 204: z.null(), 400: errorSchema },
    },
  }, async (request, reply) => {
    await confirmOrganisation(db, request.body.token, ctx);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/organisations/mine', {
    config: { permission: 'organisation:read_own' },
    schema: {
      tags: ['participation'], summary: 'The organisations the signed-in person writes for, with their contributions',
      description: "Each contribution's state, and the moderator's reason when it was rejected (shown to its organisation only). Empty for people who write for none.",
      querystring: localeQuery, response: { 200: myOrganisationsSchema, 401: errorSchema },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const ids = (request.actor.organisations ?? []).map((o) => o.organisationId);
    if (!ids.length) return { items: [] };
    const [organisations, contributions, scale] = await Promise.all([
      repository.organisations(db, { ids }), repository.contributionsOfOrganisations(db, ids), labels(requestLocale(request)),
    ]);
    return {
      items: organisations.map((o) => {
        const { members: _members, ...organisation } = presentOrganisation(o);
        return { ...organisation, contributions: contributions.filter((c) => c.organisation_id === o.id).map((c) => presentOwn(c, scale)) };
      }),
    };
  });

  app.get('/api/v1/organisations', {
    config: { permission: 'organisation:manage' },
    schema: {
      tags: ['participation'], summary: 'Registered organisations, with their members',
      querystring: localeQuery.extend({ state: z.enum(ORGANISATION_STATES).optional() }),
      response: { 200: organisationsSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { items: (await repository.organisations(db, { state: request.query.state })).map(presentOrganisation) };
  });

  for (const verify of [true, false]) {
    app.post(`/api/v1/organisations/:id/${verify ? 'verify' : 'reject'}`, {
      config: { permission: 'organisation:manage' },
      schema: {
        tags: ['participation'],
        summary: verify ? 'Verify an organisation awaiting verification' : 'Reject an organisation awaiting verification, with a reason',
        description: 'Its members are told by email. Needs the version read (409 when it changed).',
        params: z.object({ id: serialId }), body: verify ? versionSchema : reasonSchema, querystring: localeQuery,
        response: { 200: organisationsSchema.shape.items.element, ...errors, ...conflict },
      },
    }, async (request) => {
      const body = request.body as { version: number; reason?: string };
      await decideOrganisation(db, request.actor, request.params.id,
        verify ? { verify: true, version: body.version } : { verify: false, version: body.version, reason: body.reason ?? '' }, ctx);
      const [row] = await repository.organisations(db, { ids: [request.params.id] });
      return presentOrganisation(row);
    });
  }

  app.get('/api/v1/recommendations/:id/contributions', {
    config: { permission: 'contribution:read' },
    schema: {
      tags: ['participation'], summary: "Approved comments and independent assessments of a recommendation",
      description: 'Plain text. Contributions waiting for moderation, rejected, or hidden after abuse reports are not listed.',
      params: z.object({ id: bigId }), querystring: localeQuery, response: { 200: publicContributionsSchema, 404: errorSchema },
    },
  }, async (request) => {
    if (!(await recommendationExists(db, request.params.id))) throw notFound('recommendation_not_found');
    const scale = await labels(requestLocale(request));
    return { items: (await repository.publicContributions(db, request.params.id)).map((row) => presentPublic(row, scale)) };
  });

  app.post('/api/v1/recommendations/:id/contributions', {
    config: { permission: 'contribution:create' },
    schema: {
      tags: ['participation'], summary: 'Comment on a recommendation, or assess its implementation, for a verified organisation',
      description: 'Plain text: control and bidirectional-override characters are removed; links must be http(s). It waits for moderation before it is public. Limited per account and per address (429 with `retry-after`).',
      params: z.object({ id: bigId }), body: contributionInputSchema, querystring: localeQuery,
      response: { 201: ownContributionSchema, ...errors, ...limited },
    },
  }, async (request, reply) => {
    const id = await throttled(request, reply, () => postContribution(db, request.actor, request.params.id, request.body, { ip: request.ip }, ctx));
    const row = await repository.contribution(db, id);
    return reply.status(201).send(presentOwn(row!, await labels(requestLocale(request))));
  });

  app.post('/api/v1/contributions/:id/evidence/files', {
    config: { permission: 'contribution:create', hidesRecords: true },
    schema: {
      tags: ['participation'], summary: 'Add a file as evidence of a contribution waiting for moderation',
      description: evidenceUploadDescription(options.maxUploadBytes),
      consumes: ['multipart/form-data'], params: z.object({ id: bigId }), querystring: localeQuery,
      response: { 201: ownContributionSchema, 413: errorSchema, ...errors, ...conflict },
    },
  }, async (request, reply) => {
    await addEvidenceFile(db, options.uploads, request.actor, request.params.id, await readEvidenceUpload(request, options.maxUploadBytes), ctx);
    const row = await repository.contribution(db, request.params.id);
    return reply.status(201).send(presentOwn(row!, await labels(requestLocale(request))));
  });

  app.get('/api/v1/contributions/:id/evidence/:evidenceId/file', {
    config: { permission: 'contribution:read' },
    schema: {
      tags: ['participation'], summary: 'Download an evidence file of a contribution',
      description: 'Public once the contribution is approved; before that, for its organisation and the moderators. Served as an attachment.',
      params: z.object({ id: bigId, evidenceId: bigId }),
    },
  }, async (request, reply) => {
    const row = await repository.contribution(db, request.params.id);
    if (!row || !(isPublic(row) || seesUnpublished(request.actor, row))) throw notFound();
    return sendEvidenceFile(reply, options.uploads, await repository.evidenceFile(db, request.params.id, request.params.evidenceId));
  });

  app.post('/api/v1/contributions/:id/reports', {
    config: { permission: 'contribution:report' },
    schema: {
      tags: ['participation'], summary: 'Report a published contribution as abusive',
      description: 'Open to everyone. Each reporter counts once; when several distinct people have reported it, it is hidden until the secretariat reviews it. Limited per address (429 with `retry-after`).',
      params: z.object({ id: bigId }), body: abuseReportInputSchema, querystring: localeQuery,
      response: { 202: acceptedSchema, 400: errorSchema, 404: errorSchema, ...limited },
    },
  }, async (request, reply) => {
    await throttled(request, reply, () => reportAbuse(db, request.actor, request.params.id, request.body,
      { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' }, ctx));
    return reply.status(202).send({ status: 'accepted' as const });
  });

  app.get('/api/v1/moderation/contributions', {
    config: { permission: 'contribution:moderate' },
    schema: {
      tags: ['participation'], summary: 'The moderation queue: contributions waiting for a decision, and those hidden by abuse reports',
      querystring: localeQuery, response: { 200: moderationQueueSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const scale = await labels(requestLocale(request));
    return { items: (await repository.moderationQueue(db)).map((row) => presentModeration(row, scale)) };
  });

  const decisions = {
    approve: { summary: 'Approve a contribution: it becomes public (an assessment also becomes an implementation status)', body: versionSchema },
    reject: { summary: 'Reject a contribution, or take down a hidden one, with a reason its author sees', body: reasonSchema },
    restore: { summary: 'Restore a contribution hidden by abuse reports', body: versionSchema },
  } as const;
  for (const [decision, spec] of Object.entries(decisions) as [keyof typeof decisions, (typeof decisions)[keyof typeof decisions]][]) {
    app.post(`/api/v1/moderation/contributions/:id/${decision}`, {
      config: { permission: 'contribution:moderate' },
      schema: {
        tags: ['participation'], summary: spec.summary, description: 'Needs the version read (409 when it changed). The author is told by email (approval, rejection).',
        params: z.object({ id: bigId }), body: spec.body, querystring: localeQuery,
        response: { 200: moderationQueueSchema.shape.items.element, ...errors, ...conflict },
      },
    }, async (request) => {
      const body = request.body as { version: number; reason?: string };
      await moderateContribution(db, request.actor, request.params.id, body.version,
        decision === 'reject' ? { kind: 'reject', reason: body.reason ?? '' } : { kind: decision }, ctx);
      const row = await repository.contribution(db, request.params.id);
      return presentModeration(row!, await labels(requestLocale(request)));
    });
  }
};
