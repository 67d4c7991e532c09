/** Which institutions must act on which recommendation: one lead, any number co-responsible. */
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { appUser, institution } from './people';
import { recommendation } from './recommendations';

export const assignment = pgTable('assignment', {
  id: serial('id').primaryKey(),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  institutionId: integer('institution_id').notNull().references(() => institution.id),
  /** lead | co_responsible */
  responsibility: text('responsibility').notNull(),
  /** When the institution owes its first report on it, if the secretariat set one. */
  dueDate: date('due_date'),
  assignedBy: bigint('assigned_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('assignment_unique').on(t.recommendationId, t.institutionId),
  // At most one lead institution per recommendation.
  uniqueIndex('assignment_one_lead').on(t.recommendationId).where(sql`${t.responsibility} = 'lead'`),
  index('assignment_institution').on(t.institutionId, t.dueDate),
  check('assignment_responsibility', sql`${t.responsibility} in ('lead', 'co_responsible')`),
]);
