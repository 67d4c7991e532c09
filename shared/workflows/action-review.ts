/**
 * The validation chain of an action report, as a state machine.
 *
 * The server's use cases, the web app's buttons and the tests all read this
 * file, so that "who may do what to a report, and when" is decided in one
 * place: if the server refused what the web app offered (or the reverse), one
 * of them would be wrong. Kept free of dependencies because both the server
 * and the browser import it.
 *
 * The chain: a focal point (principal or alternate) of the institution writes
 * the report and submits it; the institution's validator validates it or
 * returns it with comments; the NMIRF secretariat publishes it or returns it
 * with comments. A returned report goes back through the whole chain.
 */
import type { Role } from '../permissions';

/** Every state a report can be in; a new report starts in the first one. */
export const ACTION_STATES = ['draft', 'submitted', 'validated', 'published', 'returned'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** Where every new report starts: nobody outside the institution's focal points sees it yet. */
export const INITIAL_ACTION_STATE: ActionState = 'draft';

/** The roles that take part in the chain; the administrator configures the platform and has no say here. */
export type ActionReviewRole = Extract<Role, 'focal_point' | 'alternate_focal_point' | 'validator' | 'secretariat'>;

/**
 * Roles that count only at the institution where the person holds them
 * (a focal point of A is nobody for B's reports). The secretariat acts on
 * every institution's reports, like its 'any' scope in shared/permissions.ts.
 */
const INSTITUTION_SCOPED: ReadonlySet<ActionReviewRole> = new Set(['focal_point', 'alternate_focal_point', 'validator']);

/**
 * The longest comment accepted, counted in UTF-16 code units after trimming,
 * the way a zod `z.string().trim().max(5000)` on the API counts, so that the
 * API and this check never disagree on the same text.
 */
export const COMMENT_MAX_LENGTH = 5000;

export interface TransitionRule {
  readonly from: readonly ActionState[];
  readonly to: ActionState;
  readonly roles: readonly ActionReviewRole[];
  /** Returns must say why, or the author cannot fix the report. */
  readonly commentRequired: boolean;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * Every move a report can make. Anything not listed is refused (deny by
 * default): in particular nothing leaves 'published', and the administrator
 * appears nowhere. Frozen so that no caller can widen the rules at run time.
 * The key order is the order the web app shows its buttons in.
 */
export const ACTION_TRANSITIONS = deepFreeze({
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['focal_point', 'alternate_focal_point'], commentRequired: false },
  return_to_author: { from: ['submitted'], to: 'returned', roles: ['validator'], commentRequired: true },
  validate: { from: ['submitted'], to: 'validated', roles: ['validator'], commentRequired: false },
  return_to_institution: { from: ['validated'], to: 'returned', roles: ['secretariat'], commentRequired: true },
  publish: { from: ['validated'], to: 'published', roles: ['secretariat'], commentRequired: false },
} as const satisfies Record<string, TransitionRule>);

export type TransitionName = keyof typeof ACTION_TRANSITIONS;

/**
 * Who sees a report in each state: a draft stays with its authors, each step
 * of the chain adds the next reviewer, and a returned report stays visible to
 * everyone who already saw it so they can follow the comments. 'everyone'
 * includes visitors without an account: the public sees only what is published.
 */
export const ACTION_VIEWERS = deepFreeze({
  draft: ['focal_point', 'alternate_focal_point'],
  submitted: ['focal_point', 'alternate_focal_point', 'validator'],
  validated: ['focal_point', 'alternate_focal_point', 'validator', 'secretariat'],
  returned: ['focal_point', 'alternate_focal_point', 'validator', 'secretariat'],
  published: 'everyone',
} as const satisfies Record<ActionState, readonly ActionReviewRole[] | 'everyone'>);

/** Content changes only while the report is with its authors, so reviewers judge what was submitted. */
const EDITABLE_STATES: ReadonlySet<ActionState> = new Set(['draft', 'returned']);
const EDITORS: readonly ActionReviewRole[] = ['focal_point', 'alternate_focal_point'];

/**
 * The person acting, as their memberships. A visitor and a signed-in person
 * without roles are both `{ roles: [] }`; secretariat and administrator hold
 * `institutionId: null`. Shaped like the server's Actor.memberships, so the
 * server passes `{ roles: actor?.memberships ?? [] }`.
 */
export type ActorContext = { roles: readonly { role: string; institutionId: number | null }[] };

/** What the rules need to know about a report: where it is in the chain and whose it is. */
export type ReportContext = { state: ActionState; institutionId: number };

export type TransitionFailure = 'unknown_transition' | 'not_allowed_from_state' | 'forbidden' | 'comment_required' | 'comment_too_long';
export type TransitionCheck = { ok: true; to: ActionState } | { ok: false; reason: TransitionFailure };

/** Whether the actor holds `role` in a way that counts for this report's institution. */
function holds(actor: ActorContext, role: ActionReviewRole, report: ReportContext): boolean {
  return actor.roles.some((m) => m.role === role
    && (!INSTITUTION_SCOPED.has(role) || (m.institutionId !== null && m.institutionId === report.institutionId)));
}

function holdsAny(actor: ActorContext, roles: readonly ActionReviewRole[], report: ReportContext): boolean {
  return roles.some((role) => holds(actor, role, report));
}

function isTransitionName(name: string): name is TransitionName {
  // hasOwn, not `in`: 'toString' or '__proto__' must not pass for a transition.
  return Object.hasOwn(ACTION_TRANSITIONS, name);
}

/**
 * Whether the actor may see the report at all. The server uses it to answer
 * 404 rather than 403, so that drafts are not even known to exist outside
 * the chain. A state this file does not know is seen by nobody.
 */
export function canView(actor: ActorContext, report: ReportContext): boolean {
  if (!Object.hasOwn(ACTION_VIEWERS, report.state)) return false;
  const viewers = ACTION_VIEWERS[report.state];
  return viewers === 'everyone' || holdsAny(actor, viewers, report);
}

/** Whether the actor may change the report's content: only its authors, only while it is with them. */
export function canEdit(actor: ActorContext, report: ReportContext): boolean {
  return EDITABLE_STATES.has(report.state) && holdsAny(actor, EDITORS, report);
}

/**
 * Decides one move, with the reason the caller should show when it is
 * refused. A report the actor may not see gives 'forbidden' before anything
 * else, so the answer reveals nothing about its state; the comment is judged
 * last, so that nobody is asked to write a comment for a move they may not make.
 * A blank comment counts as no comment.
 */
export function checkTransition(actor: ActorContext, report: ReportContext, name: string, comment?: string | null): TransitionCheck {
  if (!isTransitionName(name)) return { ok: false, reason: 'unknown_transition' };
  if (!canView(actor, report)) return { ok: false, reason: 'forbidden' };
  const rule: TransitionRule = ACTION_TRANSITIONS[name];
  if (!rule.from.includes(report.state)) return { ok: false, reason: 'not_allowed_from_state' };
  if (!holdsAny(actor, rule.roles, report)) return { ok: false, reason: 'forbidden' };
  const text = (comment ?? '').trim();
  if (rule.commentRequired && text === '') return { ok: false, reason: 'comment_required' };
  if (text.length > COMMENT_MAX_LENGTH) return { ok: false, reason: 'comment_too_long' };
  return { ok: true, to: rule.to };
}

/**
 * The moves the actor may make on the report now, in table order, for the
 * web app to show as buttons. A move whose only obstacle is a missing comment
 * is listed: the button opens the comment box.
 */
export function availableTransitions(actor: ActorContext, report: ReportContext): TransitionName[] {
  if (!canView(actor, report)) return [];
  return (Object.keys(ACTION_TRANSITIONS) as TransitionName[]).filter((name) => {
    const rule: TransitionRule = ACTION_TRANSITIONS[name];
    return rule.from.includes(report.state) && holdsAny(actor, rule.roles, report);
  });
}

/**
 * For lists: in each state, whether the actor sees every report ('all') or
 * only those of some institutions (possibly none). The same rules as canView,
 * shaped for a database query; a test holds the two equal.
 */
export function viewableScope(actor: ActorContext): { state: ActionState; institutions: 'all' | number[] }[] {
  return ACTION_STATES.map((state) => {
    const viewers = ACTION_VIEWERS[state];
    if (viewers === 'everyone') return { state, institutions: 'all' as const };
    const everywhere = viewers.some((role) => !INSTITUTION_SCOPED.has(role) && actor.roles.some((m) => m.role === role));
    if (everywhere) return { state, institutions: 'all' as const };
    const ids = actor.roles
      .filter((m) => m.institutionId !== null && (viewers as readonly string[]).includes(m.role) && INSTITUTION_SCOPED.has(m.role as ActionReviewRole))
      .map((m) => m.institutionId as number);
    return { state, institutions: [...new Set(ids)] };
  });
}
