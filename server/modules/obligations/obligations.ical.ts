/**
 * The reporting calendar as an iCalendar feed (RFC 5545) that calendar apps
 * subscribe to: one all-day event per obligation that has a due date, with a
 * UID that stays the same for the obligation's life (so an app updates the
 * event when the date moves), the title in the requested language and the
 * status and a link in the description.
 */
import ical from 'ical-generator';
import { obligationStatus } from '../../../shared/obligations';
import { pickText, type Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { addDays } from '../../platform/clock';
import { estimated, type ObligationRow } from './obligations.repository';

export function obligationUid(id: number, publicUrl: string): string {
  return `obligation-${id}@${new URL(publicUrl).host}`;
}

/** The obligation's page on the public calendar, in the reader's language. */
export function obligationLink(id: number, publicUrl: string, locale: Locale): string {
  return `${publicUrl}/${locale}/obligations/${id}`;
}

export function obligationsCalendar(rows: ObligationRow[], options: { publicUrl: string; locale: Locale; today: string; stateName: string }): string {
  const { publicUrl, locale, today } = options;
  const calendar = ical({
    name: message('obligation_calendar_name', locale, { state: options.stateName }),
    prodId: { company: 'Open NMIRF', product: 'reporting-obligations', language: locale.toUpperCase() },
    url: `${publicUrl}/api/v1/obligations.ics?locale=${locale}`,
  });
  for (const row of rows) {
    if (!row.due_on) continue;
    const status = obligationStatus({ ...row, estimated: estimated(row) }, today);
    const link = obligationLink(row.id, publicUrl, locale);
    calendar.createEvent({
      id: obligationUid(row.id, publicUrl),
      allDay: true,
      start: new Date(`${row.due_on}T00:00:00Z`),
      end: new Date(`${addDays(row.due_on, 1)}T00:00:00Z`),
      stamp: row.updated_at,
      sequence: row.version - 1,
      summary: pickText(row.title, locale),
      description: message('obligation_calendar_description', locale, { status: message(`obligation_status_${status}`, locale), due: row.due_on, link }),
      url: link,
    });
  }
  return calendar.toString();
}
