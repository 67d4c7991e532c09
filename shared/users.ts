/** The accounts contract. */
import { z } from 'zod';
import { ACTIONS, SCOPES } from './permissions';
import { CONTENT_LANGUAGES } from './recommendations';
import { MEMBERSHIP_ROLES } from './vocabularies';

/**
 * An address that could receive mail: name@domain, nothing more demanding (any
 * account's address passes, whichever way it was created), so a typo such as a
 * missing @ is told at once instead of silently sending nothing.
 */
export const deliverableEmail = z.string().trim().min(1).max(320).pipe(z.email({ pattern: z.regexes.unicodeEmail }));

/** The longest password accepted (characters); the shortest is the server's rule. */
export const PASSWORD_MAX_LENGTH = 256;

/** The roles a membership gives (the database holds the same list as a check). */
export { MEMBERSHIP_ROLES };
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * One thing the signed-in person may do, worked out on the server from shared/permissions.ts and their roles:
 * everywhere (`any`), in the listed institutions or organisations, or on their own account (`self`).
 * A permission may appear more than once (with different scopes); one that is absent is refused.
 */
export const capabilitySchema = z.object({
  permission: z.enum(ACTIONS),
  scope: z.enum(SCOPES),
  institution_ids: z.array(z.number().int()).optional().describe('With `own_institution`: the institutions where it holds.'),
  organisation_ids: z.array(z.number().int()).optional().describe('With `own_organisation`: the organisations where it holds.'),
});
export type Capability = z.infer<typeof capabilitySchema>;

/** The signed-in person (GET /api/v1/auth/me, and the answer of signing in). */
export const sessionUserSchema = z.object({
  user: z.object({
    id: z.number().int(),
    email: z.string(),
    display_name: z.string(),
    locale: z.string(),
    memberships: z.array(z.object({ role: z.enum(MEMBERSHIP_ROLES), institution_id: z.number().int().nullable() })),
  }),
  second_factor: z.object({
    enabled: z.boolean(),
    setup_required: z.boolean().describe('The instance requires a second factor of this person and they have none: every other request answers 403 until it is set up.'),
  }),
  csrf_token: z.string().describe('Send it back in the `x-csrf-token` header of every request that changes something.'),
  capabilities: z.array(capabilitySchema).describe('What the person may do, from their roles: the web app shows what this allows and nothing else. Each record still decides for itself; what depends on the record comes with the record.'),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const inviteUserSchema = z.object({
  email: z.email().max(254),
  display_name: z.string().trim().min(2).max(200),
  locale: z.enum(CONTENT_LANGUAGES).optional().describe('The language of the emails and pages the person gets; without one, the instance\'s default language.'),
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  display_name: z.string(),
  locale: z.string(),
  active: z.boolean(),
  /** False until the person has set a password through the emailed link. */
  password_set: z.boolean(),
  /** The person has turned on a second factor (TOTP). */
  second_factor: z.boolean(),
  memberships: z.array(z.object({ role: z.string(), institution_id: z.number().int().nullable() })),
  /** When the person last signed in (any method); null if never. */
  last_sign_in_at: z.string().nullable(),
  /** Sent back with a change to the account (its state or its roles): a stale one gets 409. */
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

/** The filters of the list of people. */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('Part of the name or the email address'),
  role: z.enum(MEMBERSHIP_ROLES).optional(),
  institution_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(50),
  locale: z.enum(CONTENT_LANGUAGES).optional(),
});

export const userListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(userSchema),
});

/** Turn an account off (its sessions end at once) or on again. */
export const userActivePatchSchema = z.object({ active: z.boolean(), version: z.number().int().positive() });

/** One role a person holds: institution roles carry the institution; secretariat and administrator do not. */
export const roleAssignmentSchema = z.object({
  role: z.enum(MEMBERSHIP_ROLES),
  institution_id: z.number().int().positive().max(2_147_483_647).nullable(),
}).refine((r) => (r.role === 'secretariat' || r.role === 'administrator') === (r.institution_id === null), {
  message: 'institution roles need an institution; secretariat and administrator have none',
});

/** Every role the person is to hold (the ones left out are taken away), with the account's version. */
export const userRolesInputSchema = z.object({
  roles: z.array(roleAssignmentSchema).max(200),
  version: z.number().int().positive(),
});

/** An administrator turns off a person's second factor (lost phone): the account's version it was read at. */
export const secondFactorResetSchema = z.object({ version: z.number().int().min(1) });
