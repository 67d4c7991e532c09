/**
 * A record's history tab: its rows of the append-only audit log, newest first,
 * with who made each change. Only for the kinds of record listed here, and
 * only for people who may see the record itself: an institution's people see
 * their institution's records; an action report's history follows the report's
 * own visibility (a draft's history is as private as the draft). A person's
 * history (invitation, roles, deactivation, sign-ins, second factor) is for
 * those who administer people; to others it does not exist.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { changeLogSchema, HISTORY_ENTITIES, type HistoryEntity } from '../../../shared/history';
import { errorSchema } from '../../../shared/recommendations';
import { canView } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import { authorize, } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { bigId } from '../../platform/http/params';
import { findAction } from '../actions/actions.repository';
import { chainContext } from '../actions/use-cases/access';
import { findIndicator } from '../indicators/indicators.repository';
import { findInstitution, mergedFamily } from '../institutions/institutions.repository';
import { findRound } from '../rounds/rounds.repository';
import { readUser } from '../users/users.repository';
import { changesOf } from './changes';
import { historyOf } from './history.repository';
import { localeSchema } from '../../../shared/i18n/schema';

type Entity = HistoryEntity;

/** The institution a record belongs to (null: a record of the whole NMIRF), or 404 when the caller may not know it. */
const OWNER: Record<Entity, (db: pg.Pool, actor: Actor | null, id: number) => Promise<number | null>> = {
  institution: async (db, _actor, id) => {
    if (!(await findInstitution(db, id))) throw notFound();
    return id;
  },
  action_report: async (db, actor, id) => {
    const action = await findAction(db, id);
    if (!action || !canView(chainContext(actor), { state: action.state, institutionId: action.institution_id })) throw notFound();
    return action.institution_id;
  },
  indicator: async (db, _actor, id) => {
    const indicator = await findIndicator(db, id);
    if (!indicator) throw notFound();
    return indicator.institution_id;
  },
  user: async (db, actor, id) => {
    authorize(actor, 'user:list', {}, { hideExistence: true });
    if (!(await readUser(db, id))) throw notFound();
    return null;
  },
  reporting_round: async (db, _actor, id) => {
    if (!(await findRound(db, id))) throw notFound();
    return null;
  },
};

export const historyRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  app.get('/api/v1/history/:entity/:id', {
    config: { permission: 'history:read', hidesRecords: true },
    schema: {
      tags: ['history'], summary: "A record's change history",
      description: `Entities: ${HISTORY_ENTITIES.join(', ')}. Every change with who made it, when, the record before and after, and the fields it altered.`,
      params: z.object({ entity: z.enum(HISTORY_ENTITIES), id: bigId }),
      querystring: z.object({
        page: z.coerce.number().int().min(1).max(1000).default(1),
        page_size: z.coerce.number().int().min(1).max(100).default(50),
        locale: localeSchema.optional(),
      }),
      response: {
        200: changeLogSchema,
        400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema,
      },
    },
  }, async (request) => {
    const { entity, id } = request.params;
    const institutionId = await OWNER[entity](db, request.actor, id);
    authorize(request.actor, 'history:read', institutionId === null ? {} : { institutionId });
    const { page, page_size: pageSize } = request.query;
    // An institution's history includes that of the institutions merged into it.
    const ids = entity === 'institution' ? await mergedFamily(db, id) : [id];
    const { total, rows } = await historyOf(db, entity, ids, page, pageSize);
    return {
      total, page, page_size: pageSize,
      items: rows.map((row) => ({
        at: row.at.toISOString(),
        actor: {
          kind: row.actor.startsWith('user:') ? 'user' as const : row.actor.startsWith('cli:') ? 'cli' as const : 'system' as const,
          id: row.user_id === null ? null : Number(row.user_id),
          display_name: row.display_name ?? null,
        },
        action: row.action, before: row.before, after: row.after, changes: changesOf(row.before, row.after),
      })),
    };
  });
};
