/** HTTP for running the instance: the scheduled backups' state, for administrators (their workspace shows a failure). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { backupStatusSchema } from '../../../shared/operations';
import { errorSchema } from '../../../shared/recommendations';
import type { BackupSchedule } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { backupStatus } from './scheduled-backup';

export function operationsRoutes(db: Database, schedule: BackupSchedule | null): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/admin/backups', {
      config: { permission: 'backup:read' },
      schema: {
        tags: ['system'], summary: 'Scheduled backups: the latest success and, while backups fail, since when and why',
        description: '`failing` is set from a failed scheduled backup until a later one succeeds; the workspace home shows it to administrators.',
        response: { 200: backupStatusSchema, 401: errorSchema, 403: errorSchema },
      },
    }, async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return backupStatus(db.pool, schedule);
    });
  };
}
