/**
 * Builds the HTTP application: security headers, validation, OpenAPI, the
 * API modules and the web app's static files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionsRoutes } from './modules/actions/actions.routes';
import { installAuth } from './modules/auth/auth.routes';
import { assignmentsRoutes } from './modules/assignments/assignments.routes';
import { institutionsRoutes } from './modules/institutions/institutions.routes';
import { networkRoutes } from './modules/network/network.routes';
import { federationRoutes } from './modules/federation/federation.routes';
import { harvestRoutes } from './modules/federation/hub/harvest.routes';
import { hubOpenDataRoutes } from './modules/federation/hub/open-data.routes';
import { similarRoutes } from './modules/federation/hub/similar.routes';
import { operationsRoutes } from './modules/operations/operations.routes';
import { overviewRoutes } from './modules/workspace/overview.routes';
import { openDataRoutes } from './modules/open-data/open-data.routes';
import { importsRoutes } from './modules/recommendations/imports.routes';
import { recommendationsRoutes } from './modules/recommendations/recommendations.routes';
import { historyRoutes } from './modules/history/history.routes';
import { indicatorsRoutes } from './modules/indicators/indicators.routes';
import { obligationsRoutes } from './modules/obligations/obligations.routes';
import { participationRoutes } from './modules/participation/participation.routes';
import { plansRoutes } from './modules/plans/plans.routes';
import { portalRoutes } from './modules/portal/portal.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { clustersRoutes } from './modules/reports/clusters.routes';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes';
import { roundsRoutes } from './modules/rounds/rounds.routes';
import { relatedRoutes } from './modules/related/related.routes';
import { suggestionsRoutes } from './modules/suggestions/suggestions.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { InstanceSettings } from './modules/settings/instance-settings';
import { statusRoutes } from './modules/status/status.routes';
import { taxonomiesRoutes } from './modules/taxonomies/taxonomies.routes';
import { dayIn, type Today } from './platform/clock';
import { readConfig, type InstanceRole, type NetworkSettings } from './platform/config';
import type { Database } from './platform/db/database';
import { UploadStore } from './platform/files/uploads';
import { healthRoutes } from './platform/health/health';
import { installErrorHandler } from './platform/http/errors';
import { frameworkErrors, installInputGuard, parseQueryString } from './platform/http/input-guard';
import { message } from './platform/http/messages';
import { requestLocale } from './platform/http/locale';
import { AnswerCache, installPublicCache } from './platform/http/public-cache';
import { isLocale, localeDirection, locales } from '../shared/i18n/languages';
import { PERMISSIONS, type Action } from '../shared/permissions';
import { authorizeRoute } from './platform/auth/policy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(root, 'dist/app');
/** What public answers' validators carry besides the data's versions: the package version and the schema's latest migration. */
const SOFTWARE_VERSION: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const RELEASE = [
  SOFTWARE_VERSION,
  JSON.parse(fs.readFileSync(path.join(root, 'server/db/migrations/meta/_journal.json'), 'utf8')).entries.at(-1).tag,
].join('+');

export interface AppOptions {
  db: Database;
  /** Fastify's log level. Request lines (one per request) are logged at `debug`, so only LOG_LEVEL=debug shows them. */
  logLevel?: string;
  /** Where log lines go (stdout when not given). */
  logStream?: NodeJS.WritableStream;
  /** Directory of the built web app; the API works without it. */
  webDist?: string;
  /** Where uploaded evidence files live (DATA_DIR/uploads from main.ts); a fresh temporary directory when not given. */
  uploadDir?: string;
  /** Largest accepted evidence upload. */
  maxUploadBytes?: number;
  /** Largest file the web import accepts (catalogue exports run to tens of megabytes). */
  maxImportBytes?: number;
  /** `hub` adds the International Network of NMIRFs' routes (/api/v1/network/…); default: INSTANCE_ROLE of the configuration. */
  instanceRole?: InstanceRole;
  /** Publishing to the Network and harvesting (tests); default: the configuration's NETWORK_* settings (publish and hubUrl: the settings' defaults). */
  network?: Partial<NetworkSettings>;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', ...(options.logStream ? { stream: options.logStream } : {}) },
    // Fastify's own two lines per request (at info) would bury start-up, sign-in and error lines.
    logController: new QuietRequestLog(),
    // Repeated query parameters (?country=PRY&country=URY) arrive as arrays.
    // Decoded strictly (platform/http/input-guard.ts): a malformed percent-encoding is a 400, like one in the path.
    routerOptions: { querystringParser: (text: string) => parseQueryString(text) },
    frameworkErrors,
    trustProxy: process.env.TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>();
  declareRouteAccess(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installInputGuard(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Open NMIRF API',
        version: '1',
        description: `Public API of an Open NMIRF instance: the catalogue of human-rights recommendations the State received. Every list answers in the language given by \`locale\` (${locales.join(', ')}) or the Accept-Language header.`,
        license: { name: 'MIT' },
      },
      tags: [
        { name: 'recommendations', description: 'The recommendation catalogue' },
        { name: 'institutions', description: 'Institutions that act on recommendations, and who works for them' },
        { name: 'assignments', description: 'Which institutions must act on which recommendations' },
        { name: 'open data', description: 'Bulk downloads of everything published, with the data dictionary and licence' },
        { name: 'indicators', description: 'Indicators (structural, process, outcome) and their measurements over time' },
        { name: 'history', description: 'The change history of a record, from the append-only audit log' },
        { name: 'rounds', description: 'Reporting rounds: who owes reports on what, by when; reminders and escalation' },
        { name: 'reports', description: 'The report composer: State report drafts compiled from recommendations, edited section by section' },
        { name: 'obligations', description: "The State's reporting obligations to the UN and regional mechanisms, its treaty ratifications, and the calendar feed" },
        { name: 'suggestions', description: 'Label suggestions learned from the instance\'s own labels: reasons, decisions, the review queue and the models\' measured quality (staff only)' },
        { name: 'status', description: 'Implementation status of recommendations, as assessed over time' },
        { name: 'actions', description: 'What institutions did: action reports, evidence, and their validation chain' },
        { name: 'users', description: 'Accounts of the people who work in the system' },
        { name: 'participation', description: 'Civil society, NHRIs and academia: organisations, their comments and independent assessments, moderation' },
        { name: 'workspace', description: "The signed-in workspace: the secretariat's overview of what waits" },
        { name: 'federation', description: "A national instance's public data published to the Network hub (while its settings say it publishes, `network_publish`): who the instance is, its keys, its signed data package" },
        { name: 'network', description: 'The International Network of NMIRFs (a hub instance only): registry of member and observer States, join requests, the Executive Committee, meetings, proposals, votes and decision records' },
        { name: 'settings', description: "The instance's settings: name, logo, colour, State, time zone, languages, terminology, open-data licence" },
        { name: 'system' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // No CSP of its own: the documentation page lives under the same strict policy as every page.
  });

  await app.register(healthRoutes(options.db.pool));

  await installAuth(app, options); // sessions and CSRF (request.actor), mail delivery, /api/v1/auth/*
  // The instance's address (links in emails) comes from the environment; its calendar, State and licence from
  // its settings (modules/settings), read before each API request so that a change is in effect at once on every server.
  const config = options.auth?.config ?? readConfig();
  const publicUrl = config.publicUrl;
  const network = { ...config.network, ...options.network };
  const settings = new InstanceSettings(options.db.pool, { ...config, network });
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !request.url.startsWith('/api/health')) {
      request.contentVersions = (await settings.load()).versions ?? undefined; // public answers' validators are made of them
    }
  });
  const today: Today = () => dayIn(new Date(), settings.latest.row.time_zone);
  installPublicCache(app, options.db, today, RELEASE, config.responseCacheBytes > 0 ? new AnswerCache(config.responseCacheBytes) : null);
  await app.register(settingsRoutes(options.db, settings, options.instanceRole ?? config.instanceRole));
  await app.register(taxonomiesRoutes(options.db));
  await app.register(recommendationsRoutes(options.db));
  await app.register(institutionsRoutes(options.db));
  await app.register(assignmentsRoutes(options.db, today));
  const maxUploadBytes = options.maxUploadBytes ?? 20 * 1024 * 1024;
  // One file per request, a few small fields; the size limit is enforced while reading, before anything is stored.
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 } });
  const uploads = new UploadStore(options.uploadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-uploads-')));
  await app.register(actionsRoutes(options.db, { uploads, maxUploadBytes, publicUrl }));
  await app.register(statusRoutes(options.db, today));
  await app.register(relatedRoutes(options.db));
  await app.register(suggestionsRoutes(options.db));
  await app.register(participationRoutes(options.db, {
    uploads, maxUploadBytes, publicUrl, today, now: options.auth?.now, settings: { ...config.participation, ...options.participation },
  }));
  await app.register(roundsRoutes(options.db, today));
  await app.register(historyRoutes(options.db));
  await app.register(indicatorsRoutes(options.db));
  await app.register(obligationsRoutes(options.db, { stateIso3: () => settings.latest.row.state_iso3, publicUrl, today }));
  await app.register(plansRoutes(options.db, { maxImportBytes: options.maxImportBytes ?? 200 * 1024 * 1024 }, today));
  await app.register(reportsRoutes(options.db, today));
  await app.register(clustersRoutes(options.db));
  await app.register(dashboardsRoutes(options.db, today));
  await app.register(portalRoutes(options.db, today));
  await app.register(openDataRoutes(options.db, { publicUrl, licence: () => settings.latest.row.open_data_licence }));
  await app.register(operationsRoutes(options.db, config.backup));
  await app.register(overviewRoutes(options.db, today));
  await app.register(importsRoutes(options.db, { maxImportBytes: options.maxImportBytes ?? 200 * 1024 * 1024 }));
  // Answered while the settings say the instance publishes (network_publish); 404 otherwise.
  await app.register(federationRoutes(options.db, { keyFile: network.keyFile, publicUrl, softwareVersion: SOFTWARE_VERSION, settings }));
  if ((options.instanceRole ?? config.instanceRole) === 'hub') {
    await app.register(networkRoutes(options.db, { uploads, maxUploadBytes, publicUrl, today, now: options.auth?.now }));
    await app.register(harvestRoutes(options.db, { now: options.auth?.now }));
    await app.register(hubOpenDataRoutes(options.db));
    await app.register(similarRoutes(options.db));
  }

  const webDist = options.webDist ?? WEB_DIST;
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: '1h', index: false });
    const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    // A page under /<locale>/ carries its language and writing direction from its first byte, before the app runs
    // (which sets them again when the reader switches language: LocaleLayout).
    const pages = new Map(locales.map((locale): [string, Buffer] => [
      locale, Buffer.from(indexHtml.replace(/<html\b[^>]*>/i, `<html lang="${locale}" dir="${localeDirection(locale)}">`)),
    ]));
    const otherPage = Buffer.from(indexHtml);
    // Every path that is not the API or a file is a page of the single-page app.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply.status(404).send({ error: 'not_found', message: message('not_found', requestLocale(request)) });
      }
      const segment = request.url.split(/[/?#]/)[1];
      const page = isLocale(segment) ? pages.get(segment) : otherPage;
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    });
  }
  return app;
}

export interface RouteAccess {
  method: string;
  url: string;
  /** The permission the route checks, or 'public' for routes open to everyone without a record check. */
  access: Action | 'public';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the access it declares: read by the generated authorization test. */
    routeAccess: RouteAccess[];
  }
  interface FastifyContextConfig {
    permission?: Action;
    public?: boolean;
    /**
     * The route's records may be hidden from some people (an action report outside their validation chain): the
     * pipeline refuses only visitors (401) and leaves 404 or 403 to the handler, so existence does not leak.
     */
    hidesRecords?: boolean;
    /** Opens a new session: runs as a visitor without the CSRF check, and replaces the session the cookie carried. */
    signIn?: boolean;
    /** Open to a person who must set up a second factor and has not yet (their account, sign-out, the setup itself). */
    secondFactorSetup?: boolean;
  }
}

/**
 * Deny by default, enforced at start-up: an API route that declares neither a
 * permission from shared/permissions.ts nor `public: true` stops the server
 * from starting. (The OpenAPI documentation routes are public by nature.)
 *
 * And on every request, after the session is known and the input validated,
 * before the handler: the declared permission must be held by one of the
 * person's roles (401 for a visitor, 403 otherwise). A handler of a route whose
 * permission is closed to visitors therefore gets `request.actor` as `Actor`,
 * never null (server/platform/auth/actor.ts); it still decides per record.
 * A route about records some people may not know exist (`hidesRecords`) is
 * checked for a session only: its handler answers 404 for a record the person
 * may not see and 403 for one they see but may not change.
 */
function declareRouteAccess(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config as { permission?: Action; public?: boolean; hidesRecords?: boolean } | undefined;
    if (config?.permission && !config.public) authorizeRoute(request.actor, config.permission, { hidesRecords: config.hidesRecords });
  });
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = route.config as { permission?: Action; public?: boolean } | undefined;
    const access = config?.public ? 'public' : config?.permission;
    if (!access || (access !== 'public' && !(access in PERMISSIONS))) {
      throw new Error(`${route.method} ${route.url} must declare config.permission (one of shared/permissions.ts) or config.public`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });
}

/**
 * Fastify's request lines, a level down: one line per answered request at
 * `debug` (an access log for LOG_LEVEL=debug), the incoming line at `trace`,
 * 4xx errors and unknown routes at `debug`. Server errors stay at `error`.
 */
class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.trace({ method: request.method, url: request.url }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.debug(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply) {
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, error?.message);
    else reply.log.debug({ res: reply, err: error }, error?.message);
  }

  override routeNotFound(request: FastifyRequest) {
    request.log.debug(`Route ${request.method}:${request.url} not found`);
  }
}

