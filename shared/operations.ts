/** Running the instance: the state of scheduled backups, as administrators see it. */
import { z } from 'zod';

export const backupStatusSchema = z.object({
  /** False when BACKUP_DIR is not set: no scheduled backups. */
  scheduled: z.boolean(),
  every_hours: z.number().int().nullable(),
  keep: z.number().int().nullable(),
  /** The latest scheduled backup that succeeded. */
  last_success: z.object({ due_at: z.string(), finished_at: z.string(), file: z.string() }).nullable(),
  /** Set while the latest scheduled backup failed: since when backups fail, and the latest reason. Cleared by a later success. */
  failing: z.object({ since: z.string(), last_due_at: z.string(), error: z.string(), failures: z.number().int() }).nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;
