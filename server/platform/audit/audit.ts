/** The one way to write an audit row: always inside the caller's transaction. */
import type pg from 'pg';
import type { Actor } from '../auth/actor';

/**
 * Who did it: the signed-in person (an `Actor`, or just the account's id where
 * nobody is signed in yet, as when a sign-in opens a session), a visitor, a
 * person at the command line (`cli:<system user>`) or the server itself
 * (`system`, or `system:<job>`). The audit log stores `user:<id>` for a person.
 */
export type AuditActor = Pick<Actor, 'userId'> | 'anonymous' | 'system' | `cli:${string}` | `system:${string}`;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** How the audit log names who did it. */
export function auditActorName(actor: AuditActor): string {
  return typeof actor === 'object' ? `user:${actor.userId}` : actor;
}

export async function writeAudit(tx: pg.PoolClient, entry: AuditEntry): Promise<void> {
  await tx.query(
    'insert into audit_log (actor, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6)',
    [auditActorName(entry.actor), entry.action, entry.entity, entry.entityId == null ? null : String(entry.entityId),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after)],
  );
}
