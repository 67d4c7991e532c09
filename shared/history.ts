/** A record's change history (GET /api/v1/history/:entity/:id), shared by the server and the web app. */
import { z } from 'zod';

export const HISTORY_ENTITIES = ['institution', 'action_report', 'reporting_round', 'indicator', 'user'] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];

export const changeEntrySchema = z.object({
  at: z.string(),
  actor: z.object({ kind: z.enum(['user', 'cli', 'system']), id: z.number().int().nullable(), display_name: z.string().nullable() }),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
    .describe('The fields this change altered, before and after, as stored (codes, ISO dates); bookkeeping fields and fields empty on both sides are left out'),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;

export const changeLogSchema = z.object({
  total: z.number().int(), page: z.number().int(), page_size: z.number().int(), items: z.array(changeEntrySchema),
});
export type ChangeLog = z.infer<typeof changeLogSchema>;
