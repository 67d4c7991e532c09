/**
 * A record's history tab: its rows of the append-only audit log, newest first,
 * with who made each change. Only for the kinds of record listed here, and
 * only for people who may see the record itself: an institution's people see
 * their institution's records; an action report's history follows the report's
 * own visibility (a draft's history is as private as the draft).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { changeLogSchema, HISTORY_ENTITIES, type HistoryEntity } from '../../../shared/history';
import { errorSchema } from '../../../shared/recommendations';
import { canView } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { bigId } from '../../platform/http/params';
import { findAction } from '../actions/actions.repository';
import { chainContext } from '../actions/use-cases/access';
import { changesOf } from './changes';

type Entity = HistoryEntity;

/** The institution a record belongs to (null: a record of the whole NMIRF), or 404 when the caller may not know it. */
const OWNER: Record<Entity, (db: pg.Pool, actor: Actor | null, id: number) => Promise<number | null>> = {
  institution: async (db, _actor, id) => {
    const { rowCount } = await db.query('select 1 from institution where id = $1', [id]);
    if (!rowCount) throw notFound();
    return id;
  },
  action_report: async (db, actor, id) => {
    const action = await findAction(db, id);
    if (!action || !canView(chainContext(actor), { state: action.state, institutionId: action.institution_id })) throw notFound();
    return action.institution_id;
  },
  indicator: async (db, _actor, id) => {
    const { rows } = await db.query('select institution_id from indicator where id = $1', [id]);
    if (!rows[0]) throw notFound();
    return rows[0].institution_id;
  },
  reporting_round: async (db, _actor, id) => {
    const { rowCount } = await db.query('select 1 from reporting_round where id = $1', [id]);
    if (!rowCount) throw notFound();
    return null;
  },
};

export const historyRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  app.get('/api/v1/history/:entity/:id', {
    config: { permission: 'history:read' },
    schema: {
      tags: ['history'], summary: "A record's change history",
      description: `Entities: ${HISTORY_ENTITIES.join(', ')}. Every change with who made it, when, the record before and after, and the fields it altered.`,
      params: z.object({ entity: z.enum(HISTORY_ENTITIES), id: bigId }),
      querystring: z.object({
        page: z.coerce.number().int().min(1).max(1000).default(1),
        page_size: z.coerce.number().int().min(1).max(100).default(50),
        locale: z.enum(['es', 'en', 'fr', 'pt']).optional(),
      }),
      response: {
        200: changeLogSchema,
        400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema,
      },
    },
  }, async (request) => {
    const { entity, id } = request.params;
    requireSignedIn(request.actor);
    const institutionId = await OWNER[entity](db, request.actor, id);
    authorize(request.actor, 'history:read', institutionId === null ? {} : { institutionId });
    const { page, page_size: pageSize } = request.query;
    const [items, count] = await Promise.all([
      db.query(
        `select a.at, a.actor, a.action, a.before, a.after, u.id as user_id, u.display_name
         from audit_log a left join app_user u on a.actor ~ '^user:[0-9]+$' and u.id = substring(a.actor from 6)::bigint
         where a.entity = $1 and a.entity_id = $2 order by a.id desc limit $3 offset $4`,
        [entity, String(id), pageSize, (page - 1) * pageSize],
      ),
      db.query('select count(*)::int as n from audit_log where entity = $1 and entity_id = $2', [entity, String(id)]),
    ]);
    return {
      total: count.rows[0].n, page, page_size: pageSize,
      items: items.rows.map((row) => ({
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
