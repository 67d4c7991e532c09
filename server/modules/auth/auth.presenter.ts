/** The only way account data leaves the server: the signed-in person, and outbox rows for administrators. */
import { z } from 'zod';
import type { SessionUser } from '../../../shared/users';
import type { Actor } from '../../platform/auth/actor';
import { capabilitiesOf } from '../../platform/auth/policy';
import type { OutboxRow } from './auth.repository';

export const outboxSchema = z.object({
  items: z.array(z.object({
    id: z.number().int(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    created_at: z.string(),
    sent_at: z.string().nullable(),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
  })),
});

export function presentSessionUser(actor: Actor): SessionUser {
  return {
    user: {
      id: actor.userId,
      email: actor.email,
      display_name: actor.displayName,
      locale: actor.locale,
      memberships: actor.memberships.map((m) => ({ role: m.role, institution_id: m.institutionId })),
    },
    second_factor: { enabled: actor.secondFactor ?? false, setup_required: actor.secondFactorSetupRequired ?? false },
    csrf_token: actor.csrfToken,
    capabilities: capabilitiesOf(actor),
  };
}

export function presentOutbox(rows: OutboxRow[]): z.infer<typeof outboxSchema> {
  return {
    items: rows.map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text: row.body_text,
      created_at: row.created_at.toISOString(),
      sent_at: row.sent_at?.toISOString() ?? null,
      attempts: row.attempts,
      last_error: row.last_error,
    })),
  };
}
