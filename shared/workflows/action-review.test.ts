/**
 * The validation chain of an action report, checked against a truth table
 * written here by hand from the rules, not read from the implementation: if
 * someone changes ACTION_TRANSITIONS or the visibility rules, these tests say
 * so. Every state × every transition name × every kind of actor × every kind
 * of comment is tried, and each case is named in the output.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTION_STATES,
  ACTION_TRANSITIONS,
  availableTransitions,
  canEdit,
  canView,
  checkTransition,
  INITIAL_ACTION_STATE,
  type ActionState,
  type ActorContext,
  type ReportContext,
} from './action-review';

// ---------------------------------------------------------------------------
// The rules, by hand.
// ---------------------------------------------------------------------------

const STATES = ['draft', 'submitted', 'validated', 'published', 'returned'] as const;
type State = (typeof STATES)[number];

const KNOWN = ['submit', 'return_to_author', 'validate', 'return_to_institution', 'publish'] as const;
const UNKNOWN = 'archive';
const NAMES = [...KNOWN, UNKNOWN] as const;
type Known = (typeof KNOWN)[number];

/** The roles a person can hold towards THIS report (a role at another institution is none). */
type ChainRole = 'focal_point' | 'alternate_focal_point' | 'validator' | 'secretariat';

/** Every allowed (state, transition, role) triple; anything absent is refused. */
const ALLOWED: readonly [State, Known, ChainRole][] = [
  ['draft', 'submit', 'focal_point'],
  ['draft', 'submit', 'alternate_focal_point'],
  ['returned', 'submit', 'focal_point'],
  ['returned', 'submit', 'alternate_focal_point'],
  ['submitted', 'return_to_author', 'validator'],
  ['submitted', 'validate', 'validator'],
  ['validated', 'return_to_institution', 'secretariat'],
  ['validated', 'publish', 'secretariat'],
];

const TARGET: Record<Known, State> = {
  submit: 'submitted',
  return_to_author: 'returned',
  validate: 'validated',
  return_to_institution: 'returned',
  publish: 'published',
};

const COMMENT_REQUIRED: readonly Known[] = ['return_to_author', 'return_to_institution'];

/** Who sees a report in each state; 'everyone' includes visitors. */
const VIEWERS: Record<State, readonly ChainRole[] | 'everyone'> = {
  draft: ['focal_point', 'alternate_focal_point'],
  submitted: ['focal_point', 'alternate_focal_point', 'validator'],
  validated: ['focal_point', 'alternate_focal_point', 'validator', 'secretariat'],
  returned: ['focal_point', 'alternate_focal_point', 'validator', 'secretariat'],
  published: 'everyone',
};

/** Who edits the content, and when. */
const EDITORS: readonly ChainRole[] = ['focal_point', 'alternate_focal_point'];
const EDITABLE: readonly State[] = ['draft', 'returned'];

// ---------------------------------------------------------------------------
// The people.
// ---------------------------------------------------------------------------

const HOME = 7; // the report's institution
const OTHER = 9;

interface Person {
  name: string;
  actor: ActorContext;
  /** What this person is towards a report of institution HOME, written by hand. */
  chainRoles: readonly ChainRole[];
}

const PEOPLE: readonly Person[] = [
  { name: 'visitor', actor: { roles: [] }, chainRoles: [] },
  // The server gives a signed-in person without membership `{ roles: [] }` (the
  // same as a visitor, covered above); this one carries the pseudo-role of
  // shared/permissions.ts to show that it grants nothing here.
  { name: 'signed-in, no role', actor: { roles: [{ role: 'authenticated', institutionId: null }] }, chainRoles: [] },
  { name: 'focal point of the institution', actor: { roles: [{ role: 'focal_point', institutionId: HOME }] }, chainRoles: ['focal_point'] },
  { name: 'alternate focal point of the institution', actor: { roles: [{ role: 'alternate_focal_point', institutionId: HOME }] }, chainRoles: ['alternate_focal_point'] },
  { name: 'validator of the institution', actor: { roles: [{ role: 'validator', institutionId: HOME }] }, chainRoles: ['validator'] },
  { name: 'focal point of another institution', actor: { roles: [{ role: 'focal_point', institutionId: OTHER }] }, chainRoles: [] },
  { name: 'validator of another institution', actor: { roles: [{ role: 'validator', institutionId: OTHER }] }, chainRoles: [] },
  { name: 'secretariat', actor: { roles: [{ role: 'secretariat', institutionId: null }] }, chainRoles: ['secretariat'] },
  { name: 'administrator', actor: { roles: [{ role: 'administrator', institutionId: null }] }, chainRoles: [] },
  {
    name: 'validator of the institution and secretariat',
    actor: { roles: [{ role: 'validator', institutionId: HOME }, { role: 'secretariat', institutionId: null }] },
    chainRoles: ['validator', 'secretariat'],
  },
  // Catches a check that looks for the role anywhere and for the institution
  // anywhere, instead of the role AT the institution.
  {
    name: 'validator of the institution and focal point of another',
    actor: { roles: [{ role: 'validator', institutionId: HOME }, { role: 'focal_point', institutionId: OTHER }] },
    chainRoles: ['validator'],
  },
  // The rules put no separation of duties between author and validator.
  {
    name: 'focal point and validator of the institution',
    actor: { roles: [{ role: 'focal_point', institutionId: HOME }, { role: 'validator', institutionId: HOME }] },
    chainRoles: ['focal_point', 'validator'],
  },
];

const COMMENTS: readonly { name: string; value: string | undefined }[] = [
  { name: 'no comment', value: undefined },
  { name: 'blank comment', value: '  \n\t ' },
  { name: 'a comment', value: 'Please attach the decree and the budget line.' },
  { name: 'a 5001-character comment', value: 'x'.repeat(5001) },
];

// ---------------------------------------------------------------------------
// What the rules say should happen (derived from the hand-written lists above).
// ---------------------------------------------------------------------------

type Expected = { ok: true; to: State } | { ok: false; reason: string };

function sees(person: Person, state: State): boolean {
  const viewers = VIEWERS[state];
  return viewers === 'everyone' || person.chainRoles.some((r) => viewers.includes(r));
}

function edits(person: Person, state: State): boolean {
  return EDITABLE.includes(state) && person.chainRoles.some((r) => EDITORS.includes(r));
}

function allowed(person: Person, state: State, name: Known): boolean {
  return ALLOWED.some(([s, n, r]) => s === state && n === name && person.chainRoles.includes(r));
}

function expected(person: Person, state: State, name: string, comment: string | undefined): Expected {
  if (!(KNOWN as readonly string[]).includes(name)) return { ok: false, reason: 'unknown_transition' };
  const known = name as Known;
  if (!sees(person, state)) return { ok: false, reason: 'forbidden' };
  if (!ALLOWED.some(([s, n]) => s === state && n === known)) return { ok: false, reason: 'not_allowed_from_state' };
  if (!allowed(person, state, known)) return { ok: false, reason: 'forbidden' };
  const text = (comment ?? '').trim();
  if (COMMENT_REQUIRED.includes(known) && text === '') return { ok: false, reason: 'comment_required' };
  if (text.length > 5000) return { ok: false, reason: 'comment_too_long' };
  return { ok: true, to: TARGET[known] };
}

const report = (state: ActionState, institutionId = HOME): ReportContext => ({ state, institutionId });
const sorted = (names: readonly string[]) => [...names].sort();

// ---------------------------------------------------------------------------
// The exhaustive grid.
// ---------------------------------------------------------------------------

const TRANSITION_CASES = STATES.flatMap((state) => NAMES.flatMap((name) => PEOPLE.flatMap((person) => COMMENTS.map((comment) => {
  const want = expected(person, state, name, comment.value);
  return {
    label: `${state} · ${name} · ${person.name} · ${comment.name} → ${want.ok ? `ok ${want.to}` : want.reason}`,
    state, name, person, comment: comment.value, want,
  };
}))));

const STATE_PERSON_CASES = STATES.flatMap((state) => PEOPLE.map((person) => ({
  label: `${state} · ${person.name}`,
  state, person,
})));

describe('the state and transition lists are the ones specified', () => {
  it('has exactly the five states, starting in draft', () => {
    expect(sorted(ACTION_STATES)).toEqual(sorted(STATES));
    expect(INITIAL_ACTION_STATE).toBe('draft');
  });

  it('has exactly the five transitions, with the specified targets and comment rules', () => {
    expect(sorted(Object.keys(ACTION_TRANSITIONS))).toEqual(sorted(KNOWN));
    for (const name of KNOWN) {
      const rule = ACTION_TRANSITIONS[name];
      expect(rule.to, name).toBe(TARGET[name]);
      expect(rule.commentRequired, name).toBe(COMMENT_REQUIRED.includes(name));
      expect(sorted(rule.from), name).toEqual(sorted([...new Set(ALLOWED.filter(([, n]) => n === name).map(([s]) => s))]));
      expect(sorted(rule.roles), name).toEqual(sorted([...new Set(ALLOWED.filter(([, n]) => n === name).map(([, , r]) => r))]));
    }
  });

  it('cannot be widened at run time', () => {
    expect(() => { (ACTION_TRANSITIONS.publish.roles as unknown as string[]).push('administrator'); }).toThrow();
    expect(ACTION_TRANSITIONS.publish.roles).not.toContain('administrator');
  });
});

describe(`checkTransition: every state × transition × actor × comment (${TRANSITION_CASES.length} cases)`, () => {
  it.each(TRANSITION_CASES.map((c) => [c.label, c] as const))('%s', (_label, { state, name, person, comment, want }) => {
    expect(checkTransition(person.actor, report(state), name, comment)).toEqual(want);
  });
});

describe(`canView: every state × actor (${STATE_PERSON_CASES.length} cases)`, () => {
  it.each(STATE_PERSON_CASES.map((c) => [c.label, c] as const))('%s', (_label, { state, person }) => {
    expect(canView(person.actor, report(state))).toBe(sees(person, state));
  });
});

describe(`canEdit: every state × actor (${STATE_PERSON_CASES.length} cases)`, () => {
  it.each(STATE_PERSON_CASES.map((c) => [c.label, c] as const))('%s', (_label, { state, person }) => {
    expect(canEdit(person.actor, report(state))).toBe(edits(person, state));
  });
});

describe(`availableTransitions: every state × actor (${STATE_PERSON_CASES.length} cases)`, () => {
  it.each(STATE_PERSON_CASES.map((c) => [c.label, c] as const))('%s', (_label, { state, person }) => {
    const want = KNOWN.filter((name) => sees(person, state) && allowed(person, state, name));
    expect(sorted(availableTransitions(person.actor, report(state)))).toEqual(sorted(want));
  });
});

// ---------------------------------------------------------------------------
// Spot checks written out in full, so that a mistake in the derivation above
// cannot hide the same mistake in the implementation.
// ---------------------------------------------------------------------------

const fp = PEOPLE[2].actor;
const alternate = PEOPLE[3].actor;
const validator = PEOPLE[4].actor;
const otherFp = PEOPLE[5].actor;
const secretariat = PEOPLE[7].actor;
const admin = PEOPLE[8].actor;
const visitor = PEOPLE[0].actor;

describe('spot checks, written out', () => {
  it.each([
    ['focal point submits a draft', fp, 'draft', 'submit', undefined, { ok: true, to: 'submitted' }],
    ['alternate resubmits a returned report', alternate, 'returned', 'submit', 'fixed', { ok: true, to: 'submitted' }],
    ['validator returns without comment', validator, 'submitted', 'return_to_author', undefined, { ok: false, reason: 'comment_required' }],
    ['validator returns with comment', validator, 'submitted', 'return_to_author', 'no evidence', { ok: true, to: 'returned' }],
    ['validator validates', validator, 'submitted', 'validate', undefined, { ok: true, to: 'validated' }],
    ['secretariat cannot see a draft', secretariat, 'draft', 'publish', undefined, { ok: false, reason: 'forbidden' }],
    ['secretariat publishes', secretariat, 'validated', 'publish', undefined, { ok: true, to: 'published' }],
    ['secretariat returns with blank comment', secretariat, 'validated', 'return_to_institution', ' ', { ok: false, reason: 'comment_required' }],
    ['administrator cannot publish', admin, 'validated', 'publish', undefined, { ok: false, reason: 'forbidden' }],
    ['focal point of another institution, draft', otherFp, 'draft', 'submit', undefined, { ok: false, reason: 'forbidden' }],
    ['focal point of another institution, published', otherFp, 'published', 'submit', undefined, { ok: false, reason: 'not_allowed_from_state' }],
    ['visitor, published', visitor, 'published', 'publish', undefined, { ok: false, reason: 'not_allowed_from_state' }],
    ['focal point cannot validate', fp, 'submitted', 'validate', undefined, { ok: false, reason: 'forbidden' }],
    ['validator cannot submit', validator, 'returned', 'submit', undefined, { ok: false, reason: 'forbidden' }],
    ['unknown name before anything else', visitor, 'draft', 'archive', undefined, { ok: false, reason: 'unknown_transition' }],
  ] as const)('%s', (_label, actor, state, name, comment, want) => {
    expect(checkTransition(actor, report(state), name, comment)).toEqual(want);
  });

  it('takes the institution from the report, not from the actor alone', () => {
    expect(checkTransition(fp, report('draft', OTHER), 'submit')).toEqual({ ok: false, reason: 'forbidden' });
    expect(checkTransition(otherFp, report('draft', OTHER), 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(canView(validator, report('submitted', OTHER))).toBe(false);
    expect(canEdit(otherFp, report('returned', OTHER))).toBe(true);
  });

  it('does not treat an institution role without an institution as a role everywhere', () => {
    const unscoped: ActorContext = { roles: [{ role: 'focal_point', institutionId: null }] };
    expect(canView(unscoped, report('draft'))).toBe(false);
    expect(checkTransition(unscoped, report('draft'), 'submit')).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('comments', () => {
  it('accepts exactly 5000 characters, and counts after trimming', () => {
    expect(checkTransition(validator, report('submitted'), 'return_to_author', 'x'.repeat(5000))).toEqual({ ok: true, to: 'returned' });
    expect(checkTransition(validator, report('submitted'), 'return_to_author', `  ${'x'.repeat(5000)}\n`)).toEqual({ ok: true, to: 'returned' });
    expect(checkTransition(validator, report('submitted'), 'return_to_author', 'x'.repeat(5001))).toEqual({ ok: false, reason: 'comment_too_long' });
  });

  it('treats null as no comment', () => {
    expect(checkTransition(secretariat, report('validated'), 'return_to_institution', null)).toEqual({ ok: false, reason: 'comment_required' });
    expect(checkTransition(secretariat, report('validated'), 'publish', null)).toEqual({ ok: true, to: 'published' });
  });

  it('judges the comment only once the move itself is allowed', () => {
    expect(checkTransition(fp, report('submitted'), 'return_to_author', 'x'.repeat(5001))).toEqual({ ok: false, reason: 'forbidden' });
    expect(checkTransition(validator, report('validated'), 'return_to_author')).toEqual({ ok: false, reason: 'not_allowed_from_state' });
  });
});

describe('names that are not transitions', () => {
  it.each(['', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'Submit', ' submit'])('%j is unknown', (name) => {
    expect(checkTransition(secretariat, report('validated'), name, 'a comment')).toEqual({ ok: false, reason: 'unknown_transition' });
  });
});

describe('a report that is not in a known state', () => {
  it('is seen, edited and moved by nobody', () => {
    const odd = { state: 'archived', institutionId: HOME } as unknown as ReportContext;
    for (const person of PEOPLE) {
      expect(canView(person.actor, odd), person.name).toBe(false);
      expect(canEdit(person.actor, odd), person.name).toBe(false);
      expect(availableTransitions(person.actor, odd), person.name).toEqual([]);
      expect(checkTransition(person.actor, odd, 'submit', 'a comment'), person.name).toEqual({ ok: false, reason: 'forbidden' });
    }
  });
});

describe('the whole journey', () => {
  const steps: [string, ActorContext, string | undefined, State][] = [
    ['submit', fp, undefined, 'submitted'],
    ['return_to_author', validator, 'The budget figure has no source.', 'returned'],
    ['submit', alternate, 'Source added.', 'submitted'],
    ['validate', validator, undefined, 'validated'],
    ['return_to_institution', secretariat, 'Please say which decree.', 'returned'],
    ['submit', fp, undefined, 'submitted'],
    ['validate', validator, undefined, 'validated'],
    ['publish', secretariat, undefined, 'published'],
  ];

  it('goes from draft to published through both returns', () => {
    let state: ActionState = INITIAL_ACTION_STATE;
    expect(state).toBe('draft');
    for (const [name, actor, comment, to] of steps) {
      const result = checkTransition(actor, report(state), name, comment);
      expect(result, `${name} from ${state}`).toEqual({ ok: true, to });
      if (result.ok) state = result.to;
    }
    expect(state).toBe('published');
  });

  it('never leaves published, whoever asks', () => {
    for (const person of PEOPLE) {
      expect(availableTransitions(person.actor, report('published')), person.name).toEqual([]);
      expect(canEdit(person.actor, report('published')), person.name).toBe(false);
      expect(canView(person.actor, report('published')), person.name).toBe(true);
      for (const name of KNOWN) {
        for (const { value } of COMMENTS) {
          expect(checkTransition(person.actor, report('published'), name, value).ok, `${person.name} ${name}`).toBe(false);
        }
      }
    }
  });
});
