/** HTTP for the instance's settings: the public part for everyone, the whole for the administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { logoInputSchema, logoRemovalSchema, publicSettingsSchema, settingsInputSchema, settingsSchema } from '../../../shared/settings';
import { authorize } from '../../platform/auth/policy';
import type { InstanceRole } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { localeQuery } from '../../platform/http/params';
import { notModified } from '../../platform/http/public-cache';
import { presentPublic, presentSettings, type InstanceSettings } from './instance-settings';
import { removeLogo, setLogo } from './use-cases/set-logo';
import { saveSettings } from './use-cases/save-settings';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema.extend({ current_version: z.number().int() }) };

/** A logo is plain drawing: served so that nothing in it could run or load, even opened on its own. */
const LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export const settingsRoutes = (database: Database, settings: InstanceSettings, instanceRole: InstanceRole): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.get('/api/v1/settings', {
    config: { permission: 'settings:read', publicCache: 'catalogue' },
    schema: {
      tags: ['settings'], summary: "The instance's public settings",
      description: 'Name and short description per language, logo, primary colour, interface languages offered and the default one, content languages, terminology overrides and the open-data licence: what every page shows.',
      querystring: localeQuery, response: { 200: publicSettingsSchema, ...notModified },
    },
  }, async () => presentPublic(await settings.load(), instanceRole));

  app.get('/api/v1/settings/logo', {
    config: { permission: 'settings:read', publicCache: 'catalogue' },
    schema: {
      tags: ['settings'], summary: "The instance's logo (PNG, JPEG, WebP or sanitised SVG)",
      description: 'The address in the public settings carries `?v=` with the logo\'s digest, so a new logo has a new address.',
      querystring: z.object({ v: z.string().max(64).optional() }),
      response: { 200: z.any().describe('The image'), 404: errorSchema, ...notModified },
    },
  }, async (_request, reply) => {
    const logo = await settings.logo(db);
    if (!logo) throw notFound();
    reply.header('content-type', logo.media_type).header('x-content-type-options', 'nosniff');
    if (logo.media_type === 'image/svg+xml') reply.header('content-security-policy', LOGO_POLICY);
    return reply.send(logo.data);
  });

  app.get('/api/v1/admin/settings', {
    config: { permission: 'settings:manage' },
    schema: {
      tags: ['settings'], summary: "The instance's settings, all of them, with their version",
      response: { 200: settingsSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => {
    authorize(request.actor, 'settings:manage');
    return presentSettings(await settings.load(), instanceRole);
  });

  app.put('/api/v1/admin/settings', {
    config: { permission: 'settings:manage' },
    schema: {
      tags: ['settings'], summary: "Change the instance's settings",
      description: 'The whole settings with the `version` they were read at (a stale one is a 409 with `current_version`). In effect at the next request on every app server. '
        + 'Refused (400, nothing saved): a primary colour on which text would have a contrast below 4.5:1 (WCAG AA) against white or the page background, a default language not among those offered, no name in the default language, an unknown State, '
        + '`second_factor_required` from an administrator who has no second factor of their own (the requirement would leave them able to do nothing but set one up).',
      querystring: localeQuery, body: settingsInputSchema, response: { 200: settingsSchema, ...errors },
    },
  }, async (request) => {
    await saveSettings(db, request.actor, settings.defaults, request.body);
    return presentSettings(await settings.load(), instanceRole);
  });

  app.put('/api/v1/admin/settings/logo', {
    config: { permission: 'settings:manage' },
    bodyLimit: 1024 * 1024,
    schema: {
      tags: ['settings'], summary: "Set the instance's logo",
      description: 'The file in base64. PNG, JPEG and WebP are recognised on their bytes (at most 512 KB, each side 16 to 2048 pixels); anything else must be an SVG document, '
        + 'which is rebuilt from an allow-list of drawing elements and attributes (scripts, event handlers, foreignObject, styles and references outside the document are removed; a DOCTYPE is refused).',
      querystring: localeQuery, body: logoInputSchema, response: { 200: settingsSchema, ...errors },
    },
  }, async (request) => {
    await setLogo(db, request.actor, settings.defaults, request.body);
    return presentSettings(await settings.load(), instanceRole);
  });

  app.delete('/api/v1/admin/settings/logo', {
    config: { permission: 'settings:manage' },
    schema: {
      tags: ['settings'], summary: "Remove the instance's logo",
      querystring: localeQuery.extend(logoRemovalSchema.shape), response: { 200: settingsSchema, ...errors },
    },
  }, async (request) => {
    await removeLogo(db, request.actor, settings.defaults, request.query.version);
    return presentSettings(await settings.load(), instanceRole);
  });
};
