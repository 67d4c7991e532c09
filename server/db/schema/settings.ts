/**
 * The instance's settings (shared/settings.ts): one row, absent until an
 * administrator first saves them (until then the environment's defaults hold:
 * STATE_ISO3, TIME_ZONE, OPEN_DATA_LICENCE, SECOND_FACTOR_REQUIRED, NETWORK_PUBLISH, NETWORK_HUB_URL). The logo lives in a row of its
 * own so that reading the settings on each request does not carry its bytes.
 */
import { boolean, customType, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from './reference';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const instanceSettings = pgTable('instance_settings', {
  singleton: boolean('singleton').primaryKey().default(true),
  /** Optimistic locking: each save adds one; a save based on another version is refused. */
  version: integer('version').notNull(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull(),
  primaryColour: text('primary_colour').notNull(),
  stateIso3: text('state_iso3').notNull(),
  timeZone: text('time_zone').notNull(),
  interfaceLanguages: jsonb('interface_languages').$type<string[]>().notNull(),
  defaultLanguage: text('default_language').notNull(),
  contentLanguages: jsonb('content_languages').$type<string[]>().notNull(),
  /** Per interface language, the words that replace the interface's own: `{ es: { focal_point: 'enlace' } }`. */
  terminology: jsonb('terminology').$type<Record<string, Record<string, string>>>().notNull(),
  openDataLicence: jsonb('open_data_licence').$type<{ name: string; url: string }>().notNull(),
  /**
   * The secretariat and administrators must use a second factor. Null in a row saved before this setting existed:
   * SECOND_FACTOR_REQUIRED still holds there until the next save writes a value.
   */
  secondFactorRequired: boolean('second_factor_required'),
  /**
   * The instance publishes its public data to the Network (docs/decisions/0017-federation.md). Null in a row saved
   * before this setting existed: NETWORK_PUBLISH and NETWORK_HUB_URL hold there (both) until the next save.
   */
  networkPublish: boolean('network_publish'),
  /** The hub the instance publishes for (null: none named); read only where `network_publish` is not null. */
  networkHubUrl: text('network_hub_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/** The logo, checked on its bytes (raster) or sanitised (SVG) before it is stored. */
export const instanceLogo = pgTable('instance_logo', {
  singleton: boolean('singleton').primaryKey().default(true),
  mediaType: text('media_type').notNull(),
  data: bytea('data').notNull(),
  width: integer('width'),
  height: integer('height'),
  /** First characters of the SHA-256 of `data`: part of the logo's address, so a new logo is a new address. */
  digest: text('digest').notNull(),
});
