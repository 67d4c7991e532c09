/**
 * The reporting-round notices: reminders before the due date, an overdue
 * notice after it, then escalation to the institution's validator and then
 * to the secretariat. Run by the job runner (server/platform/jobs/runner.ts)
 * with the day it is; safe to run any number of times a day, from any number
 * of processes, before or after a restart: each notice has a dedupe key in
 * the mail outbox, so each person gets it once.
 *
 * Only the latest stage that applies on a day is sent: after a long outage
 * the runner does not fire every missed reminder at once, it sends where the
 * round stands now.
 */
import type pg from 'pg';
import { daysBetween } from '../../platform/clock';
import { inTransaction } from '../../platform/db/database';
import { pickText, type Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../platform/mail/mailer';
import { institutionNames } from '../actions/actions.repository';
import { peopleHolding } from '../institutions/institutions.repository';
import * as repository from './rounds.repository';
import { localeOr } from '../../../shared/i18n/languages';

export type NoticeStage =
  | { kind: 'reminder'; daysBefore: number }
  | { kind: 'overdue' }
  | { kind: 'escalation_validator' }
  | { kind: 'escalation_secretariat' };


/** What to send on `today` for an institution that has not finished reporting, or nothing. */
export function noticeStage(round: Pick<repository.RoundRow, 'due_on' | 'reminder_days' | 'escalate_to_validator_after_days' | 'escalate_to_secretariat_after_days'>, today: string): NoticeStage | null {
  const left = daysBetween(today, round.due_on);
  if (left >= 0) {
    // The closest reminder day not yet passed: 10 days left with reminders at 14, 7, 1 → the 14-day one.
    const applicable = round.reminder_days.filter((d) => left <= d);
    return applicable.length ? { kind: 'reminder', daysBefore: Math.min(...applicable) } : null;
  }
  const late = -left;
  if (late >= round.escalate_to_secretariat_after_days) return { kind: 'escalation_secretariat' };
  if (late >= round.escalate_to_validator_after_days) return { kind: 'escalation_validator' };
  return { kind: 'overdue' };
}

const stageKey = (stage: NoticeStage) => (stage.kind === 'reminder' ? `reminder-${stage.daysBefore}` : stage.kind.replace('_', '-'));

const RECIPIENT_ROLES: Record<NoticeStage['kind'], { roles: string[]; atInstitution: boolean }> = {
  reminder: { roles: ['focal_point', 'alternate_focal_point'], atInstitution: true },
  overdue: { roles: ['focal_point', 'alternate_focal_point'], atInstitution: true },
  escalation_validator: { roles: ['validator'], atInstitution: true },
  escalation_secretariat: { roles: ['secretariat'], atInstitution: false },
};


/** Queues the notices due on `today`; returns how many mails were queued (0 when all were sent before). */
export async function queueRoundNotices(pool: pg.Pool, today: string, publicUrl: string): Promise<number> {
  let queued = 0;
  for (const round of await repository.activeRounds(pool, today)) {
    const stage = noticeStage(round, today);
    if (!stage) continue;
    const behind = (await repository.roundProgress(pool, round)).filter((p) => p.submitted < p.owed);
    if (!behind.length) continue;
    const names = await institutionNames(pool, behind.map((p) => p.institution_id));
    const target = RECIPIENT_ROLES[stage.kind];
    queued += await inTransaction(pool, async (tx) => {
      let count = 0;
      for (const progress of behind) {
        for (const person of await peopleHolding(tx, target.roles, target.atInstitution ? progress.institution_id : null)) {
          const locale: Locale = localeOr(person.locale);
          const params = {
            name: person.display_name,
            round: pickText(round.title, locale),
            institution: pickText(names.get(progress.institution_id)?.name, locale),
            due: round.due_on,
            days: stage.kind === 'reminder' ? stage.daysBefore : daysBetween(round.due_on, today),
            missing: progress.owed - progress.submitted,
            owed: progress.owed,
            link: `${publicUrl}/${locale}/workspace`,
          };
          const subjectKey = `mail_round_${stage.kind}_subject` as const;
          const bodyKey = `mail_round_${stage.kind}_body` as const;
          const sent = await queueMail(tx, {
            to: person.email,
            locale,
            subject: message(subjectKey, locale, params),
            text: message(bodyKey, locale, params),
            dedupeKey: `round:${round.id}:institution:${progress.institution_id}:${stageKey(stage)}:user:${person.id}`,
          });
          if (sent) count += 1;
        }
      }
      return count;
    });
  }
  if (queued) notifyMailQueued();
  return queued;
}
