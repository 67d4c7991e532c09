/**
 * The instance's settings: what makes one installation the NMIRF of one State
 * (its name, logo, colour, languages, calendar, words and licence), stored in
 * the database and changed by an administrator without a restart.
 */
import { z } from 'zod';
import { INTERFACE_LANGUAGES, LOGO_LIMITS, LOGO_TYPES, TERMS } from './settings-rules';

export * from './settings-rules';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour written #rrggbb').transform((s) => s.toLowerCase());
const localized = (max: number) => z.partialRecord(z.enum(INTERFACE_LANGUAGES), z.string().trim().max(max));
/** A content language: an ISO 639-1 or 639-2 code (content may be written in languages the interface does not speak). */
const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as es');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const licenceSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(500),
});

/** A hub's address: http(s), without a query, fragment or trailing slash (one is removed). */
export const hubUrlSchema = z.url({ protocol: /^https?$/ }).max(500)
  .refine((url) => !/[?#]/.test(url), 'an address without ? or #')
  .transform((url) => url.replace(/\/+$/, ''));

/** What an administrator sets; `version` is the one the form was loaded with (a stale one is a 409). */
export const settingsInputSchema = z.object({
  version: z.number().int().min(0),
  name: localized(80),
  description: localized(300),
  primary_colour: hexColour,
  state_iso3: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code such as PRY'),
  time_zone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as America/Asuncion'),
  interface_languages: z.array(z.enum(INTERFACE_LANGUAGES)).min(1).max(INTERFACE_LANGUAGES.length)
    .refine((list) => new Set(list).size === list.length, 'each language once'),
  default_language: z.enum(INTERFACE_LANGUAGES),
  content_languages: z.array(languageCode).min(1).max(20)
    .refine((list) => new Set(list).size === list.length, 'each language once'),
  terminology: z.partialRecord(z.enum(INTERFACE_LANGUAGES), z.partialRecord(z.enum(TERMS), z.string().trim().min(1).max(60))),
  open_data_licence: licenceSchema,
  /** The secretariat and administrators must turn on a second factor (TOTP) before anything else. */
  second_factor_required: z.boolean(),
  /** The instance publishes its public data to the Network (its well-known document and signed package). */
  network_publish: z.boolean(),
  /** The Network hub the instance publishes for (null: none named). */
  network_hub_url: hubUrlSchema.nullable(),
});
export type SettingsInput = z.infer<typeof settingsInputSchema>;

const logoSchema = z.object({
  /** Where the logo is read (changes with each new logo, so it can be kept by browsers). */
  url: z.string(),
  media_type: z.enum(LOGO_TYPES),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
}).nullable();

/** What everyone may read: what the public pages and the open data show. */
export const publicSettingsSchema = z.object({
  version: z.number().int(),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  logo: logoSchema,
  primary_colour: z.string(),
  interface_languages: z.array(z.enum(INTERFACE_LANGUAGES)),
  default_language: z.enum(INTERFACE_LANGUAGES),
  content_languages: z.array(z.string()),
  terminology: z.record(z.string(), z.record(z.string(), z.string())),
  open_data_licence: z.object({ name: z.string(), url: z.string() }),
  instance_role: z.enum(['national', 'hub']).describe('`hub`: the hub of the International Network of NMIRFs (its pages are shown); `national`: a national instance.'),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

/** The whole settings, for the administrator. */
export const settingsSchema = publicSettingsSchema.extend({
  state_iso3: z.string(),
  time_zone: z.string(),
  second_factor_required: z.boolean(),
  network_publish: z.boolean(),
  network_hub_url: z.string().nullable(),
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A new logo: the file's bytes in base64, with the version the form was loaded with. */
export const logoInputSchema = z.object({
  version: z.number().int().min(0),
  /** base64 of the file; its type is read from the bytes, not declared. */
  data: z.string().min(1).max(Math.ceil((LOGO_LIMITS.bytes * 4) / 3) + 4),
});
export const logoRemovalSchema = z.object({ version: z.coerce.number().int().min(0) });
