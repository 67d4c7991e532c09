/** Path parameters shared by the API modules. */
import { z } from 'zod';

/** A serial (int4) record id in a path: a positive integer that fits the column. */
export const serialId = z.coerce.number().int().positive().max(2_147_483_647);
