/** HTTP for accounts: invite a person, read an account. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { inviteUserSchema, userSchema } from '../../../shared/users';
import { authorize } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { readUser } from './users.repository';
import { inviteUser } from './use-cases/invite-user';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export const usersRoutes = (db: Database, deps: { publicUrl: string; now?: () => Date }): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/v1/users', {
    config: { permission: 'user:create' },
    schema: {
      tags: ['users'], summary: 'Create an account and email the person a link to choose a password',
      body: inviteUserSchema, response: { 201: userSchema, 409: errorSchema, ...errors },
    },
  }, async (request, reply) => {
    const id = await inviteUser(db.pool, request.actor, request.body, { publicUrl: deps.publicUrl, now: deps.now ?? (() => new Date()) });
    return reply.status(201).send(await readUser(db.pool, id));
  });

  app.get('/api/v1/users/:id', {
    config: { permission: 'user:read' },
    schema: {
      tags: ['users'], summary: 'One account with its roles (your own, or any for the secretariat)',
      params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
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
