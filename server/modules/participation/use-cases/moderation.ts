/**
 * The secretariat moderates: approves a pending contribution (an assessment
 * then becomes one of the recommendation's implementation statuses, by its
 * organisation's assessor kind), rejects one with a reason its author sees
 * (a pending one, or an approved one hidden by reports: the takedown), or
 * restores a hidden one (its reports are then marked reviewed and stop
 * counting). Each in one transaction with the row locked, an audit row, and
 * the author's email.
 *
 * Implementation assessments are append-only history, so a status that came
 * from an approved assessment stays in that history even if the contribution
 * is later hidden or taken down.
 */
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import * as repository from '../participation.repository';
import { requiredText } from '../sanitise';
import { localeOf, recommendationLink, type ParticipationContext } from './context';

type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string } | { kind: 'restore' };

export async function moderateContribution(
  pool: pg.Pool, actor: Actor, id: number, version: number, decision: Decision, ctx: ParticipationContext,
): Promise<void> {
  authorize(actor, 'contribution:moderate');
  const reason = decision.kind === 'reject' ? requiredText(decision.reason, 2000) : null;
  await inTransaction(pool, async (tx) => {
    const row = await repository.contribution(tx, id, true);
    if (!row) throw notFound();
    if (row.version !== version) throw staleVersion(row.version);
    const now = ctx.now();
    const before = { state: row.state, hidden: row.hidden };
    if (decision.kind === 'approve') {
      if (row.state !== 'pending') throw new HttpError(409, 'conflict', 'contribution_not_pending');
      let assessmentId: number | null = null;
      if (row.kind === 'assessment') {
        const { rows } = await tx.query(
          `insert into implementation_assessment (recommendation_id, assessor_kind, assessor_organisation_id, status_key, reason, assessed_on, created_by)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [row.recommendation_id, row.assessor_kind, row.organisation_id, row.status_key, row.body, ctx.today(), row.author_id],
        );
        assessmentId = Number(rows[0].id);
      }
      await repository.moderate(tx, id, { state: 'approved', assessmentId, moderatedBy: actor.userId, now });
    } else if (decision.kind === 'reject') {
      if (!(row.state === 'pending' || (row.state === 'approved' && row.hidden))) throw new HttpError(409, 'conflict', 'contribution_not_pending');
      await repository.moderate(tx, id, { state: 'rejected', rejectionReason: reason, hidden: false, moderatedBy: actor.userId, now });
      await repository.markReportsReviewed(tx, id, now);
    } else {
      if (!row.hidden || row.state !== 'approved') throw new HttpError(409, 'conflict', 'contribution_not_hidden');
      await repository.moderate(tx, id, { hidden: false, moderatedBy: actor.userId, now });
      await repository.markReportsReviewed(tx, id, now);
    }
    if (decision.kind !== 'restore' && row.author_email) {
      const locale = localeOf(row.author_locale);
      const params = {
        name: row.author_name ?? '', recommendation: row.recommendation_symbol ?? String(row.recommendation_id),
        link: recommendationLink(ctx, locale, row.recommendation_id), reason: reason ?? '',
      };
      await queueMail(tx, decision.kind === 'approve'
        ? { to: row.author_email, locale, subject: message('mail_contribution_approved_subject', locale), text: message('mail_contribution_approved_body', locale, params) }
        : { to: row.author_email, locale, subject: message('mail_contribution_rejected_subject', locale), text: message('mail_contribution_rejected_body', locale, params) });
    }
    await writeAudit(tx, {
      actor, action: decision.kind, entity: 'contribution', entityId: id,
      before, after: decision.kind === 'reject' ? { state: 'rejected', reason } : decision.kind === 'approve' ? { state: 'approved' } : { hidden: false },
    });
  });
  notifyMailQueued();
}
