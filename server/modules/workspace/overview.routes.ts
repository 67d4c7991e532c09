/**
 * HTTP for the secretariat's overview on the workspace home: one count per
 * thing that waits for someone, each from its own module's repository with the
 * filter the web app's link uses.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OVERVIEW_OBLIGATION_DAYS, overviewSchema } from '../../../shared/overview';
import { errorSchema } from '../../../shared/recommendations';
import { addDays, type Today, utcToday } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { countActions } from '../actions/actions.repository';
import { chainContext } from '../actions/use-cases/access';
import { countWithoutInstitution } from '../assignments/assignments.repository';
import { countObligations } from '../obligations/obligations.repository';
import { moderationQueueCount } from '../participation/participation.repository';
import { overdueInOpenRounds } from '../rounds/rounds.repository';

export function overviewRoutes(db: Database, today: Today = utcToday): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/workspace/overview', {
      config: { permission: 'workspace:overview' },
      schema: {
        tags: ['workspace'], summary: 'What waits for the secretariat, as counts',
        description: 'Each count uses the same rule as its own list: action reports by state (as the caller may see them), '
          + "the rounds dashboard's overdue rule, the moderation queue, and the obligations calendar's status and due-date filters.",
        response: { 200: overviewSchema, 401: errorSchema, 403: errorSchema },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const day = today();
      const until = addDays(day, OVERVIEW_OBLIGATION_DAYS);
      const actor = chainContext(request.actor);
      const [without, publication, returned, overdue, moderation, obligations] = await Promise.all([
        countWithoutInstitution(db.pool),
        countActions(db.pool, actor, ['validated']),
        countActions(db.pool, actor, ['returned']),
        overdueInOpenRounds(db.pool, day),
        moderationQueueCount(db.pool),
        countObligations(db.pool, { status: ['open', 'late'], kind: [], mechanism: [], to: until }, day),
      ]);
      return {
        today: day,
        recommendations_without_institution: without,
        awaiting_publication: publication,
        returned,
        overdue_reports: overdue.reports,
        overdue_rounds: overdue.rounds,
        contributions_in_moderation: moderation,
        obligations_due: obligations,
        obligations_due_until: until,
      };
    });
  };
}
