/**
 * The hub's contract: what the Network's API takes and answers (zod: validated by the server,
 * documented in OpenAPI, typed for the web app).
 */
import { z } from 'zod';
import { editSchemaOf } from '../edits';
import { deliverableEmail } from '../users';
import { decisionRecordSchema } from './decision-record';
import { localeSchema } from '../i18n/schema';
import { NAME_LANGUAGES } from './names';

export const NETWORK_STATUSES = ['member', 'observer'] as const;
export const NMIRF_TYPES = ['ministerial', 'inter_ministerial', 'parliamentary', 'institutionally_separate'] as const;
export const JOIN_REQUEST_STATES = ['submitted', 'more_information_requested', 'approved', 'declined'] as const;
export const MEETING_STATUSES = ['planned', 'confirmed', 'held'] as const;
export const PROPOSAL_STATES = ['open', 'voting', 'decided'] as const;

/** A record's id or version as the database keeps it (a 4-byte integer): beyond, a 400, not a database error. */
const recordId = z.number().int().positive().max(2_147_483_647);
const version = recordId;
const isoDay = z.iso.date();
export const iso3 = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code');
const localizedName = z.partialRecord(z.enum(NAME_LANGUAGES), z.string().trim().min(1).max(300));
const shortText = z.string().trim().max(2000);

/** An NMIRF's profile, as a join request gives it and the hub secretariat keeps it. */
export const nmirfProfileSchema = z.object({
  nmirf_name: localizedName.describe('The NMIRF\'s name in its languages (es, en, fr, pt, ar, ru, zh).'),
  nmirf_type: z.enum(NMIRF_TYPES).nullable(),
  legal_basis: shortText,
  coordinating_ministries: z.array(z.string().trim().min(1).max(300)).max(30),
  website: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  tracking_system: z.string().trim().max(300).describe('The tracking system the NMIRF uses (SIMORE, IMPACT OSS, the OHCHR database, its own…).'),
});

/** An instance's address: http(s), no query or fragment, without a trailing slash. */
export const instanceUrlSchema = z.url({ protocol: /^https?$/ }).max(300)
  .refine((url) => !/[?#]/.test(url), 'an address without query or fragment').transform((url) => url.replace(/\/+$/, ''));
/** An Ed25519 public key as a JWK (the key id is computed by the hub: the thumbprint). */
export const publicKeySchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key'),
  kid: z.string().max(100).optional(),
});

export const joinRequestInputSchema = z.object({
  iso3,
  requested_status: z.enum(NETWORK_STATUSES),
  requester_name: z.string().trim().min(1).max(200),
  requester_email: deliverableEmail,
  requester_locale: localeSchema.default('en'),
  focal_point_name: z.string().trim().min(1).max(200),
  focal_point_email: deliverableEmail,
  declaration_adopted_on: isoDay,
  profile: nmirfProfileSchema.partial().default({}),
  /** Federation: where the State's instance publishes (its /.well-known/nmirf-network.json), registered on approval. */
  instance_url: instanceUrlSchema.optional(),
  /** Federation: the instance's public key (`npm run network:keygen` prints it), registered on approval. */
  public_key: publicKeySchema.optional(),
});

/** A rotation of a State's key (or a first registration), approved by the hub secretariat: the old key keeps verifying what it signed before. */
export const keyRegistrationSchema = z.object({
  public_key: publicKeySchema,
  instance_url: instanceUrlSchema.optional(),
});

export const joinDecisionSchema = z.object({
  version,
  decision: z.enum(['approve', 'ask_for_more', 'decline']),
  reason: z.string().trim().min(1).max(5000).optional().describe('Required to decline or to ask for more.'),
});

export const joinRequestSchema = z.object({
  id: z.number().int(),
  iso3: z.string(),
  state_name: z.string(),
  requested_status: z.enum(NETWORK_STATUSES),
  requester_name: z.string(),
  requester_email: z.string(),
  focal_point_name: z.string(),
  focal_point_email: z.string(),
  declaration_adopted_on: z.string(),
  profile: z.record(z.string(), z.unknown()),
  instance_url: z.string().nullable(),
  public_key: z.record(z.string(), z.unknown()).nullable(),
  communication: z.object({ file_name: z.string(), size_bytes: z.number().int(), sha256: z.string() }),
  state: z.enum(JOIN_REQUEST_STATES),
  decision_reason: z.string().nullable(),
  decided_at: z.string().nullable(),
  created_at: z.string(),
  version: z.number().int(),
});

export const networkStateSchema = z.object({
  iso3: z.string(),
  name: z.string(),
  un_regional_group: z.string().nullable(),
  status: z.enum(NETWORK_STATUSES),
  founding: z.boolean(),
  joined_on: z.string(),
  declaration_adopted_on: z.string().nullable(),
  nmirf_name: z.record(z.string(), z.string()),
  nmirf_type: z.enum(NMIRF_TYPES).nullable(),
  legal_basis: z.string(),
  coordinating_ministries: z.array(z.string()),
  website: z.string().nullable(),
  tracking_system: z.string(),
  version: z.number().int(),
});

export const statusChangeSchema = z.object({
  from_status: z.enum(NETWORK_STATUSES).nullable(), to_status: z.enum(NETWORK_STATUSES), changed_on: z.string(), reason: z.string(),
});

export const networkStateDetailSchema = networkStateSchema.extend({
  history: z.array(statusChangeSchema),
  /** Only for the Network's participants: who acts for the State. */
  representatives: z.array(z.object({ role: z.string(), display_name: z.string(), email: z.string() })).optional(),
});

export const profilePatchSchema = editSchemaOf(nmirfProfileSchema).extend({ version });
export const statusChangeInputSchema = z.object({
  version, status: z.enum(NETWORK_STATUSES), changed_on: isoDay, reason: z.string().trim().min(1).max(2000),
});

export const committeeTermInputSchema = z.object({
  meeting_id: recordId,
  proposal_id: recordId.nullable().default(null).describe('The decision of that meeting that appointed it.'),
  starts_on: isoDay,
  seats: z.array(iso3).min(1).max(20),
  coordinator: iso3,
});

export const committeeRuleInputSchema = z.object({
  version: z.number().int().min(0).describe('The version of the rule in force (0 while the default applies).'),
  min_seats: z.number().int().min(1).max(20),
  max_seats: z.number().int().min(1).max(20),
  max_seats_per_region: z.number().int().min(1).max(20),
  proposal_id: recordId.describe('The adopted proposal of a Network meeting that changed the rule.'),
}).refine((rule) => rule.max_seats >= rule.min_seats, { message: 'max_seats must be at least min_seats', path: ['max_seats'] });

export const committeeRuleSchema = z.object({
  min_seats: z.number().int(), max_seats: z.number().int(), max_seats_per_region: z.number().int(),
  proposal_id: z.number().int().nullable().describe('The decision that adopted it; null: the Declaration\'s default.'),
  version: z.number().int(),
});

export const committeeTermSchema = z.object({
  id: z.number().int(),
  meeting_id: z.number().int(),
  proposal_id: z.number().int().nullable(),
  starts_on: z.string(),
  ends_on: z.string(),
  seats: z.array(z.object({ iso3: z.string(), name: z.string(), un_regional_group: z.string().nullable() })),
  coordinator: z.string(),
  state: z.enum(['upcoming', 'active', 'expired']),
  successor_appointed: z.boolean(),
  warnings: z.array(z.number().int()),
});

export const meetingInputSchema = z.object({
  title: z.string().trim().min(1).max(500),
  meets_on: isoDay,
  place: z.string().trim().max(500).default(''),
  online_link: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
});
export const meetingPatchSchema = editSchemaOf(meetingInputSchema).extend({ version });
export const meetingStatusSchema = z.object({ version, status: z.enum(['confirmed', 'held']) });
export const agendaItemInputSchema = z.object({ title: z.string().trim().min(1).max(500), description: z.string().trim().max(5000).default('') });
export const attendanceInputSchema = z.object({
  version,
  present: z.array(z.object({ iso3, focal_point_present: z.boolean().default(true) })).max(200),
});
export const proposalInputSchema = z.object({ text: z.string().trim().min(1).max(20_000) });
export const consensusInputSchema = z.object({
  version,
  objections: z.array(iso3).max(200).describe('Members present who objected. None: adopted by consensus. Some: consensus failed, the vote opens.'),
});
export const voteInputSchema = z.object({
  vote: z.enum(['yes', 'no', 'abstain']),
  iso3: iso3.optional().describe('The State one votes for, when one is focal point or deputy of several.'),
});

export const proposalSchema = z.object({
  id: z.number().int(),
  agenda_item_id: z.number().int(),
  text: z.string(),
  state: z.enum(PROPOSAL_STATES),
  objections: z.array(z.string()),
  votes: z.array(z.object({ iso3: z.string(), vote: z.enum(['yes', 'no', 'abstain']), cast_by: z.enum(['focal_point', 'deputy']) })),
  outcome: z.enum(['adopted', 'not_adopted']).nullable(),
  sha256: z.string().nullable(),
  version: z.number().int(),
});

export const agendaDocumentSchema = z.object({
  id: z.number().int(), file_name: z.string(), media_type: z.string(), size_bytes: z.number().int(), sha256: z.string(),
});

export const meetingSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  meets_on: z.string(),
  place: z.string(),
  online_link: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  agenda_sent_on: z.string().nullable(),
  agenda_deadline: z.string().describe('The last day the agenda may be sent: one calendar month before the meeting.'),
  agenda_items: z.array(z.object({
    id: z.number().int(), position: z.number().int(), title: z.string(), description: z.string(),
    documents: z.array(agendaDocumentSchema).describe('Its documents: public once the agenda is sent, downloaded from /api/v1/network/agenda-documents/{id}.'),
    proposals: z.array(proposalSchema),
  })),
  attendance: z.array(z.object({ iso3: z.string(), status: z.enum(NETWORK_STATUSES), focal_point_present: z.boolean() })),
  minutes: z.object({ number: z.number().int(), text: z.string() }).nullable().describe('The published minutes (their latest published version), or null.'),
  version: z.number().int(),
});

export const meetingListSchema = z.object({
  items: z.array(meetingSchema.omit({ agenda_items: true, attendance: true, minutes: true })),
  years_without_meeting: z.array(z.number().int()).describe('Years (from the first meeting to next year) with no meeting held or planned.'),
});

export const agendaSentSchema = z.object({ agenda_sent_on: z.string(), recipients: z.number().int(), version: z.number().int() });

export { decisionRecordSchema };
export type JoinRequestInput = z.infer<typeof joinRequestInputSchema>;

export const MINUTES_STATES = ['draft', 'circulated', 'approved', 'published'] as const;
export const minutesDraftSchema = z.object({
  number: z.number().int().min(0).describe('The latest version one started from (0 for the first draft).'),
  text: z.string().trim().min(1).max(200_000),
});
export const minutesStepSchema = z.object({
  number: recordId.describe('The latest version, which the step applies to.'),
  amended_text: z.string().trim().min(1).max(200_000).optional().describe('Approval with amendments: the amended text (a new version).'),
  amendments: z.string().trim().max(5000).optional().describe('What the approval amended.'),
});
export const minutesVersionSchema = z.object({
  number: z.number().int(), text: z.string(), state: z.enum(MINUTES_STATES), amendments: z.string().nullable(), created_at: z.string(),
});
export const minutesListSchema = z.object({ versions: z.array(minutesVersionSchema) });
