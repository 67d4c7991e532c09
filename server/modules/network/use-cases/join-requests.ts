/**
 * Joining the Network: a State's representative submits a request (member or observer) with the
 * formal communication, a PDF checked on its bytes; the Executive Committee approves it, asks for
 * more or declines it with a reason; the requester is emailed. Approval puts the State in the
 * registry (with the first entry of its status history) and invites its focal point (an observer's
 * representative) to choose a password, the invitation of people administration.
 */
import { calculateJwkThumbprint } from 'jose';
import type pg from 'pg';
import type { z } from 'zod';
import type { joinDecisionSchema, JoinRequestInput } from '../../../../shared/network/api';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { detectMediaType, type UploadStore } from '../../../platform/files/uploads';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { isLocale, pickText, type Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import { findUserByEmail } from '../../auth/auth.repository';
import { createUser } from '../../auth/use-cases/create-user';
import { INVITATION_DAYS, issueInvitation } from '../../users/use-cases/invite-user';
import * as repository from '../network.repository';

export interface JoinDeps { uploads: UploadStore; publicUrl: string; now: () => Date; today: () => string }

/** Refuses a State that cannot ask: not a UN Member State, already in the registry, or with a request waiting. */
async function checkEligible(q: pg.PoolClient, iso3: string): Promise<void> {
  const country = await repository.findCountry(q, iso3);
  if (!country || !country.un_member) throw badRequest('network_state_not_eligible', { code: iso3 });
  const existing = await repository.findState(q, iso3);
  if (existing) throw new HttpError(409, 'conflict', 'network_already_in_registry', { code: iso3, status: existing.status });
  if (await repository.openJoinRequestOf(q, iso3)) throw new HttpError(409, 'conflict', 'network_join_request_open', { code: iso3 });
}

export async function submitJoinRequest(
  pool: pg.Pool, actor: Actor | null, input: JoinRequestInput, file: { bytes: Buffer; fileName: string }, deps: JoinDeps,
): Promise<number> {
  authorize(actor, 'network:join_request');
  const detected = await detectMediaType(file.bytes, file.fileName);
  if (!('mediaType' in detected) || detected.mediaType !== 'application/pdf') throw badRequest('network_communication_not_pdf');
  const client = await pool.connect();
  try { await checkEligible(client, input.iso3); } finally { client.release(); }
  const stored = await deps.uploads.store(file.bytes, file.fileName, 'application/pdf');
  try {
    const id = await inTransaction(pool, async (tx) => {
      await checkEligible(tx, input.iso3);
      const id = await repository.insertJoinRequest(tx, {
        iso3: input.iso3, requested_status: input.requested_status, requester_name: input.requester_name,
        requester_email: input.requester_email.toLowerCase(), requester_locale: input.requester_locale,
        focal_point_name: input.focal_point_name, focal_point_email: input.focal_point_email.toLowerCase(),
        declaration_adopted_on: input.declaration_adopted_on, profile: input.profile,
        instance_url: input.instance_url ?? null, public_key: input.public_key ? await publicKeyWithId(input.public_key) : null,
        stored_name: stored.storedName, file_name: stored.fileName, size_bytes: stored.sizeBytes, sha256: stored.sha256,
      });
      // The hub secretariat and the Committee learn that a request waits for them.
      const country = (await repository.findCountry(tx, input.iso3))!;
      for (const person of await repository.peopleWithRoles(tx, ['hub_secretariat', 'committee_member', 'coordinator'])) {
        const locale = person.locale as Locale;
        await queueMail(tx, {
          to: person.email,
          locale,
          subject: message('mail_network_join_received_subject', locale, { state: pickText(country.name, locale) || input.iso3 }),
          text: message('mail_network_join_received_body', locale, {
            name: person.display_name, state: pickText(country.name, locale) || input.iso3,
            status: message(`network_status_${input.requested_status}`, locale), link: `${deps.publicUrl}/${locale}/network/join-requests/${id}`,
          }),
          dedupeKey: `network-join-request:${id}:${person.user_id}`,
        });
      }
      await writeAudit(tx, {
        actor: actor ?? 'anonymous', action: 'submit', entity: 'network_join_request', entityId: id,
        after: { ...input, communication: { file_name: stored.fileName, sha256: stored.sha256 } },
      });
      return id;
    });
    notifyMailQueued();
    return id;
  } catch (error) {
    await deps.uploads.remove(stored.storedName);
    throw error;
  }
}

export async function decideJoinRequest(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof joinDecisionSchema>, deps: JoinDeps): Promise<void> {
  authorize(actor, 'network:join_decide');
  if (input.decision !== 'approve' && !input.reason) throw badRequest('network_reason_required');
  await inTransaction(pool, async (tx) => {
    const request = await repository.findJoinRequest(tx, id, true);
    if (!request) throw notFound();
    if (request.version !== input.version) throw staleVersion(request.version);
    if (request.state !== 'submitted') throw new HttpError(409, 'conflict', 'network_join_not_pending', { state: request.state });
    const locale: Locale = isLocale(request.requester_locale) ? request.requester_locale : 'en';
    const stateName = pickText(request.state_name, locale);
    const now = deps.now();
    const newState = input.decision === 'approve' ? 'approved' : input.decision === 'decline' ? 'declined' : 'more_information_requested';
    await repository.decideJoinRequest(tx, id, newState, input.reason ?? null, actor.userId, now);
    let after: Record<string, unknown> = { state: newState, reason: input.reason ?? null };
    if (input.decision === 'approve') {
      const existing = await repository.findState(tx, request.iso3);
      if (existing) throw new HttpError(409, 'conflict', 'network_already_in_registry', { code: request.iso3, status: existing.status });
      const today = deps.today();
      await repository.insertState(tx, {
        iso3: request.iso3, status: request.requested_status, founding: false, joinedOn: today,
        declarationAdoptedOn: request.declaration_adopted_on, profile: request.profile,
      });
      await repository.insertStatusChange(tx, {
        iso3: request.iso3, from: null, to: request.requested_status, on: today, reason: `join request ${id}`, joinRequestId: id, by: actor.userId,
      });
      // Federation: the instance and its key, from the approval on (docs/decisions/0017-federation.md).
      if (request.instance_url) await repository.upsertInstance(tx, request.iso3, request.instance_url, id);
      if (request.public_key) {
        const jwk = request.public_key as JoinRequestInput['public_key'] & { kid: string };
        await repository.registerKey(tx, { kid: jwk.kid, iso3: request.iso3, jwk, source: 'join_request', by: actor.userId, at: now });
      }
      const role = request.requested_status === 'member' ? 'state_focal_point' : 'observer_representative';
      const focal = await inviteRepresentative(tx, actor, { name: request.focal_point_name, email: request.focal_point_email, locale }, deps);
      await repository.grantRole(tx, focal.userId, role, request.iso3);
      after = { ...after, registry: { iso3: request.iso3, status: request.requested_status }, representative: { user_id: focal.userId, role, invited: focal.invited } };
    }
    const kind = input.decision === 'approve' ? 'approved' : input.decision === 'decline' ? 'declined' : 'more';
    await queueMail(tx, {
      to: request.requester_email,
      locale,
      subject: message(`mail_network_join_${kind}_subject`, locale),
      text: message(`mail_network_join_${kind}_body`, locale, {
        name: request.requester_name, state: stateName, status: message(`network_status_${request.requested_status}`, locale),
        focal: request.focal_point_name, reason: input.reason ?? '',
      }),
    });
    await writeAudit(tx, { actor, action: `join_${input.decision}`, entity: 'network_join_request', entityId: id, before: { state: request.state }, after });
  });
  notifyMailQueued();
}

/** The public key as the hub keeps it: the key id is its JWK thumbprint (RFC 7638), whatever the request said. */
export async function publicKeyWithId(key: NonNullable<JoinRequestInput['public_key']>): Promise<Record<string, unknown> & { kid: string }> {
  const jwk = { kty: key.kty, crv: key.crv, x: key.x };
  return { ...jwk, kid: await calculateJwkThumbprint(jwk) };
}

/** The account of a State's representative: created and invited, or an existing account (which keeps its password). */
async function inviteRepresentative(
  tx: pg.PoolClient, actor: Actor, person: { name: string; email: string; locale: Locale }, deps: JoinDeps,
): Promise<{ userId: number; invited: boolean }> {
  const existing = await findUserByEmail(tx, person.email);
  if (existing) return { userId: existing.id, invited: false };
  const user = await createUser(tx, { email: person.email, displayName: person.name, locale: person.locale }, actor);
  const { link } = await issueInvitation(tx, user.id, person.locale, deps);
  await queueMail(tx, {
    to: user.email,
    locale: person.locale,
    subject: message('mail_invitation_subject', person.locale),
    text: message('mail_invitation_body', person.locale, {
      name: person.name, inviter: message('network_name', person.locale), email: user.email, link, days: INVITATION_DAYS,
    }),
  });
  return { userId: user.id, invited: true };
}
