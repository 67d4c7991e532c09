/**
 * Reminders of the State's reporting obligations to the secretariat: before
 * each open obligation's due date (OBLIGATION_REMINDER_DAYS) and one overdue
 * notice after it. Run by the job runner with the day it is, like the
 * reporting-round notices (rounds/round-notices.ts), and decided by the same
 * rule (`noticeStage`: only the latest stage of the day, so an outage does not
 * fire a burst of stale reminders). Each notice has a dedupe key in the mail
 * outbox that names the due date: each person gets it once, and again only if
 * the date moves.
 *
 * Each run first brings the derived obligations up to date (a UPR import
 * since the last run moves the review's date). An obligation whose due date
 * is only an estimate (worked out by the app, not confirmed by the
 * secretariat) gets the reminders before it, never an overdue notice.
 */
import type pg from 'pg';
import { OBLIGATION_REMINDER_DAYS } from '../../../shared/obligations';
import { inTransaction } from '../../platform/db/database';
import { pickText, type Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../platform/mail/mailer';
import { obligationLink } from './obligations.ical';
import { peopleHolding } from '../institutions/institutions.repository';
import { daysBetween } from '../../platform/clock';
import { noticeStage } from '../rounds/round-notices';
import * as repository from './obligations.repository';
import { refreshDerivedObligations } from './use-cases/refresh-obligations';
import { localeOr } from '../../../shared/i18n/languages';

/** Reminders before the due date, then the overdue notice; obligations have no escalation. */
const NEVER = Number.POSITIVE_INFINITY;

/** Refreshes the derived obligations and queues the notices due on `today`; returns how many mails were queued. */
export async function queueObligationNotices(pool: pg.Pool, today: string, options: { publicUrl: string; stateIso3: string }): Promise<number> {
  await inTransaction(pool, (tx) => refreshDerivedObligations(tx, options.stateIso3, 'system:obligation-notices'));
  let queued = 0;
  const due = (await repository.openDatedObligations(pool)).flatMap((obligation) => {
    // An estimated date (the app's own count, not confirmed by the secretariat) is never overdue.
    const estimate = repository.estimated(obligation);
    if (estimate && obligation.due_on! < today) return [];
    const stage = noticeStage({
      due_on: obligation.due_on!, reminder_days: [...OBLIGATION_REMINDER_DAYS],
      escalate_to_validator_after_days: NEVER, escalate_to_secretariat_after_days: NEVER,
    }, today);
    return stage ? [{ obligation, stage }] : [];
  });
  if (!due.length) return 0;
  queued = await inTransaction(pool, async (tx) => {
    let count = 0;
    const people = await peopleHolding(tx, ['secretariat'], null);
    for (const { obligation, stage } of due) {
      const kind = stage.kind === 'reminder' ? 'reminder' : 'overdue';
      const stageKey = stage.kind === 'reminder' ? `reminder-${stage.daysBefore}` : 'overdue';
      for (const person of people) {
        const locale: Locale = localeOr(person.locale);
        const params = {
          name: person.display_name,
          title: pickText(obligation.title, locale),
          mechanism: pickText(obligation.mechanism_name, locale) || obligation.mechanism_code || '—',
          due: obligation.due_on!,
          days: stage.kind === 'reminder' ? daysBetween(today, obligation.due_on!) : daysBetween(obligation.due_on!, today),
          link: obligationLink(obligation.id, options.publicUrl, locale),
        };
        const sent = await queueMail(tx, {
          to: person.email,
          locale,
          subject: message(`mail_obligation_${kind}_subject`, locale, params),
          text: message(`mail_obligation_${kind}_body`, locale, params),
          dedupeKey: `obligation:${obligation.id}:due:${obligation.due_on}:${stageKey}:user:${person.id}`,
        });
        if (sent) count += 1;
      }
    }
    return count;
  });
  if (queued) notifyMailQueued();
  return queued;
}
