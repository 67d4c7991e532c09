/** The one way to write an audit row: always inside the caller's transaction. */
import type pg from 'pg';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: pg.PoolClient, entry: AuditEntry): Promise<void> {
  await tx.query(
    'insert into audit_log (actor, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6)',
    [entry.actor, entry.action, entry.entity, entry.entityId == null ? null : String(entry.entityId),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after)],
  );
}
