/**
 * The participation contract: what the API takes and answers (zod: validated,
 * and documented in OpenAPI), shared by the server and the web app.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { deliverableEmail, PASSWORD_MAX_LENGTH } from './users';
import { localeSchema } from './i18n/schema';

export const ORGANISATION_KINDS = ['civil_society', 'nhri', 'academia'] as const;
export const ORGANISATION_STATES = ['email_pending', 'awaiting_verification', 'verified', 'rejected', 'suspended'] as const;
export const CONTRIBUTION_KINDS = ['comment', 'assessment'] as const;
export const CONTRIBUTION_STATES = ['pending', 'approved', 'rejected'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type OrganisationState = (typeof ORGANISATION_STATES)[number];
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const BODY_MAX = 5000;
export const REASON_MAX = LIMITS.moderation.reason;
export const MAX_EVIDENCE = 10;

const locale = localeSchema;
const version = z.number().int().positive();

export const registerOrganisationSchema = z.object({
  name: z.string().min(1).max(300),
  kind: z.enum(ORGANISATION_KINDS),
  website: z.string().max(2000).nullish(),
  description: z.string().max(BODY_MAX).nullish(),
  display_name: z.string().min(1).max(200).describe('The name of the person registering, who becomes its first member.'),
  email: deliverableEmail.describe("The person's address; also the organisation's contact address."),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
  locale: locale.optional().describe('Language of the emails the person receives.'),
});

export const confirmOrganisationSchema = z.object({ token: z.string().min(1).max(200) });
export const versionSchema = z.object({ version });
export const reasonSchema = z.object({ version, reason: z.string().min(1).max(REASON_MAX) });

export const contributionInputSchema = z.object({
  organisation_id: z.number().int().positive().optional().describe('Needed only by people who write for several organisations.'),
  kind: z.enum(CONTRIBUTION_KINDS),
  body: z.string().min(1).max(BODY_MAX).describe('Plain text. For an assessment: the reason for the status.'),
  status: z.string().min(1).max(40).optional().describe("An assessment's step on the organisation's scale (GET /api/v1/status-scales: nhri, or civil_society for civil society and academia)."),
  evidence: z.array(z.object({ title: z.string().min(1).max(300), url: z.string().min(1).max(2000) })).max(MAX_EVIDENCE).optional(),
});

export const abuseReportInputSchema = z.object({ reason: z.string().min(1).max(1000) });

const organisationRef = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) });
export const evidenceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['link', 'file']),
  title: z.string(),
  url: z.string().nullable().describe('For a link: the address (http or https). For a file: where to download it.'),
  file_name: z.string().nullable(),
  media_type: z.string().nullable(),
});

export const publicContributionSchema = z.object({
  id: z.number().int(),
  recommendation_id: z.number().int(),
  kind: z.enum(CONTRIBUTION_KINDS),
  organisation: organisationRef,
  body: z.string(),
  assessment: z.object({ assessor_kind: z.enum(['nhri', 'civil_society']), status: z.object({ key: z.string(), label: z.string() }) }).nullable(),
  evidence: z.array(evidenceSchema),
  published_at: z.string().nullable(),
});
export const publicContributionsSchema = z.object({ items: z.array(publicContributionSchema) });

export const moderationItemSchema = publicContributionSchema.extend({
  state: z.enum(CONTRIBUTION_STATES),
  hidden: z.boolean(),
  version: z.number().int(),
  rejection_reason: z.string().nullable(),
  recommendation_symbol: z.string().nullable(),
  author: z.object({ display_name: z.string(), email: z.string() }).nullable(),
  reports: z.array(z.object({ reason: z.string(), created_at: z.string() })),
  created_at: z.string(),
});
export const moderationQueueSchema = z.object({ items: z.array(moderationItemSchema) });

export const organisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  contact_email: z.string(),
  website: z.string().nullable(),
  description: z.string(),
  state: z.enum(ORGANISATION_STATES),
  state_reason: z.string().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  members: z.array(z.object({ display_name: z.string(), email: z.string() })),
});
export const organisationsSchema = z.object({ items: z.array(organisationSchema) });

export const ownContributionSchema = moderationItemSchema.omit({ author: true, reports: true });
export const myOrganisationsSchema = z.object({
  items: z.array(organisationSchema.omit({ members: true }).extend({ contributions: z.array(ownContributionSchema) })),
});

export const acceptedSchema = z.object({ status: z.literal('accepted') });

export type Registration = z.input<typeof registerOrganisationSchema>;
export type ContributionInput = z.input<typeof contributionInputSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type PublicContribution = z.infer<typeof publicContributionSchema>;
export type OwnContribution = z.infer<typeof ownContributionSchema>;
export type ModerationItem = z.infer<typeof moderationItemSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type MyOrganisation = z.infer<typeof myOrganisationsSchema>['items'][number];
