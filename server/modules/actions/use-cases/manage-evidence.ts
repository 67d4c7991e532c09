/**
 * Evidence of an action: links, and files checked on their bytes and stored
 * under a generated name. Only while the report is with its authors. Each
 * change bumps the report's version, so a reviewer never judges evidence that
 * changed under them.
 */
import type pg from 'pg';
import { MAX_EVIDENCE_PER_ACTION } from '../../../../shared/actions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { inTransaction } from '../../../platform/db/database';
import { detectMediaType, type UploadStore } from '../../../platform/files/uploads';
import { badRequest, notFound } from '../../../platform/http/errors';
import * as repository from '../actions.repository';
import { lockActionFor, requireEditable } from './access';

/**
 * Checks an evidence change (visible, the editor's, editable, room for more)
 * and, inside a transaction, locks the report and bumps its version.
 */
async function lockForEvidence(db: pg.Pool | pg.PoolClient, actor: Actor | null, id: number, adding: boolean, lock = true) {
  const { actor: editor, action } = await lockActionFor(db, actor, id, 'action:update', lock);
  requireEditable(editor, action);
  if (adding && (await repository.countEvidence(db, id)) >= MAX_EVIDENCE_PER_ACTION) {
    throw badRequest('evidence_too_many', { max: MAX_EVIDENCE_PER_ACTION });
  }
  if (lock) await repository.touchAction(db, id, action.version, editor.userId);
  return editor;
}

export async function addLinkEvidence(pool: pg.Pool, actor: Actor | null, id: number, link: { title: string; url: string }) {
  return inTransaction(pool, async (tx) => {
    const editor = await lockForEvidence(tx, actor, id, true);
    const evidence = await repository.insertEvidence(tx, { actionId: id, kind: 'link', title: link.title, url: link.url, createdBy: editor.userId });
    await writeAudit(tx, { actor: editor, action: 'add_evidence', entity: 'action_report', entityId: id, after: evidence });
    return evidence;
  });
}

/**
 * The bytes are checked before anything is written; the file is stored before
 * the transaction and removed again if the transaction fails, so a refused or
 * failed upload leaves neither a row nor a file behind.
 */
export async function addFileEvidence(
  pool: pg.Pool, store: UploadStore, actor: Actor | null, id: number, file: { bytes: Buffer; fileName: string; title?: string | null },
) {
  const detected = await detectMediaType(file.bytes, file.fileName);
  if ('refused' in detected) throw badRequest(detected.refused);
  // Access is checked before the file touches the disk, and again under the lock.
  await lockForEvidence(pool, actor, id, true, false);
  const stored = await store.store(file.bytes, file.fileName, detected.mediaType);
  try {
    return await inTransaction(pool, async (tx) => {
      const editor = await lockForEvidence(tx, actor, id, true);
      const evidence = await repository.insertEvidence(tx, {
        actionId: id, kind: 'file', title: file.title?.trim() || stored.fileName, storedName: stored.storedName, fileName: stored.fileName,
        mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, createdBy: editor.userId,
      });
      await writeAudit(tx, { actor: editor, action: 'add_evidence', entity: 'action_report', entityId: id, after: evidence });
      return evidence;
    });
  } catch (error) {
    await store.remove(stored.storedName);
    throw error;
  }
}

/** The row goes in the transaction; the file after it commits (a failed commit keeps both). */
export async function removeEvidence(pool: pg.Pool, store: UploadStore, actor: Actor | null, id: number, evidenceId: number): Promise<void> {
  const removed = await inTransaction(pool, async (tx) => {
    const editor = await lockForEvidence(tx, actor, id, false);
    const evidence = await repository.deleteEvidence(tx, id, evidenceId);
    if (!evidence) throw notFound();
    await writeAudit(tx, { actor: editor, action: 'remove_evidence', entity: 'action_report', entityId: id, before: evidence });
    return evidence;
  });
  if (removed.stored_name) await store.remove(removed.stored_name);
}
