/**
 * The Executive Committee: appointments recorded by the hub secretariat (made at a Network meeting,
 * linked to its decision), refused when they break a rule of shared/network/committee.ts, saying
 * which; terms of three years, shown as expired after their last day; warnings 90 and 30 days
 * before a term ends with no successor appointed, to the hub secretariat and the Committee.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { committeeRuleInputSchema, committeeTermInputSchema, committeeTermSchema } from '../../../../shared/network/api';
import { compositionProblems, DEFAULT_COMMITTEE_RULE, termEnd, termState, type CommitteeRule, type CompositionProblem } from '../../../../shared/network/committee';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, staleVersion } from '../../../platform/http/errors';
import { pickText, type Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import * as repository from '../network.repository';

/** A broken rule in words. */
export function problemText(problem: CompositionProblem, locale: Locale): string {
  switch (problem.code) {
    case 'region_over_limit':
      return message('network_rule_region_over_limit', locale, { count: problem.states.length, region: problem.region, states: problem.states.join(', '), limit: problem.limit });
    case 'no_coordinator':
      return message('network_rule_no_coordinator', locale);
    default: {
      const { code, ...params } = problem;
      return message(`network_rule_${code}`, locale, params as Record<string, string | number>);
    }
  }
}

export async function appointCommittee(pool: pg.Pool, actor: Actor, input: z.infer<typeof committeeTermInputSchema>, locale: Locale): Promise<number> {
  authorize(actor, 'network:committee_manage');
  const id = await inTransaction(pool, async (tx) => {
    if (!(await repository.findMeeting(tx, input.meeting_id))) throw badRequest('network_meeting_not_found');
    if (input.proposal_id !== null) {
      const proposal = await repository.findProposal(tx, input.proposal_id);
      if (!proposal || proposal.meeting_id !== input.meeting_id) throw badRequest('network_proposal_not_found');
    }
    const registry = new Map((await repository.listStates(tx)).map((state) => [state.iso3, state]));
    for (const code of [...input.seats, input.coordinator]) {
      if (!registry.has(code)) throw badRequest('network_state_not_in_registry', { code });
    }
    const seats = input.seats.map((code) => ({ state: code, region: registry.get(code)!.un_regional_group ?? 'none', status: registry.get(code)!.status }));
    const rule = await currentRule(tx);
    const problems = compositionProblems(seats, input.coordinator, rule);
    if (problems.length) {
      throw new HttpError(400, 'committee_rule_broken', 'network_committee_rule_broken',
        { problems: problems.map((problem) => problemText(problem, locale)).join('; ') }, { problems });
    }
    const term = { meeting_id: input.meeting_id, proposal_id: input.proposal_id, starts_on: input.starts_on, ends_on: termEnd(input.starts_on), seats: input.seats, coordinator: input.coordinator };
    const termId = await repository.insertTerm(tx, { ...term, rule });
    await writeAudit(tx, { actor, action: 'appoint', entity: 'network_committee_term', entityId: termId, after: { ...term, rule } });
    return termId;
  });
  return id;
}

/** The composition rule in force: the one the Network adopted by decision, or the Declaration's default. */
export async function currentRule(q: Pick<pg.PoolClient, 'query'>): Promise<CommitteeRule> {
  const adopted = await repository.committeeRule(q);
  return adopted ? { min_seats: adopted.min_seats, max_seats: adopted.max_seats, max_seats_per_region: adopted.max_seats_per_region } : DEFAULT_COMMITTEE_RULE;
}

/** The Network changes the rule by a decision: the proposal that adopted it is named and must have been adopted. */
export async function changeCommitteeRule(pool: pg.Pool, actor: Actor, input: z.infer<typeof committeeRuleInputSchema>): Promise<void> {
  authorize(actor, 'network:committee_manage');
  await inTransaction(pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['network_committee_rule']);
    const before = await repository.committeeRule(tx);
    if ((before?.version ?? 0) !== input.version) throw staleVersion(before?.version ?? 0);
    const proposal = await repository.findProposal(tx, input.proposal_id);
    if (!proposal || proposal.outcome !== 'adopted') throw badRequest('network_rule_needs_decision');
    const { version: _, ...rule } = input;
    await repository.saveCommitteeRule(tx, rule);
    await writeAudit(tx, { actor, action: 'change_rule', entity: 'network_committee_rule', entityId: 1, before, after: rule });
  });
}

/** Every term, newest first, as it stands on `today`. */
export async function committeeTerms(q: Pick<pg.PoolClient, 'query'>, today: string, locale: Locale): Promise<z.infer<typeof committeeTermSchema>[]> {
  const terms = await repository.listTerms(q);
  const names = await repository.countryNames(q, [...new Set(terms.flatMap((term) => term.seats))]);
  return terms.map((term) => {
    const successor_appointed = terms.some((other) => other.starts_on > term.starts_on);
    const { state, warnings } = termState({ end: term.ends_on, successor_appointed }, today);
    return {
      id: term.id, meeting_id: term.meeting_id, proposal_id: term.proposal_id, starts_on: term.starts_on, ends_on: term.ends_on,
      seats: term.seats.map((code) => ({ iso3: code, name: pickText(names.get(code)?.name, locale) || code, un_regional_group: names.get(code)?.un_regional_group ?? null })),
      coordinator: term.coordinator,
      state: term.starts_on > today ? 'upcoming' : state,
      successor_appointed,
      warnings,
    };
  });
}

/**
 * The scheduled job: for each term with a warning due on `today`, one mail per warning to each
 * person of the hub secretariat and the Committee (sent once: the outbox's dedupe key).
 */
export async function queueCommitteeNotices(pool: pg.Pool, today: string, publicUrl: string): Promise<{ queued: number }> {
  const queued = await inTransaction(pool, async (tx) => {
    let count = 0;
    const terms = (await committeeTerms(tx, today, 'en')).filter((term) => term.state === 'active' && term.warnings.length);
    if (!terms.length) return 0;
    const people = await repository.peopleWithRoles(tx, ['hub_secretariat', 'committee_member', 'coordinator']);
    const recipients = [...new Map(people.map((person) => [person.user_id, person])).values()];
    for (const term of terms) {
      const days = Math.min(...term.warnings);
      for (const person of recipients) {
        const locale = person.locale as Locale;
        const sent = await queueMail(tx, {
          to: person.email,
          locale,
          subject: message('mail_network_term_warning_subject', locale, { days }),
          text: message('mail_network_term_warning_body', locale, {
            name: person.display_name, seats: term.seats.map((seat) => seat.iso3).join(', '), coordinator: term.coordinator, end: term.ends_on,
            link: `${publicUrl}/${locale}/network/committee`,
          }),
          dedupeKey: `network-term:${term.id}:${days}:${person.user_id}`,
        });
        if (sent) count++;
      }
      if (count) await writeAudit(tx, { actor: 'system:network-committee-notices', action: 'warn', entity: 'network_committee_term', entityId: term.id, after: { days, today } });
    }
    return count;
  });
  if (queued) notifyMailQueued();
  return { queued };
}
