/**
 * The one permissions table. Policies, the generated authorization test and
 * docs/authz-matrix.md all read it; change access here and nowhere else.
 *
 * A cell says where a role may perform an action:
 *  - 'any'              every record
 *  - 'own_institution'  records of an institution where the person holds that role
 *  - 'own_organisation' records of a participating organisation (civil society, NHRI, academia) the person writes for
 *  - 'self'             the person's own record
 * A missing cell is a refusal (deny by default).
 */
export const ROLES = [
  'anonymous', 'authenticated', 'focal_point', 'alternate_focal_point', 'validator', 'secretariat', 'administrator',
  'organisation_member',
  // Roles on the hub of the International Network of NMIRFs (INSTANCE_ROLE=hub): the hub secretariat supports the
  // Executive Committee; the Committee's members and its Coordinator; a member State's focal point and deputy (who
  // take decisions and vote for it); an observer State's representative; a partner (OHCHR, GANHRI, an NHRI, …).
  'hub_secretariat', 'committee_member', 'coordinator', 'state_focal_point', 'state_deputy', 'observer_representative', 'partner',
] as const;
export type Role = (typeof ROLES)[number];
export const SCOPES = ['any', 'own_institution', 'own_organisation', 'self'] as const;
export type Scope = (typeof SCOPES)[number];

const staff = { secretariat: 'any', administrator: 'any' } as const;
/** Who acts for the Network as a whole: the hub secretariat and the Executive Committee. */
const networkOffice = { hub_secretariat: 'any', committee_member: 'any', coordinator: 'any' } as const;
/** Everyone who takes part in the Network's work with an account. */
const networkParticipants = { ...networkOffice, state_focal_point: 'any', state_deputy: 'any', observer_representative: 'any', partner: 'any' } as const;
const institutionRoles = { focal_point: 'own_institution', alternate_focal_point: 'own_institution', validator: 'own_institution' } as const;

export const PERMISSIONS = {
  'recommendation:read': { anonymous: 'any', authenticated: 'any' },
  'recommendation:import': { secretariat: 'any' },
  'open_data:read': { anonymous: 'any', authenticated: 'any' },
  'institution:read': { anonymous: 'any', authenticated: 'any' },
  'institution:create': { ...staff },
  'institution:update': { ...staff },
  'institution:merge': { administrator: 'any' },
  'membership:read': { ...staff, ...institutionRoles },
  'membership:manage': { ...staff },
  'user:read': { ...staff, authenticated: 'self' },
  'user:create': { ...staff },
  'user:list': { ...staff },
  'user:deactivate': { administrator: 'any' },
  'second_factor:reset': { administrator: 'any' },
  'staff_role:manage': { administrator: 'any' },
  'outbox:read': { administrator: 'any' },
  'backup:read': { administrator: 'any' },
  'workspace:overview': { ...staff },
  'assignment:read': { ...staff, ...institutionRoles },
  'assignment:manage': { ...staff },
  // Reading is open, then narrowed per report by the validation chain (shared/workflows/action-review.ts):
  // drafts stay with their authors, the public sees only what is published.
  'action:read': { anonymous: 'any', authenticated: 'any' },
  'action:create': { focal_point: 'own_institution', alternate_focal_point: 'own_institution' },
  'action:update': { focal_point: 'own_institution', alternate_focal_point: 'own_institution' },
  'action:submit': { focal_point: 'own_institution', alternate_focal_point: 'own_institution' },
  'action:validate': { validator: 'own_institution' },
  'action:publish': { secretariat: 'any' },
  'round:read': { ...staff, focal_point: 'any', alternate_focal_point: 'any', validator: 'any' },
  'round:manage': { secretariat: 'any' },
  'round:monitor': { ...staff },
  'round:reports_due': { ...staff, ...institutionRoles },
  'indicator:read': { anonymous: 'any', authenticated: 'any' },
  'indicator:manage': { ...staff, focal_point: 'own_institution', alternate_focal_point: 'own_institution' },
  // Implementation plans: the secretariat owns them; the government's people read them in the workspace (the
  // public sees adopted plans through public routes); proposals follow the validation chain of action reports.
  'plan:read': { ...staff, focal_point: 'any', alternate_focal_point: 'any', validator: 'any' },
  'plan:manage': { secretariat: 'any' },
  'plan:propose': { focal_point: 'own_institution', alternate_focal_point: 'own_institution' },
  'plan:review': { validator: 'own_institution' },
  'report:read': { ...staff },
  'report:manage': { secretariat: 'any' },
  'cluster:read': { ...staff },
  'cluster:manage': { secretariat: 'any' },
  'history:read': { ...staff, ...institutionRoles },
  'status:read': { anonymous: 'any', authenticated: 'any' },
  'status:assess': { secretariat: 'any' },
  'status_scale:manage': { administrator: 'any' },
  // The instance's public face (name, logo, colour, languages, licence) is public; changing it is the administrator's.
  'settings:read': { anonymous: 'any', authenticated: 'any' },
  'settings:manage': { administrator: 'any' },
  'vocabulary:manage': { administrator: 'any' },
  // A State's reporting calendar is public in the UN's own databases (treaty body and UPR calendars).
  'obligation:read': { anonymous: 'any', authenticated: 'any' },
  'obligation:manage': { secretariat: 'any' },
  // Participation: organisations register themselves (public routes); the secretariat verifies them and moderates.
  'organisation:read_own': { authenticated: 'any' },
  'organisation:manage': { secretariat: 'any' },
  // Reading is open, then narrowed per contribution: the public sees approved ones that are not hidden.
  'contribution:read': { anonymous: 'any', authenticated: 'any' },
  'contribution:create': { organisation_member: 'own_organisation' },
  'contribution:report': { anonymous: 'any', authenticated: 'any' },
  'contribution:moderate': { secretariat: 'any' },
  // Related recommendations: the public sees linked and confirmed links (recommendation:read); the scan's candidates are for staff.
  'related:candidates': { ...staff, focal_point: 'any', alternate_focal_point: 'any', validator: 'any' },
  'related:decide': { secretariat: 'any' },
  // Label suggestions are for staff until a person accepts one; the secretariat decides.
  'suggestion:read': { ...staff },
  'suggestion:decide': { secretariat: 'any' },
  // The International Network of NMIRFs (hub only). Its registry, Committee, meetings whose agenda was sent and
  // decision records are public (public routes); what follows is the rest.
  'network:join_request': { anonymous: 'any', authenticated: 'any' },
  'network:join_review': { ...networkOffice },
  'network:join_decide': { committee_member: 'any', coordinator: 'any' },
  'network:registry_manage': { hub_secretariat: 'any' },
  'network:participants_read': { ...networkParticipants },
  'network:committee_manage': { hub_secretariat: 'any' },
  'network:meeting_read': { ...networkParticipants },
  'network:meeting_manage': { ...networkOffice },
  'network:meeting_chair': { hub_secretariat: 'any', coordinator: 'any' },
  'network:minutes_manage': { hub_secretariat: 'any' },
  // Per record: only the focal point, or deputy, of a member State present at the meeting (checked by the use case).
  'network:vote': { state_focal_point: 'any', state_deputy: 'any' },
  // Federation (docs/decisions/0017-federation.md): the hub secretariat registers keys and harvests on demand; a
  // State's harvests, refusals included, are for the hub secretariat and, per record, the State's own focal point.
  'network:keys_manage': { hub_secretariat: 'any' },
  'network:harvest': { hub_secretariat: 'any' },
  'network:harvest_log': { hub_secretariat: 'any', state_focal_point: 'any' },
  // The knowledge hub (docs/decisions/0018-knowledge-hub.md): members' focal points and deputies contribute (partners
  // too, when the Network's setting allows it: checked by the use case); a contribution is its contributor's to edit
  // and submit until the hub secretariat publishes it; nothing unpublished is public.
  'network:hub_contribute': { state_focal_point: 'any', state_deputy: 'any', partner: 'any' },
  'network:hub_edit': { state_focal_point: 'self', state_deputy: 'self', partner: 'self' },
  'network:hub_submissions': { hub_secretariat: 'any', state_focal_point: 'any', state_deputy: 'any', partner: 'any' },
  'network:hub_moderate': { hub_secretariat: 'any' },
  'network:hub_settings': { hub_secretariat: 'any' },
  // Cooperation: a member posts a request or an offer for its State, another member responds; the hub secretariat
  // records agreements and closes what is done.
  'network:cooperation_post': { state_focal_point: 'any', state_deputy: 'any' },
  'network:cooperation_manage': { hub_secretariat: 'any' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof PERMISSIONS;
/** Every action of the table, in its order. */
export const ACTIONS = Object.keys(PERMISSIONS) as [Action, ...Action[]];
/** The actions a visitor may never perform: a route declaring one answers 401 without a session, before its handler runs. */
export type SignedInAction = { [A in Action]: 'anonymous' extends keyof (typeof PERMISSIONS)[A] ? never : A }[Action];

export const ACTION_DESCRIPTIONS: Record<Action, string> = {
  'recommendation:read': 'Search and read the recommendation catalogue',
  'open_data:read': 'Download the open datasets (everything published) and read their data dictionary and licence',
  'recommendation:import': 'Import a file of recommendations into the catalogue from the web app (the importer of npm run import)',
  'institution:read': 'List and read institutions',
  'institution:create': 'Create an institution',
  'institution:update': 'Edit an institution (name, branch, type, parent), retire it or bring it back',
  'institution:merge': 'Merge an institution into another: its assignments, members, reports, indicators and history move; it is retired',
  'membership:read': "See who holds which role in an institution",
  'membership:manage': 'Give or take an institution role (focal point, alternate, validator)',
  'user:read': 'Read a person\'s account',
  'user:create': 'Create an account (an invitation to set a password is emailed)',
  'user:list': 'List people with their roles and last sign-in, by name, role, institution or state',
  'user:deactivate': "Deactivate an account (its sessions end at once) or reactivate it; never the last active administrator",
  'second_factor:reset': "Turn off a person's second factor when they lost it (its recovery codes are voided and their sessions end); they set a new one up",
  'staff_role:manage': 'Give or take the secretariat or administrator role; never the last active administrator\'s',
  'outbox:read': 'Read the mail outbox (emails waiting or sent)',
  'workspace:overview': "See the workspace home's overview: counts of what waits (unassigned recommendations, reports to publish or returned, overdue round reports, contributions to moderate, obligations due)",
  'backup:read': 'See the scheduled backups: the latest that succeeded and, while they fail, why',
  'assignment:read': "See an institution's queue of assigned recommendations",
  'assignment:manage': 'Assign recommendations to institutions (lead or co-responsible), one by one or all that match a search; remove an assignment',
  'action:read': 'Read action reports: published ones for everyone, others only for the people in their validation chain',
  'action:create': 'Report an action against recommendations assigned to the institution (starts as a draft)',
  'action:update': "Edit a draft or returned action report, its evidence links and files",
  'action:submit': "Submit an action report to the institution's validator",
  'action:validate': 'Validate a submitted action report, or return it to its authors with comments',
  'action:publish': 'Publish a validated action report, or return it to the institution with comments',
  'round:read': 'List reporting rounds and read one (title, scope, dates, reminder schedule)',
  'round:manage': 'Open, change or close a reporting round',
  'round:monitor': "See a round's dashboard: every institution's progress",
  'round:reports_due': 'See what an institution owes in a round, recommendation by recommendation',
  'indicator:read': 'Read indicators, their baselines, targets and measurements',
  'indicator:manage': 'Define or change an indicator of the institution responsible for it, and record its measurements',
  'plan:read': 'Read implementation plans (drafts included), their objectives, activities, the proposals one may see, revisions, progress and coverage',
  'plan:manage': 'Create and change implementation plans, their objectives and activities (an adopted plan through recorded revisions), import and export them, accept or return proposed activities',
  'plan:propose': 'Propose a planned activity for the institution, edit it while it is with its authors and submit it to the validator',
  'plan:review': "Validate an activity proposed by the institution's focal points, or return it to them with comments",
  'report:read': 'Read State report drafts, their sections and versions',
  'report:manage': 'Compose a State report: create a draft, regenerate it, edit its sections',
  'cluster:read': "See the instance's clusters for reports, the recommendations in each and the clusters suggested for unclustered ones",
  'cluster:manage': 'Keep the clusters for reports (create, rename, order, delete) and put recommendations into them, one by one, a selection at a time or by accepting a suggestion',
  'history:read': "Read a record's change history (who, when, what, before and after): the institution's own records, or any for the secretariat",
  'status:read': 'Read the implementation status of a recommendation, its history and the scales',
  'status:assess': "Assess a recommendation's implementation status for the government (with a reason and date)",
  'status_scale:manage': "Configure an assessor's status scale (labels, order, new or retired steps)",
  'settings:read': "Read the instance's public settings: name, description, logo, colour, languages offered, terminology, open-data licence",
  'settings:manage': "Change the instance's settings: name, description, logo, primary colour, State followed, time zone, languages, terminology, open-data licence",
  'vocabulary:manage': 'Keep the themes and affected persons: add a term, change its names per language and the aliases the importer matches, retire it or bring it back',
  'obligation:read': "Read the State's reporting obligations (periodic reports, UPR, follow-up, regional requests), their calendar feed and the treaties it has ratified",
  'obligation:manage': 'Record, change or mark met a reporting obligation, flag recommendations for treaty-body follow-up, correct the State\'s ratifications, refresh the derived obligations',
  'organisation:read_own': 'See the participating organisations one writes for, their state, and their contributions with the moderators\' reasons',
  'organisation:manage': 'List registered organisations, verify them or reject them with a reason',
  'contribution:read': 'Read the approved comments and independent assessments of civil society, NHRIs and academia',
  'contribution:create': 'Comment on a recommendation or assess its implementation for a verified organisation (goes to moderation)',
  'contribution:report': 'Report an approved contribution as abusive',
  'contribution:moderate': 'Moderate contributions: approve, reject with a reason, restore content hidden by abuse reports',
  'related:candidates': "See the candidate and rejected links between recommendations (possible duplicates, recurrences and similar ones) besides the linked and confirmed ones everyone sees",
  'related:decide': 'Confirm or reject a link between two recommendations (duplicate, recurrence or similar)',
  'suggestion:read': "See the label suggestions (themes, affected persons, SDGs, UPR Info issues, institutions) with their confidence, band and reasons, the review queue and the models' measured quality",
  'suggestion:decide': 'Accept a suggested label (it becomes a label, or an assignment, with its provenance) or reject it (never suggested again), one by one or the high band of a selection',
  'network:join_request': "Ask for a State to join the International Network of NMIRFs as member or observer, with its formal communication (PDF)",
  'network:join_review': 'Read the join requests the Executive Committee receives, and their formal communications',
  'network:join_decide': 'Decide a join request for the Executive Committee: approve it (the registry changes, the focal point is invited), ask for more, or decline it with a reason',
  'network:registry_manage': "Keep the Network's registry: a member's NMIRF profile, a State's status (an observer that creates an NMIRF becomes a member)",
  'network:participants_read': "See who acts for each State of the Network (focal points, deputies, observers' representatives) and the status history",
  'network:committee_manage': 'Record an appointment of the Executive Committee and its Coordinator, made at a Network meeting (refused when it breaks a rule)',
  'network:meeting_read': 'Read the Network\'s meetings, including those whose agenda is not sent yet, their attendance and proposals',
  'network:meeting_manage': 'Plan a Network meeting, its agenda items and proposals; send the agenda; confirm or hold it; record attendance',
  'network:meeting_chair': 'Chair a proposal: record consensus or the objections to it, open the vote and close it (the outcome is computed by the rule); record the approval of the minutes, with their amendments',
  'network:minutes_manage': 'Draft the minutes of a meeting (each version kept), circulate them to the members present, publish the approved version',
  'network:vote': 'Cast or change the vote of the member State one is focal point or deputy of, while the vote is open',
  'network:keys_manage': "Register a State's new public key (a rotation: the old key keeps verifying what it signed before) and its instance's address",
  'network:harvest': "Harvest a State's instance now: fetch its signed package, verify it and apply it to the State's copy",
  'network:harvest_log': "Read a State's harvests with the reason of each refused package (the focal point: their own State's)",
  'network:hub_contribute': "Contribute a practice, lesson, event report, document or tool to the Network's knowledge hub, for one's State (a partner: when the Network allows partners to contribute); it waits for the hub secretariat's moderation",
  'network:hub_edit': 'Edit, attach files to and submit again one\'s own contribution to the knowledge hub, until it is published',
  'network:hub_submissions': "List the knowledge hub's contributions not yet published: the hub secretariat all of them, a contributor their own",
  'network:hub_moderate': "Moderate the knowledge hub: publish a submitted contribution, return it to its contributor with a reason, or reject it with a reason",
  'network:hub_settings': "Record the knowledge hub's settings the Network decided (whether partners may contribute)",
  'network:cooperation_post': "Post a request for cooperation or an offer for one's State, and respond to another member's",
  'network:cooperation_manage': 'Record the agreements reached on a request or offer of cooperation and their status; close a request or offer',
};

export function scopeOf(action: Action, role: Role): Scope | undefined {
  return (PERMISSIONS[action] as Partial<Record<Role, Scope>>)[role];
}

/** Whether the action is open to visitors without an account. */
export function isPublic(action: Action): boolean {
  return scopeOf(action, 'anonymous') !== undefined;
}
