/**
 * The minutes of a meeting, each version kept: the hub secretariat drafts them (a new version each
 * time), circulates the latest draft to the focal points and deputies of the members present, the
 * chair records their approval (an amended text becomes a new version, approved), and the hub
 * secretariat publishes the approved version.
 */
import type pg from 'pg';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { HttpError, notFound } from '../../../platform/http/errors';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import * as repository from '../network.repository';

type Step = 'circulated' | 'approved' | 'published';
const FROM: Record<Step, repository.MinutesRow['state']> = { circulated: 'draft', approved: 'circulated', published: 'approved' };

async function latestOf(tx: pg.PoolClient, meetingId: number, number: number) {
  if (!(await repository.findMeeting(tx, meetingId, true))) throw notFound('network_meeting_not_found');
  const versions = await repository.minutesOf(tx, meetingId);
  const latest = versions.at(-1) ?? null;
  if (latest?.number !== number) throw new HttpError(409, 'conflict', 'network_minutes_not_latest', { number: latest?.number ?? 0 });
  return latest;
}

/** A new draft version: the first, or one that replaces a draft or circulated version (never after approval). */
export async function draftMinutes(pool: pg.Pool, actor: Actor, meetingId: number, input: { number: number; text: string }): Promise<number> {
  authorize(actor, 'network:minutes_manage');
  return inTransaction(pool, async (tx) => {
    const meeting = await repository.findMeeting(tx, meetingId, true);
    if (!meeting) throw notFound('network_meeting_not_found');
    const latest = (await repository.minutesOf(tx, meetingId)).at(-1) ?? null;
    if ((latest?.number ?? 0) !== input.number) throw new HttpError(409, 'conflict', 'network_minutes_not_latest', { number: latest?.number ?? 0 });
    if (latest?.state === 'approved' || latest?.state === 'published') throw new HttpError(409, 'conflict', 'network_minutes_state', { state: latest.state });
    const number = (latest?.number ?? 0) + 1;
    await repository.insertMinutes(tx, { meetingId, number, text: input.text, state: 'draft', amendments: null, userId: actor.userId });
    await writeAudit(tx, { actor, action: 'draft_minutes', entity: 'network_meeting', entityId: meetingId, after: { number, text: input.text } });
    return number;
  });
}

/** Moves the latest version one step: circulated (mailed to the members present), approved (amended: a new version), published. */
export async function advanceMinutes(
  pool: pg.Pool, actor: Actor, meetingId: number, step: Step, input: { number: number; amended_text?: string; amendments?: string },
  deps: { publicUrl: string },
): Promise<number> {
  authorize(actor, step === 'approved' ? 'network:meeting_chair' : 'network:minutes_manage');
  const number = await inTransaction(pool, async (tx) => {
    const latest = await latestOf(tx, meetingId, input.number);
    if (!latest || latest.state !== FROM[step]) throw new HttpError(409, 'conflict', 'network_minutes_state', { state: latest?.state ?? 'none' });
    let result = latest.number;
    if (step === 'approved' && input.amended_text !== undefined && input.amended_text !== latest.text) {
      result = latest.number + 1;
      await repository.insertMinutes(tx, {
        meetingId, number: result, text: input.amended_text, state: 'approved', amendments: input.amendments ?? '', userId: actor.userId,
      });
    } else {
      await repository.setMinutesState(tx, latest.id, step, step === 'approved' ? input.amendments ?? null : latest.amendments);
    }
    if (step === 'circulated') {
      const meeting = (await repository.findMeeting(tx, meetingId))!;
      const present = new Set((await repository.attendance(tx, meetingId)).filter((row) => row.status === 'member').map((row) => row.iso3));
      const people = (await repository.peopleWithRoles(tx, ['state_focal_point', 'state_deputy'])).filter((person) => present.has(person.iso3!));
      for (const person of people) {
        const locale = person.locale as Locale;
        await queueMail(tx, {
          to: person.email,
          locale,
          subject: message('mail_network_minutes_subject', locale, { title: meeting.title, date: meeting.meets_on }),
          text: message('mail_network_minutes_body', locale, {
            name: person.display_name, title: meeting.title, date: meeting.meets_on, number: latest.number, text: latest.text,
            link: `${deps.publicUrl}/${locale}/network/meetings/${meetingId}`,
          }),
          dedupeKey: `network-minutes:${latest.id}:${person.user_id}:${person.iso3}`,
        });
      }
    }
    await writeAudit(tx, { actor, action: `minutes_${step}`, entity: 'network_meeting', entityId: meetingId, after: { number: result, amendments: input.amendments ?? null } });
    return result;
  });
  if (step === 'circulated') notifyMailQueued();
  return number;
}
