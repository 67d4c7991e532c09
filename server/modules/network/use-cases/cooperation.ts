/**
 * Cooperation between members (like Paraguay's SIMORE technical cooperation programme): a member's
 * focal point or deputy posts a request for cooperation or an offer for its State (software,
 * training, exchange of experience); other members respond; the hub secretariat records the
 * agreements reached, their status, and closes what is done. Each step audited in its transaction.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { COOPERATION_ACTIONS, agreementInputSchema, agreementPatchSchema, cooperationInputSchema, cooperationStatusSchema } from '../../../../shared/network/knowledge';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, can } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { cleanText, requiredText } from '../../participation/sanitise';
import * as repository from '../knowledge.repository';
import { findState } from '../network.repository';

type CooperationAction = (typeof COOPERATION_ACTIONS)[number];

/** The member State the person acts for (focal point or deputy), or null when they act for none. */
async function memberStateOf(q: pg.Pool | pg.PoolClient, actor: Actor | null): Promise<string | null> {
  const held = (actor?.networkRoles ?? []).find((role) => (role.role === 'state_focal_point' || role.role === 'state_deputy') && role.iso3);
  const state = held ? await findState(q, held.iso3!) : null;
  return state?.status === 'member' ? state.iso3 : null;
}

async function memberOf(q: pg.PoolClient, actor: Actor): Promise<string> {
  const iso3 = await memberStateOf(q, actor);
  if (!iso3) throw new HttpError(403, 'forbidden', 'network_hub_members_only');
  return iso3;
}

/**
 * What the person may do with each request or offer, as its answer lists it: respond to another
 * member's open one (the same rules respondToCooperation applies), record agreements, close or open again.
 */
export async function cooperationActions(q: pg.Pool, actor: Actor | null): Promise<(row: { iso3: string; status: 'open' | 'closed' }) => CooperationAction[]> {
  const own = can(actor, 'network:cooperation_post') ? await memberStateOf(q, actor) : null;
  const manages = can(actor, 'network:cooperation_manage');
  return (row) => [
    ...(own && row.status === 'open' && row.iso3 !== own ? ['respond' as const] : []),
    ...(manages ? ['record_agreement' as const, row.status === 'open' ? 'close' as const : 'reopen' as const] : []),
  ];
}

export async function postCooperation(pool: pg.Pool, actor: Actor, input: z.infer<typeof cooperationInputSchema>): Promise<number> {
  authorize(actor, 'network:cooperation_post');
  return inTransaction(pool, async (tx) => {
    const iso3 = await memberOf(tx, actor);
    const row = {
      kind: input.kind, iso3, topic: requiredText(input.topic, 300, true), description: requiredText(input.description, 10_000),
      help: [...new Set(input.help)], language: input.language, posted_by: actor.userId,
    };
    const id = await repository.insertCooperation(tx, row);
    await writeAudit(tx, { actor, action: 'create', entity: 'network_cooperation', entityId: id, after: row });
    return id;
  });
}

/** Another member answers an open request or offer (a State does not answer its own). */
export async function respondToCooperation(pool: pg.Pool, actor: Actor, id: number, message: string): Promise<number> {
  authorize(actor, 'network:cooperation_post');
  return inTransaction(pool, async (tx) => {
    const cooperation = await repository.findCooperation(tx, id, true);
    if (!cooperation) throw notFound('network_cooperation_not_found');
    const iso3 = await memberOf(tx, actor);
    if (cooperation.status !== 'open') throw new HttpError(409, 'conflict', 'network_cooperation_closed');
    if (cooperation.iso3 === iso3) throw badRequest('network_cooperation_own');
    const row = { cooperation_id: id, iso3, message: requiredText(message, 5000), responded_by: actor.userId };
    const responseId = await repository.insertResponse(tx, row);
    await writeAudit(tx, { actor, action: 'respond', entity: 'network_cooperation', entityId: id, after: { ...row, response_id: responseId } });
    return responseId;
  });
}

export async function setCooperationStatus(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof cooperationStatusSchema>): Promise<void> {
  authorize(actor, 'network:cooperation_manage');
  await inTransaction(pool, async (tx) => {
    const cooperation = await repository.findCooperation(tx, id, true);
    if (!cooperation) throw notFound('network_cooperation_not_found');
    if (cooperation.version !== input.version) throw staleVersion(cooperation.version);
    await repository.setCooperationStatus(tx, id, input.status);
    await writeAudit(tx, { actor, action: 'change_status', entity: 'network_cooperation', entityId: id, before: { status: cooperation.status }, after: { status: input.status } });
  });
}

/** The parties must be States of the registry, the poster among them. */
export async function recordAgreement(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof agreementInputSchema>): Promise<number> {
  authorize(actor, 'network:cooperation_manage');
  return inTransaction(pool, async (tx) => {
    const cooperation = await repository.findCooperation(tx, id, true);
    if (!cooperation) throw notFound('network_cooperation_not_found');
    const parties = [...new Set(input.parties)];
    const unknown = await repository.unknownStates(tx, parties);
    if (unknown.length) throw badRequest('network_cooperation_unknown_party', { code: unknown[0] });
    if (!parties.includes(cooperation.iso3) || parties.length < 2) throw badRequest('network_cooperation_parties', { code: cooperation.iso3 });
    const row = { cooperation_id: id, parties, description: cleanText(input.description, 5000), status: input.status, recorded_by: actor.userId };
    if (!row.description) throw badRequest('text_empty');
    const agreementId = await repository.insertAgreement(tx, row);
    await writeAudit(tx, { actor, action: 'record_agreement', entity: 'network_cooperation', entityId: id, after: { ...row, agreement_id: agreementId } });
    return agreementId;
  });
}

export async function updateAgreement(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof agreementPatchSchema>): Promise<number> {
  authorize(actor, 'network:cooperation_manage');
  return inTransaction(pool, async (tx) => {
    const agreement = await repository.findAgreement(tx, id, true);
    if (!agreement) throw notFound('network_agreement_not_found');
    if (agreement.version !== input.version) throw staleVersion(agreement.version);
    const description = input.description === undefined ? undefined : requiredText(input.description, 5000);
    await repository.updateAgreement(tx, id, input.status ?? agreement.status, description);
    await writeAudit(tx, {
      actor, action: 'update', entity: 'network_cooperation_agreement', entityId: id,
      before: { status: agreement.status, description: agreement.description }, after: { status: input.status ?? agreement.status, description },
    });
    return agreement.cooperation_id;
  });
}
