/** The accounts contract. */
import { z } from 'zod';
import { CONTENT_LANGUAGES } from './recommendations';

export const inviteUserSchema = z.object({
  email: z.email().max(254),
  display_name: z.string().trim().min(2).max(200),
  locale: z.enum(CONTENT_LANGUAGES).default('es'),
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  display_name: z.string(),
  locale: z.string(),
  active: z.boolean(),
  /** False until the person has set a password through the emailed link. */
  password_set: z.boolean(),
  memberships: z.array(z.object({ role: z.string(), institution_id: z.number().int().nullable() })),
});
