import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { decide, decisionProblems, InvalidDecision, MAJORITY_RULE, type DecisionInputs, type Vote } from './decisions';

const STATES = ['ARG', 'CRI', 'MAR', 'PRT', 'PRY'];
type Seat = 'absent' | 'silent' | Vote;
const SEATS: Seat[] = ['absent', 'silent', 'yes', 'no', 'abstain'];

/** Every way `n` members can be absent, present without voting, or voting yes, no or abstain. */
function* electorates(n: number): Generator<Seat[]> {
  if (n === 0) { yield []; return; }
  for (const rest of electorates(n - 1)) for (const seat of SEATS) yield [...rest, seat];
}

function inputsOf(seats: Seat[], observers: string[] = []): DecisionInputs {
  const present = seats.map((seat, i) => [STATES[i], seat] as const).filter(([, seat]) => seat !== 'absent');
  return {
    members_present: present.map(([state]) => state),
    observers_present: observers,
    method: 'vote',
    objections: [],
    votes: present.filter(([, seat]) => seat !== 'silent')
      .map(([state, seat], i) => ({ state, vote: seat as Vote, cast_by: i % 2 ? 'deputy' as const : 'focal_point' as const })),
  };
}

/**
 * The rule written again, independently and as the Declaration words it: of the members present,
 * those "voting" cast yes or no; the proposal needs more than half of them in favour.
 */
function independentOutcome(seats: Seat[]): 'adopted' | 'not_adopted' {
  const presentAndVoting = seats.filter((seat) => seat === 'yes' || seat === 'no');
  const inFavour = presentAndVoting.filter((seat) => seat === 'yes').length;
  return inFavour * 2 > presentAndVoting.length ? 'adopted' : 'not_adopted';
}

describe('a vote by simple majority of the members present and voting', () => {
  it('gives the outcome of the independent reading for every electorate of up to five members', () => {
    let cases = 0;
    for (let n = 0; n <= STATES.length; n++) {
      for (const seats of electorates(n)) {
        const decision = decide(inputsOf(seats));
        expect(decision.outcome, seats.join(',')).toBe(independentOutcome(seats));
        expect(decision.rule).toBe(MAJORITY_RULE);
        const count = (seat: Seat) => seats.filter((s) => s === seat).length;
        expect(decision.tally).toEqual({ yes: count('yes'), no: count('no'), abstain: count('abstain'), present_not_voting: count('silent') });
        cases++;
      }
    }
    expect(cases).toBe(1 + 5 + 25 + 125 + 625 + 3125);
  });

  it('never counts an abstention as a no, and absentees never lower or raise the bar', () => {
    for (const seats of electorates(5)) {
      const outcome = decide(inputsOf(seats)).outcome;
      seats.forEach((seat, i) => {
        const changed = (to: Seat) => decide(inputsOf(seats.map((s, j) => (j === i ? to : s)))).outcome;
        if (seat === 'abstain') {
          // Abstaining is the same as not voting, present or absent.
          expect(changed('silent'), seats.join(',')).toBe(outcome);
          expect(changed('absent'), seats.join(',')).toBe(outcome);
        }
        if (seat === 'silent') expect(changed('absent'), seats.join(',')).toBe(outcome);
        // One more yes never defeats a proposal; one more no never passes it.
        if (seat === 'no' && outcome === 'adopted') expect(changed('yes')).toBe('adopted');
        if (seat === 'yes' && outcome === 'not_adopted') expect(changed('no')).toBe('not_adopted');
      });
    }
  });

  it('decides the classic cases as the Declaration says', () => {
    const outcome = (...seats: Seat[]) => decide(inputsOf(seats)).outcome;
    expect(outcome('yes', 'abstain', 'abstain', 'abstain', 'abstain')).toBe('adopted'); // 1 of 1 voting
    expect(outcome('yes', 'no', 'abstain', 'abstain')).toBe('not_adopted'); // a tie fails
    expect(outcome('abstain', 'abstain', 'abstain')).toBe('not_adopted'); // nobody voting
    expect(outcome('yes', 'yes', 'no', 'absent', 'absent')).toBe('adopted'); // absentees do not count
    expect(outcome('yes', 'yes', 'no', 'no', 'no')).toBe('not_adopted');
    expect(outcome()).toBe('not_adopted'); // nobody present
  });
});

describe('what the rule refuses', () => {
  const base = inputsOf(['yes', 'no', 'silent']);

  it('refuses a vote from an observer, from a member not present, and a second vote from one State', () => {
    expect(decisionProblems({ ...base, observers_present: ['PRT'], votes: [...base.votes, { state: 'PRT', vote: 'yes', cast_by: 'focal_point' }] }))
      .toEqual([{ code: 'vote_by_observer', state: 'PRT' }]);
    expect(decisionProblems({ ...base, votes: [...base.votes, { state: 'PRY', vote: 'yes', cast_by: 'deputy' }] }))
      .toEqual([{ code: 'vote_by_member_not_present', state: 'PRY' }]);
    expect(decisionProblems({ ...base, votes: [...base.votes, { state: 'ARG', vote: 'no', cast_by: 'deputy' }] }))
      .toEqual([{ code: 'voted_twice', state: 'ARG' }]);
    expect(() => decide({ ...base, votes: [...base.votes, { state: 'ARG', vote: 'no', cast_by: 'deputy' }] })).toThrow(InvalidDecision);
  });

  it('refuses a State both member and observer, or listed twice, and an objection from someone not present', () => {
    expect(decisionProblems({ ...base, observers_present: ['ARG'] })).toEqual([
      { code: 'observer_listed_as_member', state: 'ARG' }, { code: 'vote_by_observer', state: 'ARG' },
    ]);
    expect(decisionProblems({ ...base, members_present: [...base.members_present, 'ARG'] })).toEqual([{ code: 'state_listed_twice', state: 'ARG' }]);
    expect(decisionProblems({ ...base, objections: ['PRY'] })).toEqual([{ code: 'objection_by_member_not_present', state: 'PRY' }]);
  });

  it('adopts by consensus only when no member present objects, and with no votes', () => {
    const consensus: DecisionInputs = { ...base, method: 'consensus', votes: [] };
    expect(decide(consensus)).toEqual({ rule: 'consensus-of-members-present/1', tally: null, outcome: 'adopted' });
    expect(decisionProblems({ ...consensus, objections: ['CRI'] })).toEqual([{ code: 'consensus_with_objections', states: ['CRI'] }]);
    expect(decisionProblems({ ...consensus, votes: base.votes })).toEqual([{ code: 'votes_without_a_vote', count: 2 }]);
  });
});

describe('the canonical form of a record', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace and leaves undefined out', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'é"' }], a: null, c: true, d: undefined }))
      .toBe('{"a":null,"b":[3,{"a":"é\\"","z":1}],"c":true}');
    expect(canonicalJson({ B: 1, a: 2, _: 3 })).toBe('{"B":1,"_":3,"a":2}');
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});
