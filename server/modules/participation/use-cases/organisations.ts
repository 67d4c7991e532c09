/**
 * Organisations: registration (the organisation and its first member's
 * account in one transaction, with an emailed confirmation link), email
 * confirmation, and the secretariat's verification or rejection.
 *
 * Registration answers the same whether the address already has an account
 * or not, as a password-reset request does: the owner of an existing account
 * gets an email saying someone tried, and nothing is created. Only a weak
 * password is refused at once (it says nothing about the address). The
 * password is hashed in both cases, so the answer takes as long either way.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords';
import { authorize } from '../../../platform/auth/policy';
import { hashToken, newToken } from '../../../platform/auth/session';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import { normaliseEmail } from '../../auth/auth.repository';
import * as repository from '../participation.repository';
import { BODY_MAX, type registerOrganisationSchema } from '../../../../shared/participation';
import { cleanText, cleanUrl, requiredText } from '../sanitise';
import { localeOf, registrationRule, type ParticipationContext } from './context';

export function confirmationLink(publicUrl: string, locale: string, token: string): string {
  return `${publicUrl}/${locale}/organisations/confirm?token=${encodeURIComponent(token)}`;
}

export async function registerOrganisation(
  pool: pg.Pool, input: z.infer<typeof registerOrganisationSchema>, request: { ip: string }, ctx: ParticipationContext,
): Promise<void> {
  const email = normaliseEmail(input.email);
  const locale = localeOf(input.locale);
  const name = requiredText(input.name, 300, true);
  const displayName = requiredText(input.display_name, 200, true);
  const description = cleanText(input.description ?? '', BODY_MAX);
  const website = input.website?.trim() ? cleanUrl(input.website) : null;
  const problem = passwordProblem(input.password, email);
  if (problem) throw badRequest(problem.key, problem.params);
  const rule = registrationRule(ctx.settings, request.ip);
  await ctx.throttle.check(pool, [rule], 'registration_throttled');
  const passwordHash = await hashPassword(input.password);

  await inTransaction(pool, async (tx) => {
    const held = await ctx.throttle.hold(tx, [rule]);
    held.refuseIfLocked([rule], 'registration_throttled');
    await held.count([rule]);
    const now = ctx.now();
    const userId = await repository.insertAccount(tx, { email, displayName, locale, passwordHash });
    if (userId === null) {
      const existing = await repository.personByEmail(tx, email);
      if (existing?.active) {
        const theirs = localeOf(existing.locale);
        await queueMail(tx, {
          to: existing.email,
          locale: theirs,
          subject: message('mail_organisation_exists_subject', theirs),
          text: message('mail_organisation_exists_body', theirs, { name: existing.display_name, link: `${ctx.publicUrl}/${theirs}/sign-in` }),
        });
      }
      await writeAudit(tx, { actor: 'anonymous', action: 'organisation_registration_refused', entity: 'user', entityId: existing?.id ?? null, after: { reason: 'email_taken' } });
      return;
    }
    const organisationId = await repository.insertOrganisation(tx, { name, kind: input.kind, contactEmail: email, website, description, now });
    await repository.insertMember(tx, organisationId, userId);
    const token = newToken();
    await repository.insertEmailToken(tx, {
      tokenHash: hashToken(token), organisationId, now, expiresAt: new Date(now.getTime() + ctx.settings.confirmationHours * 3_600_000),
    });
    await queueMail(tx, {
      to: email,
      locale,
      subject: message('mail_organisation_confirm_subject', locale, { organisation: name }),
      text: message('mail_organisation_confirm_body', locale, {
        name: displayName, organisation: name, hours: ctx.settings.confirmationHours, link: confirmationLink(ctx.publicUrl, locale, token),
      }),
    });
    await writeAudit(tx, { actor: 'anonymous', action: 'create', entity: 'user', entityId: userId, after: { email, display_name: displayName, locale, password_set: true } });
    await writeAudit(tx, {
      actor: { userId }, action: 'register', entity: 'organisation', entityId: organisationId,
      after: { name, kind: input.kind, contact_email: email, website, description, state: 'email_pending' },
    });
  });
  notifyMailQueued();
}

/** The emailed link: the address is confirmed, and the organisation waits for the secretariat. */
export async function confirmOrganisation(pool: pg.Pool, token: string, ctx: ParticipationContext): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const now = ctx.now();
    const organisationId = await repository.spendEmailToken(tx, hashToken(token), now);
    if (organisationId === null) throw badRequest('organisation_token_invalid');
    const [organisation] = await repository.organisations(tx, { ids: [organisationId] }, true);
    if (organisation.state !== 'email_pending') throw badRequest('organisation_token_invalid');
    await repository.setOrganisationState(tx, organisationId, { state: 'awaiting_verification', reason: null, decidedBy: null, now });
    for (const person of await repository.secretariat(tx)) {
      const locale = localeOf(person.locale);
      await queueMail(tx, {
        to: person.email,
        locale,
        subject: message('mail_organisation_awaiting_subject', locale, { organisation: organisation.name }),
        text: message('mail_organisation_awaiting_body', locale, {
          name: person.display_name, organisation: organisation.name, link: `${ctx.publicUrl}/${locale}/workspace/organisations`,
        }),
        dedupeKey: `organisation-awaiting:${organisationId}:${person.id}`,
      });
    }
    await writeAudit(tx, {
      actor: organisation.members[0] ? { userId: organisation.members[0].user_id } : 'anonymous', action: 'confirm_email', entity: 'organisation',
      entityId: organisationId, before: { state: organisation.state }, after: { state: 'awaiting_verification' },
    });
  });
  notifyMailQueued();
}

/** The secretariat verifies an organisation awaiting verification, or rejects it with a reason its members receive. */
export async function decideOrganisation(
  pool: pg.Pool, actor: Actor, id: number, decision: { verify: true; version: number } | { verify: false; version: number; reason: string }, ctx: ParticipationContext,
): Promise<void> {
  authorize(actor, 'organisation:manage');
  const reason = decision.verify ? null : requiredText(decision.reason, 2000);
  await inTransaction(pool, async (tx) => {
    const [organisation] = await repository.organisations(tx, { ids: [id] }, true);
    if (!organisation) throw notFound();
    if (organisation.version !== decision.version) throw staleVersion(organisation.version);
    if (organisation.state !== 'awaiting_verification') throw new HttpError(409, 'conflict', 'organisation_not_awaiting');
    const state = decision.verify ? 'verified' : 'rejected';
    await repository.setOrganisationState(tx, id, { state, reason, decidedBy: actor.userId, now: ctx.now() });
    for (const member of organisation.members) {
      const locale = localeOf(member.locale);
      await queueMail(tx, decision.verify
        ? {
          to: member.email,
          locale,
          subject: message('mail_organisation_verified_subject', locale, { organisation: organisation.name }),
          text: message('mail_organisation_verified_body', locale, { name: member.display_name, organisation: organisation.name, link: `${ctx.publicUrl}/${locale}/recommendations` }),
        }
        : {
          to: member.email,
          locale,
          subject: message('mail_organisation_rejected_subject', locale, { organisation: organisation.name }),
          text: message('mail_organisation_rejected_body', locale, { name: member.display_name, organisation: organisation.name, reason: reason! }),
        });
    }
    await writeAudit(tx, {
      actor, action: decision.verify ? 'verify' : 'reject', entity: 'organisation', entityId: id,
      before: { state: organisation.state }, after: { state, reason },
    });
  });
  notifyMailQueued();
}
