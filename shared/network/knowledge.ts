/**
 * The Network's knowledge hub (HRC resolution 51/33) and its cooperation board: what the API takes
 * and answers (zod: validated by the server, documented in OpenAPI, typed for the web app).
 *
 * A resource (a practice, a lesson, an event report, a document or a tool) is contributed by a
 * member's focal point or deputy (a partner's too when the Network allows it), and the hub
 * secretariat moderates it before anyone else sees it: submitted → published, returned (with a
 * reason: the contributor edits and submits again) or rejected (with a reason).
 */
import { z } from 'zod';
import { editSchemaOf } from '../edits';
import { locales } from '../i18n/languages';
import { LIMITS } from '../limits';
import { NMIRF_TYPES } from './api';

export const RESOURCE_KINDS = ['practice', 'lesson', 'event_report', 'document', 'tool'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_STATES = ['draft', 'submitted', 'published', 'returned', 'rejected'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];
/** The languages a resource is written in: the interface's, each read by the search with its own stemming (nmirf_search_config). */
export const RESOURCE_LANGUAGES = locales;
/** The UN regional groups, as the reference data of countries names them. */
export const UN_REGIONAL_GROUPS = [
  'African Group', 'Asia and the Pacific Group', 'Eastern European Group', 'Latin American and Caribbean Group', 'Western European and Others Group',
] as const;
/** The facets of the hub's search, in the order pages show them. */
export const RESOURCE_FACETS = ['kind', 'language', 'theme', 'mechanism', 'sdg', 'region', 'nmirf_type'] as const;
export type ResourceFacet = (typeof RESOURCE_FACETS)[number];

export const COOPERATION_KINDS = ['request', 'offer'] as const;
export const COOPERATION_HELP = ['software', 'training', 'exchange_of_experience', 'other'] as const;
export const COOPERATION_STATUSES = ['open', 'closed'] as const;
export const AGREEMENT_STATUSES = ['agreed', 'in_progress', 'completed', 'cancelled'] as const;
/** What the person asking may do with a request or offer: another member's focal point or deputy responds to an open one; the hub secretariat records agreements, closes and opens again. */
export const COOPERATION_ACTIONS = ['respond', 'record_agreement', 'close', 'reopen'] as const;

const recordId = z.number().int().positive().max(2_147_483_647);
const version = recordId;
const key = z.string().trim().min(1).max(100);
const H = LIMITS.hub;

export const resourceInputSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  language: z.enum(RESOURCE_LANGUAGES).describe('The language the resource is written in: its words are searched with that language\'s stemming.'),
  title: z.string().trim().min(H.title.min).max(H.title.max),
  summary: z.string().trim().min(1).max(H.summary),
  body: z.string().trim().max(H.body).default(''),
  themes: z.array(key).max(H.tags).default([]).describe('Theme keys of the reference vocabulary (`theme`).'),
  mechanisms: z.array(key).max(H.tags).default([]).describe('Mechanism codes of the reference data (`UPR`, `CRC`, …).'),
  sdgs: z.array(z.number().int().min(1).max(17)).max(17).default([]),
  regions: z.array(z.enum(UN_REGIONAL_GROUPS)).max(5).default([]),
  nmirf_types: z.array(z.enum(NMIRF_TYPES)).max(4).default([]),
  link: z.url({ protocol: /^https?$/ }).max(H.link).nullable().default(null),
  /** Keep it as a draft instead of submitting it to the hub secretariat now. */
  draft: z.boolean().default(false),
});
export type ResourceInput = z.infer<typeof resourceInputSchema>;

export const resourcePatchSchema = editSchemaOf(resourceInputSchema.omit({ draft: true })).extend({ version });
export const resourceSubmitSchema = z.object({ version });
export const moderationSchema = z.object({
  version,
  decision: z.enum(['publish', 'return', 'reject']),
  reason: z.string().trim().min(1).max(H.reason).optional().describe('Required to return or to reject: the contributor reads it.'),
});

export const resourceFileSchema = z.object({ id: z.number().int(), file_name: z.string(), media_type: z.string(), size_bytes: z.number().int(), sha256: z.string() });

export const resourceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(RESOURCE_KINDS),
  language: z.enum(RESOURCE_LANGUAGES),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  themes: z.array(z.string()),
  mechanisms: z.array(z.string()),
  sdgs: z.array(z.number().int()),
  regions: z.array(z.string()),
  nmirf_types: z.array(z.string()),
  link: z.string().nullable(),
  /** The State the contribution comes from (null: a partner's). */
  contributor_iso3: z.string().nullable(),
  contributor_name: z.string().describe('The State\'s name, or "partner".'),
  state: z.enum(RESOURCE_STATES),
  moderation_reason: z.string().nullable(),
  published_at: z.string().nullable(),
  updated_at: z.string(),
  files: z.array(resourceFileSchema),
  version: z.number().int(),
});
export type Resource = z.infer<typeof resourceSchema>;

/** What the person asking may do with a contribution not yet published (the hub secretariat's queue, a contributor's own). */
export const RESOURCE_ACTIONS = ['edit', 'submit', 'moderate'] as const;
export const submissionSchema = resourceSchema.extend({
  available_actions: z.array(z.enum(RESOURCE_ACTIONS)).describe('`edit`: its contributor, until it is published; `submit`: a draft or a returned one, by its contributor; `moderate`: a submitted one, by the hub secretariat.'),
});

/** The themes and mechanisms a contribution may be tagged with, named in the asked language (the reference data). */
export const hubTagsSchema = z.object({
  themes: z.array(z.object({ key: z.string(), label: z.string() })),
  mechanisms: z.array(z.object({ key: z.string(), label: z.string() })),
});

export const resourceSearchSchema = z.object({
  q: z.string().trim().max(500).optional().describe('Words, "phrases", `or`, `-exclusion` (the catalogue\'s search syntax), read in every language the hub holds unless `lang` narrows it.'),
  lang: z.enum(RESOURCE_LANGUAGES).optional().describe('Only resources written in this language (and the words read with its stemming only).'),
  kind: z.enum(RESOURCE_KINDS).optional(),
  theme: key.optional(),
  mechanism: key.optional(),
  sdg: z.coerce.number().int().min(1).max(17).optional(),
  region: z.enum(UN_REGIONAL_GROUPS).optional(),
  nmirf_type: z.enum(NMIRF_TYPES).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});
export type ResourceSearch = z.infer<typeof resourceSearchSchema>;

export const resourceSearchResultSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  items: z.array(resourceSchema.omit({ body: true, files: true })),
  facets: z.record(z.enum(RESOURCE_FACETS), z.array(z.object({ key: z.string(), count: z.number().int() }))),
});

/** One published resource as OHCHR's hub takes it in (the JSON feed; the CSV has the same columns). */
export const feedItemSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  language: z.enum(RESOURCE_LANGUAGES),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  themes: z.array(z.string()),
  mechanisms: z.array(z.string()),
  sdgs: z.array(z.number().int()),
  regions: z.array(z.string()),
  nmirf_types: z.array(z.string()),
  link: z.string().nullable(),
  contributor_iso3: z.string().nullable(),
  files: z.array(z.object({ url: z.string(), file_name: z.string(), media_type: z.string(), size_bytes: z.number().int(), sha256: z.string() })),
  published_at: z.string(),
  updated_at: z.string(),
});
export const FEED_COLUMNS = [
  'id', 'url', 'kind', 'language', 'title', 'summary', 'themes', 'mechanisms', 'sdgs', 'regions', 'nmirf_types', 'link', 'contributor_iso3', 'files', 'published_at', 'updated_at',
] as const;

export const hubSettingsSchema = z.object({
  partners_may_contribute: z.boolean(),
  /** The Network's decision that set it (a proposal), when one did. */
  proposal_id: z.number().int().nullable(),
  version: z.number().int(),
});
export const hubSettingsInputSchema = z.object({
  partners_may_contribute: z.boolean(),
  proposal_id: recordId.nullable().describe('The adopted proposal that decided it, or null.'),
  version: z.number().int().min(0).describe('0 before the first save.'),
});

// Cooperation

export const cooperationInputSchema = z.object({
  kind: z.enum(COOPERATION_KINDS),
  topic: z.string().trim().min(H.topic.min).max(H.topic.max),
  description: z.string().trim().min(1).max(H.description),
  help: z.array(z.enum(COOPERATION_HELP)).min(1).max(4).describe('What help is asked or offered: software, training, exchange of experience.'),
  language: z.enum(RESOURCE_LANGUAGES),
});
export const cooperationResponseInputSchema = z.object({ message: z.string().trim().min(1).max(H.response) });
export const cooperationStatusSchema = z.object({ version, status: z.enum(COOPERATION_STATUSES) });
export const agreementInputSchema = z.object({
  parties: z.array(z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/)).min(2).max(H.parties).describe('The States that agreed (ISO 3166 alpha-3), the poster among them.'),
  description: z.string().trim().min(1).max(H.agreement),
  status: z.enum(AGREEMENT_STATUSES).default('agreed'),
});
export const agreementPatchSchema = z.object({ version, status: z.enum(AGREEMENT_STATUSES).optional(), description: z.string().trim().min(1).max(H.agreement).optional() });

export const agreementSchema = z.object({
  id: z.number().int(), parties: z.array(z.string()), description: z.string(), status: z.enum(AGREEMENT_STATUSES), recorded_at: z.string(), version: z.number().int(),
});
export const cooperationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(COOPERATION_KINDS),
  iso3: z.string(),
  state_name: z.string(),
  topic: z.string(),
  description: z.string(),
  help: z.array(z.enum(COOPERATION_HELP)),
  language: z.enum(RESOURCE_LANGUAGES),
  status: z.enum(COOPERATION_STATUSES),
  responses_count: z.number().int(),
  agreements: z.array(agreementSchema),
  created_at: z.string(),
  version: z.number().int(),
  available_actions: z.array(z.enum(COOPERATION_ACTIONS)).describe('What the person asking may do with it (none for a visitor).'),
});
export const cooperationDetailSchema = cooperationSchema.extend({
  /** Only for the Network's participants. */
  responses: z.array(z.object({ id: z.number().int(), iso3: z.string(), state_name: z.string(), message: z.string(), created_at: z.string() })).optional(),
});
