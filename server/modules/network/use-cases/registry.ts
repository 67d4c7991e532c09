/** The registry: a member's NMIRF profile and a State's status, kept by the hub secretariat. */
import type pg from 'pg';
import type { z } from 'zod';
import type { keyRegistrationSchema, profilePatchSchema, statusChangeInputSchema } from '../../../../shared/network/api';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../network.repository';
import { publicKeyWithId } from './join-requests';

export async function updateProfile(pool: pg.Pool, actor: Actor, iso3: string, patch: z.infer<typeof profilePatchSchema>): Promise<void> {
  authorize(actor, 'network:registry_manage');
  await inTransaction(pool, async (tx) => {
    const before = await repository.findState(tx, iso3, true);
    if (!before) throw notFound();
    if (before.version !== patch.version) throw staleVersion(before.version);
    const { version: _, ...fields } = patch;
    await repository.updateState(tx, iso3, fields);
    await writeAudit(tx, { actor, action: 'update', entity: 'network_state', entityId: iso3, before, after: fields });
  });
}

/**
 * An observer that creates an NMIRF becomes a member (and the reverse): each change kept in the history.
 * Its representative becomes its focal point (who can vote); a member that becomes an observer keeps
 * its focal point as representative, and its deputy's role ends (observers do not vote).
 */
export async function changeStatus(pool: pg.Pool, actor: Actor, iso3: string, input: z.infer<typeof statusChangeInputSchema>): Promise<void> {
  authorize(actor, 'network:registry_manage');
  await inTransaction(pool, async (tx) => {
    const before = await repository.findState(tx, iso3, true);
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion(before.version);
    if (before.status === input.status) throw badRequest('network_status_unchanged', { code: iso3, status: input.status });
    await repository.updateState(tx, iso3, { status: input.status });
    await repository.insertStatusChange(tx, { iso3, from: before.status, to: input.status, on: input.changed_on, reason: input.reason, by: actor.userId });
    const representatives = await repository.moveRepresentatives(tx, iso3, input.status);
    await writeAudit(tx, { actor, action: 'change_status', entity: 'network_state', entityId: iso3, before: { status: before.status }, after: { ...input, representatives } });
  });
}

/**
 * Federation: the hub secretariat registers a State's new public key (a rotation, or a key the join request did
 * not carry) and, if given, its instance's address. The key in use until now ends here and keeps verifying what it
 * signed before (docs/decisions/0017-federation.md). Registering the key it already has changes nothing.
 */
export async function registerStateKey(
  pool: pg.Pool, actor: Actor, iso3: string, input: z.infer<typeof keyRegistrationSchema>, now: () => Date,
): Promise<{ kid: string; registered: boolean }> {
  authorize(actor, 'network:keys_manage');
  const jwk = await publicKeyWithId(input.public_key);
  return inTransaction(pool, async (tx) => {
    const state = await repository.findState(tx, iso3, true);
    if (!state) throw notFound();
    if (input.instance_url) await repository.upsertInstance(tx, iso3, input.instance_url, null);
    const registered = await repository.registerKey(tx, { kid: jwk.kid, iso3, jwk, source: 'rotation', by: actor.userId, at: now() });
    await writeAudit(tx, { actor, action: 'register_key', entity: 'network_state', entityId: iso3, after: { kid: jwk.kid, registered, instance_url: input.instance_url ?? null } });
    return { kid: jwk.kid, registered };
  });
}
