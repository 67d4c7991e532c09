/**
 * How the International Network of NMIRFs takes a decision (Asunción Declaration): by consensus
 * of the members, or, failing consensus, by a vote taken by **simple majority of the members
 * present and voting**. "Voting" means casting yes or no: abstentions and absentees are not
 * voting (UN General Assembly practice). So a proposal passes when yes > no; a tie fails; when
 * nobody casts yes or no (all abstain), it fails. Observers attend but never vote, and absent
 * members cannot vote. Each member State present has one vote, cast by its focal point, or its
 * deputy when the focal point is absent.
 *
 * Pure functions shared by the hub's server (which enforces them), its pages and
 * `npm run verify:decision` (which recomputes a published decision record from the record alone).
 */

export type Vote = 'yes' | 'no' | 'abstain';
export type DecisionMethod = 'consensus' | 'vote';
export type Outcome = 'adopted' | 'not_adopted';

export const CONSENSUS_RULE = 'consensus-of-members-present/1';
export const MAJORITY_RULE = 'simple-majority-of-members-present-and-voting/1';

/** What the outcome is computed from: who was there, how it was decided, who objected, the votes. */
export interface DecisionInputs {
  /** Member States present (ISO 3166 alpha-3). */
  members_present: string[];
  /** Observer States present: they attend, they do not vote. */
  observers_present: string[];
  method: DecisionMethod;
  /** Members present who objected to consensus (none when adopted by consensus). */
  objections: string[];
  /** One per member present who voted (method `vote`). */
  votes: { state: string; vote: Vote; cast_by: 'focal_point' | 'deputy' }[];
}

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  /** Members present who cast no vote at all. */
  present_not_voting: number;
}

export interface Decision {
  rule: typeof CONSENSUS_RULE | typeof MAJORITY_RULE;
  tally: Tally | null;
  outcome: Outcome;
}

/** Why inputs cannot make a decision; each names the State concerned. */
export type DecisionProblem =
  | { code: 'state_listed_twice'; state: string }
  | { code: 'observer_listed_as_member'; state: string }
  | { code: 'objection_by_member_not_present'; state: string }
  | { code: 'consensus_with_objections'; states: string[] }
  | { code: 'vote_by_observer'; state: string }
  | { code: 'vote_by_member_not_present'; state: string }
  | { code: 'voted_twice'; state: string }
  | { code: 'votes_without_a_vote'; count: number };

export function decisionProblems(inputs: DecisionInputs): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  const members = new Set<string>();
  for (const state of inputs.members_present) {
    if (members.has(state)) problems.push({ code: 'state_listed_twice', state });
    members.add(state);
  }
  const observers = new Set<string>();
  for (const state of inputs.observers_present) {
    if (observers.has(state)) problems.push({ code: 'state_listed_twice', state });
    if (members.has(state)) problems.push({ code: 'observer_listed_as_member', state });
    observers.add(state);
  }
  for (const state of inputs.objections) {
    if (!members.has(state)) problems.push({ code: 'objection_by_member_not_present', state });
  }
  if (inputs.method === 'consensus') {
    if (inputs.objections.length > 0) problems.push({ code: 'consensus_with_objections', states: [...inputs.objections] });
    if (inputs.votes.length > 0) problems.push({ code: 'votes_without_a_vote', count: inputs.votes.length });
    return problems;
  }
  const voted = new Set<string>();
  for (const { state } of inputs.votes) {
    if (observers.has(state)) problems.push({ code: 'vote_by_observer', state });
    else if (!members.has(state)) problems.push({ code: 'vote_by_member_not_present', state });
    if (voted.has(state)) problems.push({ code: 'voted_twice', state });
    voted.add(state);
  }
  return problems;
}

export class InvalidDecision extends Error {
  constructor(readonly problems: DecisionProblem[]) {
    super(`the decision cannot be taken: ${problems.map((problem) => problem.code).join(', ')}`);
  }
}

/** The outcome by the Declaration's rule; throws InvalidDecision when the inputs break it. */
export function decide(inputs: DecisionInputs): Decision {
  const problems = decisionProblems(inputs);
  if (problems.length > 0) throw new InvalidDecision(problems);
  if (inputs.method === 'consensus') return { rule: CONSENSUS_RULE, tally: null, outcome: 'adopted' };
  const tally: Tally = { yes: 0, no: 0, abstain: 0, present_not_voting: 0 };
  for (const { vote } of inputs.votes) tally[vote] += 1;
  tally.present_not_voting = inputs.members_present.length - inputs.votes.length;
  // Present and voting = yes + no. A simple majority of them: more yes than no.
  return { rule: MAJORITY_RULE, tally, outcome: tally.yes > tally.no ? 'adopted' : 'not_adopted' };
}
