/** What the participation use cases share: settings, clock, throttle, the instance's address and calendar. */
import { addressKey, type Throttle, type ThrottleRule } from '../../../platform/auth/login-throttle';
import type { Today } from '../../../platform/clock';
import type { Locale } from '../../../platform/http/locale';
import type { ParticipationSettings } from '../../../platform/config';
import { localeOr } from '../../../../shared/i18n/languages';

export interface ParticipationContext {
  settings: ParticipationSettings;
  throttle: Throttle;
  now: () => Date;
  today: Today;
  publicUrl: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Reaching a limit locks the key for one window: `limit` posts go through, the next is refused. */
const rule = (key: string, limit: number, windowMs: number): ThrottleRule => ({ key, limit, windowMs, lockMs: windowMs });

export function postingRules(settings: ParticipationSettings, userId: number, ip: string): ThrottleRule[] {
  const address = addressKey(ip);
  return [
    rule(`post-minute:account:${userId}`, settings.postsPerMinutePerAccount, MINUTE),
    rule(`post-day:account:${userId}`, settings.postsPerDayPerAccount, DAY),
    rule(`post-minute:address:${address}`, settings.postsPerMinutePerAddress, MINUTE),
    rule(`post-day:address:${address}`, settings.postsPerDayPerAddress, DAY),
  ];
}

export const registrationRule = (settings: ParticipationSettings, ip: string) =>
  rule(`register:address:${addressKey(ip)}`, settings.registrationsPerHourPerAddress, HOUR);

export const reportRule = (settings: ParticipationSettings, ip: string) =>
  rule(`abuse-report:address:${addressKey(ip)}`, settings.reportsPerHourPerAddress, HOUR);

export const localeOf = (value: string | null | undefined): Locale => localeOr(value);
export const recommendationLink = (ctx: ParticipationContext, locale: Locale, recommendationId: number) =>
  `${ctx.publicUrl}/${locale}/recommendations/${recommendationId}`;

/** The assessor scale an organisation uses: NHRIs their own; civil society and academia the civil-society scale. */
export function assessorKindOf(organisationKind: string): 'nhri' | 'civil_society' {
  return organisationKind === 'nhri' ? 'nhri' : 'civil_society';
}
