/**
 * The timeliness of each State publishing to the Network, as the hub sees it (like the IATI
 * dashboard): its last successful harvest, the version held and its age, refused attempts.
 * The contract of `GET /api/v1/network/timeliness`, read by the hub's public page.
 */
import { z } from 'zod';

/** Why the hub refused a package (docs/decisions/0017-federation.md). */
export const HARVEST_REFUSALS = [
  'malformed', 'unknown_key', 'bad_signature', 'key_not_valid_then', 'wrong_state',
  'version_not_forward', 'resource_missing', 'resource_oversized', 'checksum_mismatch',
] as const;

export const timelinessSchema = z.object({
  items: z.array(z.object({
    iso3: z.string(),
    name: z.string(),
    version: z.number().int().nullable(),
    applied_at: z.string().nullable(),
    last_success: z.string().nullable(),
    age_seconds: z.number().int().nullable(),
    refused_attempts: z.number().int(),
    refused_since_success: z.number().int(),
    last_refusal: z.object({ reason: z.string().nullable(), at: z.string() }).nullable(),
  })),
});
export type Timeliness = z.infer<typeof timelinessSchema>;
