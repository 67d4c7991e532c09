/** Path parameters shared by the API modules. */
import { z } from 'zod';
import { localeSchema } from '../../../shared/i18n/schema';

/** A serial (int4) record id in a path: a positive integer that fits the column. */
export const serialId = z.coerce.number().int().positive().max(2_147_483_647);

/** A bigserial record id in a path: a positive integer JavaScript holds exactly. */
export const bigId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `?locale=` for labels and messages, on routes that take no other query. */
export const localeQuery = z.object({ locale: localeSchema.optional() });
