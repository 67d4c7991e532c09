/**
 * Proposals and decisions. The chair records consensus (no member present objects: adopted) or the
 * objections, which open the vote; each member State present votes once, through its focal point,
 * or its deputy when the focal point is absent; a vote can be changed until the chair closes it,
 * and every vote is audited. Closing computes the outcome by the Declaration's rule
 * (shared/network/decisions.ts) and publishes the decision record with its SHA-256.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { consensusInputSchema, proposalInputSchema, voteInputSchema } from '../../../../shared/network/api';
import type { DecisionInputs } from '../../../../shared/network/decisions';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { buildDecisionRecord } from '../decision-record';
import * as repository from '../network.repository';

export async function addProposal(pool: pg.Pool, actor: Actor, agendaItemId: number, input: z.infer<typeof proposalInputSchema>): Promise<number> {
  authorize(actor, 'network:meeting_manage');
  return inTransaction(pool, async (tx) => {
    const item = await repository.findAgendaItem(tx, agendaItemId);
    if (!item) throw notFound();
    const id = await repository.insertProposal(tx, agendaItemId, input.text);
    await writeAudit(tx, { actor, action: 'create', entity: 'network_proposal', entityId: id, after: { agenda_item_id: agendaItemId, text: input.text } });
    return id;
  });
}

async function lockedProposal(tx: pg.PoolClient, id: number) {
  const proposal = await repository.findProposal(tx, id, true);
  if (!proposal) throw notFound('network_proposal_not_found');
  const meeting = (await repository.findMeeting(tx, proposal.meeting_id))!;
  if (meeting.status === 'planned') throw new HttpError(409, 'conflict', 'network_meeting_not_held');
  return { proposal, meeting, present: await repository.attendance(tx, proposal.meeting_id) };
}

/** The inputs of the rule, from the meeting's attendance, the objections and the votes cast. */
async function inputsOf(tx: pg.PoolClient, proposal: repository.ProposalRow, present: Awaited<ReturnType<typeof repository.attendance>>, method: 'consensus' | 'vote', objections: string[]): Promise<DecisionInputs> {
  return {
    members_present: present.filter((row) => row.status === 'member').map((row) => row.iso3),
    observers_present: present.filter((row) => row.status === 'observer').map((row) => row.iso3),
    method,
    objections,
    votes: method === 'vote' ? (await repository.votesOf(tx, [proposal.id])).map(({ iso3, vote, cast_by }) => ({ state: iso3, vote, cast_by })) : [],
  };
}

async function publish(tx: pg.PoolClient, actor: Actor, proposal: repository.ProposalRow, meeting: repository.MeetingRow, inputs: DecisionInputs, now: Date): Promise<void> {
  const item = (await repository.findAgendaItem(tx, proposal.agenda_item_id))!;
  const record = buildDecisionRecord(inputs, {
    meeting: { id: String(meeting.id), date: meeting.meets_on, title: meeting.title },
    agenda_item: { id: String(item.id), title: item.title },
    proposal: { id: String(proposal.id), text: proposal.text },
    decided_at: now.toISOString(),
  });
  await repository.updateProposal(tx, proposal.id, { state: 'decided', record, sha256: record.sha256, outcome: record.outcome, decided_at: now, objections: inputs.objections });
  await writeAudit(tx, { actor, action: 'decide', entity: 'network_proposal', entityId: proposal.id, after: { outcome: record.outcome, rule: record.rule, tally: record.tally, sha256: record.sha256 } });
}

/** Consensus sought: no objection adopts the proposal; objections open the vote. */
export async function seekConsensus(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof consensusInputSchema>, now: () => Date): Promise<void> {
  authorize(actor, 'network:meeting_chair');
  await inTransaction(pool, async (tx) => {
    const { proposal, meeting, present } = await lockedProposal(tx, id);
    if (proposal.version !== input.version) throw staleVersion(proposal.version);
    if (proposal.state !== 'open') throw new HttpError(409, 'conflict', 'network_proposal_not_open', { state: proposal.state });
    const members = new Set(present.filter((row) => row.status === 'member').map((row) => row.iso3));
    for (const code of input.objections) if (!members.has(code)) throw badRequest('network_objection_not_present', { code });
    const objections = [...new Set(input.objections)].sort();
    if (objections.length === 0) {
      await publish(tx, actor, proposal, meeting, await inputsOf(tx, proposal, present, 'consensus', []), now());
      return;
    }
    await repository.updateProposal(tx, id, { state: 'voting', objections });
    await writeAudit(tx, { actor, action: 'open_vote', entity: 'network_proposal', entityId: id, before: { state: 'open' }, after: { state: 'voting', objections } });
  });
}

/** A vote cast or changed for the State the person is focal point (or, the focal point absent, deputy) of. */
export async function castVote(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof voteInputSchema>): Promise<{ iso3: string; vote: string; cast_by: string }> {
  authorize(actor, 'network:vote');
  return inTransaction(pool, async (tx) => {
    const { proposal, present } = await lockedProposal(tx, id);
    if (proposal.state !== 'voting') throw new HttpError(409, 'conflict', 'network_proposal_not_voting', { state: proposal.state });
    const roles = await repository.votingRolesOf(tx, actor.userId);
    const entitled = roles.flatMap((role): { iso3: string; cast_by: 'focal_point' | 'deputy' }[] => {
      const attending = present.find((row) => row.iso3 === role.iso3 && row.status === 'member');
      if (!attending) return [];
      // The focal point votes when attending; the deputy only in the focal point's absence.
      if (role.role === 'state_focal_point') return attending.focal_point_present ? [{ iso3: role.iso3, cast_by: 'focal_point' }] : [];
      return attending.focal_point_present ? [] : [{ iso3: role.iso3, cast_by: 'deputy' }];
    });
    const chosen = input.iso3 ? entitled.filter((entry) => entry.iso3 === input.iso3) : entitled;
    if (chosen.length === 0) throw new HttpError(403, 'forbidden', 'network_vote_not_entitled');
    if (chosen.length > 1) throw badRequest('network_vote_which_state', { states: chosen.map((entry) => entry.iso3).join(', ') });
    const [{ iso3, cast_by }] = chosen;
    const before = await repository.findVote(tx, id, iso3);
    await repository.upsertVote(tx, { proposalId: id, iso3, vote: input.vote, castBy: cast_by, userId: actor.userId });
    await writeAudit(tx, { actor, action: before ? 'change_vote' : 'vote', entity: 'network_proposal', entityId: id, before, after: { iso3, vote: input.vote, cast_by } });
    return { iso3, vote: input.vote, cast_by };
  });
}

/** The chair closes the vote: the outcome is computed by the rule and the decision record published. */
export async function closeVote(pool: pg.Pool, actor: Actor, id: number, input: { version: number }, now: () => Date): Promise<void> {
  authorize(actor, 'network:meeting_chair');
  await inTransaction(pool, async (tx) => {
    const { proposal, meeting, present } = await lockedProposal(tx, id);
    if (proposal.version !== input.version) throw staleVersion(proposal.version);
    if (proposal.state !== 'voting') throw new HttpError(409, 'conflict', 'network_proposal_not_voting', { state: proposal.state });
    await publish(tx, actor, proposal, meeting, await inputsOf(tx, proposal, present, 'vote', proposal.objections), now());
  });
}
