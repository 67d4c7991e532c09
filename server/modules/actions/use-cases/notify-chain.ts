/**
 * Tells the next people in the chain that a report moved: the validator that
 * one awaits them, the secretariat that one is ready to publish, the authors
 * that theirs came back with comments or was published. Queued in the move's
 * own transaction (so a mail exists exactly when the move happened), each
 * person in their own language, never the person who made the move.
 */
import type pg from 'pg';
import type { TransitionName } from '../../../../shared/workflows/action-review';
import { pickText, type Locale } from '../../../platform/http/locale';
import { message, type MessageKey } from '../../../platform/http/messages';
import { queueMail } from '../../../platform/mail/mailer';
import { peopleHolding } from '../../institutions/institutions.repository';
import type { ActionRow } from '../actions.repository';
import { localeOr } from '../../../../shared/i18n/languages';

const AUTHORS = ['focal_point', 'alternate_focal_point'];

/** Who hears of each move: roles at the report's institution, or the secretariat. */
const AUDIENCE: Record<TransitionName, { roles: string[]; atInstitution: boolean }> = {
  submit: { roles: ['validator'], atInstitution: true },
  return_to_author: { roles: AUTHORS, atInstitution: true },
  validate: { roles: ['secretariat'], atInstitution: false },
  return_to_institution: { roles: [...AUTHORS, 'validator'], atInstitution: true },
  publish: { roles: [...AUTHORS, 'validator'], atInstitution: true },
};

export async function notifyChain(
  tx: pg.PoolClient, action: ActionRow, transition: TransitionName, moverId: number, moverName: string, comment: string | null, publicUrl: string,
): Promise<number> {
  const audience = AUDIENCE[transition];
  const people = await peopleHolding(tx, audience.roles, audience.atInstitution ? action.institution_id : null);
  let queued = 0;
  for (const person of people.filter((p) => p.id !== moverId)) {
    const locale: Locale = localeOr(person.locale);
    const params = {
      name: person.display_name,
      title: pickText(action.title, locale),
      by: moverName,
      comment: comment ?? '—',
      link: `${publicUrl}/${locale}/workspace/actions/${action.id}`,
    };
    const sent = await queueMail(tx, {
      to: person.email,
      locale,
      subject: message(`mail_action_${transition}_subject` as MessageKey, locale, params),
      text: message(`mail_action_${transition}_body` as MessageKey, locale, params),
      dedupeKey: `action:${action.id}:version:${action.version + 1}:user:${person.id}`,
    });
    if (sent) queued += 1;
  }
  return queued;
}
