/** HTTP for accounts: invite a person, read an account. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import {
  inviteUserSchema, secondFactorResetSchema, userActivePatchSchema, userListQuerySchema, userListSchema, userRolesInputSchema, userSchema,
} from '../../../shared/users';
import { authorize } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { listUsers, readUser } from './users.repository';
import { inviteUser } from './use-cases/invite-user';
import { resetSecondFactor, setUserActive, setUserRoles } from './use-cases/manage-account';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const conflict = errorSchema.extend({ current_version: z.number().int().optional() });

export const usersRoutes = (db: Database, deps: { publicUrl: string; now?: () => Date }): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/v1/users', {
    config: { permission: 'user:create' },
    schema: {
      tags: ['users'], summary: 'Create an account and email the person a link to choose a password',
      body: inviteUserSchema, response: { 201: userSchema, 409: errorSchema, ...errors },
    },
  }, async (request, reply) => {
    const id = await inviteUser(db.pool, request.actor, request.body, { publicUrl: deps.publicUrl, now: deps.now ?? (() => new Date()) });
    return reply.status(201).send((await readUser(db.pool, id))!);
  });

  app.get('/api/v1/users', {
    config: { permission: 'user:list' },
    schema: {
      tags: ['users'], summary: 'People with their roles and last sign-in',
      description: 'Filter by part of the name or email (`q`), a role, an institution where they hold a role, or active state; by name.',
      querystring: userListQuerySchema, response: { 200: userListSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'user:list');
    const { page, page_size } = request.query;
    return { page, page_size, ...(await listUsers(db.pool, request.query)) };
  });

  app.patch('/api/v1/users/:id', {
    config: { permission: 'user:deactivate' },
    schema: {
      tags: ['users'], summary: 'Deactivate an account (its sessions end at once) or reactivate it',
      description: 'Send `active` and the `version` you started from; a stale version gets 409 with `current_version`. The last active administrator cannot be deactivated (409).',
      params: idParams, body: userActivePatchSchema, response: { 200: userSchema, 409: conflict, ...errors },
    },
  }, async (request) => setUserActive(db.pool, request.actor, request.params.id, request.body));

  app.put('/api/v1/users/:id/roles', {
    config: { permission: 'membership:manage' },
    schema: {
      tags: ['users'], summary: 'Set every role a person holds',
      description: 'The full list: roles left out are taken away. Institution roles (focal point, alternate, validator) name their institution, which must be active; the secretariat and administrator roles take none and only an administrator gives or takes them. The last active administrator keeps the role (409). A stale `version` gets 409 with `current_version`.',
      params: idParams, body: userRolesInputSchema, response: { 200: userSchema, 409: conflict, ...errors },
    },
  }, async (request) => setUserRoles(db.pool, request.actor, request.params.id, request.body));

  app.post('/api/v1/users/:id/second-factor/reset', {
    config: { permission: 'second_factor:reset' },
    schema: {
      tags: ['users'], summary: "Turn off a person's second factor (lost phone)",
      description: "The secret and the recovery codes are voided and the person's sessions end; the next sign-in asks for the password alone (where a second factor is required, the person sets a new one up first). Send the account's `version`; a stale one gets 409.",
      params: idParams, body: secondFactorResetSchema, response: { 200: userSchema, 409: conflict, ...errors },
    },
  }, async (request) => resetSecondFactor(db.pool, request.actor, request.params.id, request.body));

  app.get('/api/v1/users/:id', {
    config: { permission: 'user:read' },
    schema: {
      tags: ['users'], summary: 'One account with its roles (your own, or any for the secretariat)',
      params: idParams,
      response: { 200: userSchema, ...errors },
    },
  }, async (request) => {
    // Others' accounts are not even confirmed to exist.
    authorize(request.actor, 'user:read', { userId: request.params.id }, { hideExistence: true });
    const user = await readUser(db.pool, request.params.id);
    if (!user) throw notFound('user_unknown');
    return user;
  });
};
