/**
 * Meetings of the Network: planned with agenda items by the hub secretariat or the Committee; the
 * agenda is sent to every member's focal point and deputy and every observer's representative
 * (marked as such), and the day it went is recorded; a meeting is confirmed or held only when its
 * agenda went at least one calendar month before it (shared/network/meetings.ts), otherwise the
 * refusal says why and the earliest valid date. Attendance is the basis of "present".
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { agendaItemInputSchema, attendanceInputSchema, meetingInputSchema, meetingPatchSchema, meetingStatusSchema } from '../../../../shared/network/api';
import { agendaDeadline, agendaInTime, earliestMeetingDate } from '../../../../shared/network/meetings';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { detectMediaType, type UploadStore } from '../../../platform/files/uploads';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { pickText, type Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import * as repository from '../network.repository';

export async function createMeeting(pool: pg.Pool, actor: Actor, input: z.infer<typeof meetingInputSchema>): Promise<number> {
  authorize(actor, 'network:meeting_manage');
  return inTransaction(pool, async (tx) => {
    const id = await repository.insertMeeting(tx, input);
    await writeAudit(tx, { actor, action: 'create', entity: 'network_meeting', entityId: id, after: input });
    return id;
  });
}

export async function updateMeeting(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof meetingPatchSchema>): Promise<void> {
  authorize(actor, 'network:meeting_manage');
  await inTransaction(pool, async (tx) => {
    const before = await repository.findMeeting(tx, id, true);
    if (!before) throw notFound('network_meeting_not_found');
    if (before.version !== patch.version) throw staleVersion(before.version);
    const { version: _, ...fields } = patch;
    await repository.updateMeeting(tx, id, fields);
    await writeAudit(tx, { actor, action: 'update', entity: 'network_meeting', entityId: id, before, after: fields });
  });
}

export async function addAgendaItem(pool: pg.Pool, actor: Actor, meetingId: number, input: z.infer<typeof agendaItemInputSchema>): Promise<number> {
  authorize(actor, 'network:meeting_manage');
  return inTransaction(pool, async (tx) => {
    const meeting = await repository.findMeeting(tx, meetingId, true);
    if (!meeting) throw notFound('network_meeting_not_found');
    if (meeting.agenda_sent_on) throw new HttpError(409, 'conflict', 'network_agenda_already_sent', { sent: meeting.agenda_sent_on });
    const id = await repository.insertAgendaItem(tx, meetingId, input);
    await repository.updateMeeting(tx, meetingId, {}); // the agenda is part of the meeting: a new version
    await writeAudit(tx, { actor, action: 'create', entity: 'network_agenda_item', entityId: id, after: { meeting_id: meetingId, ...input } });
    return id;
  });
}

/**
 * Attaches a document to an agenda item: checked on its bytes (the evidence file types), stored, then
 * recorded with its audit row. It is public once the meeting's agenda is sent. A file stored by a
 * request that then fails is left to the orphan sweep.
 */
export async function addAgendaDocument(
  pool: pg.Pool, actor: Actor, agendaItemId: number, file: { bytes: Buffer; fileName: string }, uploads: UploadStore,
): Promise<number> {
  authorize(actor, 'network:meeting_manage');
  if (!(await repository.findAgendaItem(pool, agendaItemId))) throw notFound('network_agenda_item_not_found');
  const detected = await detectMediaType(file.bytes, file.fileName);
  if ('refused' in detected) throw badRequest(detected.refused);
  const stored = await uploads.store(file.bytes, file.fileName, detected.mediaType);
  return inTransaction(pool, async (tx) => {
    const item = await repository.findAgendaItem(tx, agendaItemId);
    if (!item) throw notFound('network_agenda_item_not_found');
    const document = {
      agenda_item_id: agendaItemId, stored_name: stored.storedName, file_name: stored.fileName, media_type: stored.mediaType,
      size_bytes: stored.sizeBytes, sha256: stored.sha256,
    };
    const id = await repository.insertAgendaDocument(tx, { ...document, created_by: actor.userId });
    await writeAudit(tx, { actor, action: 'create', entity: 'network_agenda_document', entityId: id, after: { ...document, meeting_id: item.meeting_id } });
    return id;
  });
}

/** Sends the agenda (once) and records the day, in the instance's calendar. */
export async function sendAgenda(
  pool: pg.Pool, actor: Actor, meetingId: number, deps: { today: () => string; now: () => Date; publicUrl: string },
): Promise<{ agenda_sent_on: string; recipients: number; version: number }> {
  authorize(actor, 'network:meeting_manage');
  const result = await inTransaction(pool, async (tx) => {
    const meeting = await repository.findMeeting(tx, meetingId, true);
    if (!meeting) throw notFound('network_meeting_not_found');
    if (meeting.agenda_sent_on) throw new HttpError(409, 'conflict', 'network_agenda_already_sent', { sent: meeting.agenda_sent_on });
    const items = await repository.agendaItems(tx, meetingId);
    if (!items.length) throw badRequest('network_agenda_empty');
    const today = deps.today();
    await repository.updateMeeting(tx, meetingId, { agenda_sent_on: today, agenda_sent_at: deps.now() });
    const people = await repository.peopleWithRoles(tx, ['state_focal_point', 'state_deputy', 'observer_representative']);
    const names = await repository.countryNames(tx, [...new Set(people.map((person) => person.iso3!))]);
    const list = items.map((item) => `${item.position}. ${item.title}`).join('\n');
    for (const person of people) {
      const locale = person.locale as Locale;
      await queueMail(tx, {
        to: person.email,
        locale,
        subject: message('mail_network_agenda_subject', locale, { title: meeting.title, date: meeting.meets_on }),
        text: message('mail_network_agenda_body', locale, {
          name: person.display_name, state: pickText(names.get(person.iso3!)?.name, locale) || person.iso3!,
          status: message(`network_status_${person.status ?? 'observer'}`, locale), title: meeting.title, date: meeting.meets_on,
          where: [meeting.place, meeting.online_link].filter(Boolean).join(', '), items: list,
          link: `${deps.publicUrl}/${locale}/network/meetings/${meetingId}`,
        }),
        dedupeKey: `network-agenda:${meetingId}:${person.user_id}:${person.iso3}`,
      });
    }
    await writeAudit(tx, {
      actor, action: 'send_agenda', entity: 'network_meeting', entityId: meetingId,
      after: { agenda_sent_on: today, recipients: people.map((person) => ({ email: person.email, iso3: person.iso3, role: person.role, status: person.status })) },
    });
    return { agenda_sent_on: today, recipients: people.length, version: meeting.version + 1 };
  });
  notifyMailQueued();
  return result;
}

/** Confirms or holds a meeting, which needs its agenda sent one calendar month before; says why not and when it could be. */
export async function setMeetingStatus(
  pool: pg.Pool, actor: Actor, meetingId: number, input: z.infer<typeof meetingStatusSchema>, deps: { today: () => string },
): Promise<void> {
  authorize(actor, 'network:meeting_manage');
  await inTransaction(pool, async (tx) => {
    const meeting = await repository.findMeeting(tx, meetingId, true);
    if (!meeting) throw notFound('network_meeting_not_found');
    if (meeting.version !== input.version) throw staleVersion(meeting.version);
    const order = { planned: 0, confirmed: 1, held: 2 } as const;
    if (order[input.status] !== order[meeting.status] + 1) throw new HttpError(409, 'conflict', 'network_meeting_status_order', { status: meeting.status });
    if (!meeting.agenda_sent_on) {
      throw new HttpError(409, 'agenda_not_sent', 'network_agenda_not_sent', { earliest: earliestMeetingDate(deps.today()) },
        { earliest_valid_date: earliestMeetingDate(deps.today()) });
    }
    if (!agendaInTime(meeting.agenda_sent_on, meeting.meets_on)) {
      const earliest = earliestMeetingDate(meeting.agenda_sent_on);
      throw new HttpError(409, 'agenda_late', 'network_agenda_late', {
        sent: meeting.agenda_sent_on, date: meeting.meets_on, deadline: agendaDeadline(meeting.meets_on), earliest,
      }, { earliest_valid_date: earliest, agenda_deadline: agendaDeadline(meeting.meets_on) });
    }
    await repository.updateMeeting(tx, meetingId, { status: input.status });
    await writeAudit(tx, { actor, action: input.status === 'confirmed' ? 'confirm' : 'hold', entity: 'network_meeting', entityId: meetingId, before: { status: meeting.status }, after: { status: input.status } });
  });
}

/** Records who is present (States of the registry, with the status they have now); closed once a proposal is voted on. */
export async function recordAttendance(pool: pg.Pool, actor: Actor, meetingId: number, input: z.infer<typeof attendanceInputSchema>): Promise<void> {
  authorize(actor, 'network:meeting_manage');
  await inTransaction(pool, async (tx) => {
    const meeting = await repository.findMeeting(tx, meetingId, true);
    if (!meeting) throw notFound('network_meeting_not_found');
    if (meeting.version !== input.version) throw staleVersion(meeting.version);
    if ((await repository.proposalsOfMeeting(tx, meetingId)).some((proposal) => proposal.state !== 'open')) {
      throw new HttpError(409, 'conflict', 'network_attendance_closed');
    }
    const rows: { iso3: string; status: string; focal_point_present: boolean }[] = [];
    for (const entry of input.present) {
      const state = await repository.findState(tx, entry.iso3);
      if (!state) throw badRequest('network_attendance_not_in_registry', { code: entry.iso3 });
      if (rows.some((row) => row.iso3 === entry.iso3)) continue;
      rows.push({ iso3: entry.iso3, status: state.status, focal_point_present: entry.focal_point_present });
    }
    const before = await repository.attendance(tx, meetingId);
    await repository.replaceAttendance(tx, meetingId, rows);
    await repository.updateMeeting(tx, meetingId, {});
    await writeAudit(tx, { actor, action: 'attendance', entity: 'network_meeting', entityId: meetingId, before, after: rows });
  });
}
