/** The secretariat's overview on the workspace home: what waits for someone, as counts. */
import { z } from 'zod';

/** An obligation counts as due when it is late or due within this many days. */
export const OVERVIEW_OBLIGATION_DAYS = 60;

export const overviewSchema = z.object({
  /** The instance's calendar day the counts were taken on. */
  today: z.string(),
  /** Recommendations no institution is responsible for (no assignment at all). */
  recommendations_without_institution: z.number().int(),
  /** Action reports validated and waiting for the secretariat to publish them (`GET /api/v1/actions?state=validated`). */
  awaiting_publication: z.number().int(),
  /** Action reports returned and not submitted again (`GET /api/v1/actions?state=returned`). */
  returned: z.number().int(),
  /** Reports owed and not submitted in open rounds whose due date has passed, and how many rounds they are in. */
  overdue_reports: z.number().int(),
  overdue_rounds: z.number().int(),
  /** Contributions in the moderation queue: pending, or hidden by abuse reports (`GET /api/v1/moderation/contributions`). */
  contributions_in_moderation: z.number().int(),
  /** Obligations late, or open and due on or before `obligations_due_until` (`GET /api/v1/obligations?status=open&status=late&to=…`). */
  obligations_due: z.number().int(),
  obligations_due_until: z.string(),
});
export type Overview = z.infer<typeof overviewSchema>;
