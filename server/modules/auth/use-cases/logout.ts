/** Sign-out: the session row goes, with an audit row. */
import type pg from 'pg';
import type { Actor } from '../../../platform/auth/actor';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';

export async function logout(pool: pg.Pool, actor: Actor, sessionHash: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query('delete from user_session where token_hash = $1', [sessionHash]);
    if (rowCount) {
      await writeAudit(tx, { actor, action: 'logout', entity: 'user', entityId: actor.userId });
    }
  });
}
