/**
 * Anyone may report approved content as abusive. The reporter is known by
 * their account when signed in, else by a keyed hash (HMAC-SHA-256 with the
 * instance's own key) of their network (IPv6: its /64) and browser: never the
 * address itself. One report per reporter counts; when `reportsToHide`
 * distinct reporters have reported a contribution, it is hidden until the
 * secretariat reviews it. Reports per address are limited.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { addressKey } from '../../../platform/auth/login-throttle';
import { inTransaction } from '../../../platform/db/database';
import { notFound } from '../../../platform/http/errors';
import * as repository from '../participation.repository';
import { requiredText } from '../sanitise';
import { reportRule, type ParticipationContext } from './context';

export async function reporterFingerprint(q: pg.Pool | pg.PoolClient, actor: Actor | null, ip: string, userAgent: string): Promise<string> {
  if (actor) return `user:${actor.userId}`;
  const key = await repository.reporterKey(q, randomBytes(32).toString('hex'));
  return `anon:${createHmac('sha256', key).update(`${addressKey(ip)}\n${userAgent.slice(0, 500)}`).digest('hex')}`;
}

export async function reportAbuse(
  pool: pg.Pool, actor: Actor | null, contributionId: number, input: { reason: string }, request: { ip: string; userAgent: string }, ctx: ParticipationContext,
): Promise<void> {
  const reason = requiredText(input.reason, 1000);
  const rule = reportRule(ctx.settings, request.ip);
  await inTransaction(pool, async (tx) => {
    const row = await repository.contribution(tx, contributionId, true);
    if (!row || row.state !== 'approved' || row.hidden) throw notFound();
    const held = await ctx.throttle.hold(tx, [rule]);
    held.refuseIfLocked([rule], 'report_throttled');
    await held.count([rule]);
    const reporter = await reporterFingerprint(tx, actor, request.ip, request.userAgent);
    const now = ctx.now();
    if (!(await repository.insertReport(tx, { contributionId, reporter, reason, now }))) return; // the same reporter again: counted once
    const open = await repository.openReports(tx, contributionId);
    await writeAudit(tx, { actor: actor ?? 'anonymous', action: 'report_abuse', entity: 'contribution', entityId: contributionId, after: { reason, open_reports: open } });
    if (open >= ctx.settings.reportsToHide) {
      await repository.moderate(tx, contributionId, { hidden: true, moderatedBy: null, now });
      await writeAudit(tx, { actor: 'system', action: 'hide', entity: 'contribution', entityId: contributionId, before: { hidden: false }, after: { hidden: true, open_reports: open } });
    }
  });
}
