/** SQL of the instance's settings and logo (one row each, absent until first saved). */
import type pg from 'pg';
import type { LocalizedText } from '../../db/schema/reference';
import { CONTENT_VERSIONS, type ContentVersions, versionsOf } from '../../platform/http/public-cache';
import { type Locale, localeOr } from '../../../shared/i18n/languages';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface SettingsRow {
  version: number;
  name: LocalizedText;
  description: LocalizedText;
  primary_colour: string;
  state_iso3: string;
  time_zone: string;
  interface_languages: string[];
  default_language: string;
  content_languages: string[];
  terminology: Record<string, Record<string, string>>;
  open_data_licence: { name: string; url: string };
  /** Null in a row saved before this setting existed: the environment's default (SECOND_FACTOR_REQUIRED) holds. */
  second_factor_required: boolean | null;
  /** Null in a row saved before this setting existed: NETWORK_PUBLISH and NETWORK_HUB_URL hold (both). */
  network_publish: boolean | null;
  network_hub_url: string | null;
  updated_at: Date | null;
  updated_by: string | null;
}

export interface LogoMeta { media_type: string; width: number | null; height: number | null; digest: string }

const COLUMNS = `version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language,
  content_languages, terminology, open_data_licence, second_factor_required, network_publish, network_hub_url, updated_at, updated_by`;

/**
 * The stored settings and the logo's description (nulls for what was never saved), with the versions of what
 * public answers show (their validators are made of them: platform/http/public-cache.ts), in one round trip.
 */
export async function readSettings(q: Queryable): Promise<{ settings: SettingsRow | null; logo: LogoMeta | null; versions: ContentVersions }> {
  const { rows } = await q.query(`select row_to_json(s) as settings, row_to_json(l) as logo, v.*
    from (${CONTENT_VERSIONS}) v
    left join (select ${COLUMNS} from instance_settings) s on true
    left join (select media_type, width, height, digest from instance_logo) l on true`);
  const settings = rows[0].settings as (Omit<SettingsRow, 'updated_at'> & { updated_at: string | null }) | null;
  return {
    settings: settings ? { ...settings, updated_at: settings.updated_at ? new Date(settings.updated_at) : null } : null,
    logo: rows[0].logo,
    versions: versionsOf(rows[0]),
  };
}

/** Locks the settings row for a save, creating it from `defaults` (version 0) when it was never saved. */
/** The language of a person created without one: the instance's default language, or the one fallback before any settings. */
export async function instanceDefaultLanguage(q: Queryable): Promise<Locale> {
  const { rows } = await q.query<{ default_language: string }>('select default_language from instance_settings');
  return localeOr(rows[0]?.default_language);
}

export async function lockSettings(tx: pg.PoolClient, defaults: SettingsRow): Promise<SettingsRow> {
  await tx.query(
    `insert into instance_settings (version, name, description, primary_colour, state_iso3, time_zone, interface_languages,
       default_language, content_languages, terminology, open_data_licence, second_factor_required, network_publish, network_hub_url, updated_by)
     values (0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'system') on conflict (singleton) do nothing`,
    [JSON.stringify(defaults.name), JSON.stringify(defaults.description), defaults.primary_colour, defaults.state_iso3, defaults.time_zone,
      JSON.stringify(defaults.interface_languages), defaults.default_language, JSON.stringify(defaults.content_languages),
      JSON.stringify(defaults.terminology), JSON.stringify(defaults.open_data_licence), defaults.second_factor_required,
      defaults.network_publish, defaults.network_hub_url],
  );
  const { rows } = await tx.query<SettingsRow>(`select ${COLUMNS} from instance_settings for update`);
  return rows[0];
}

export async function updateSettings(tx: pg.PoolClient, values: Omit<SettingsRow, 'version' | 'updated_at' | 'updated_by'>, actor: string): Promise<SettingsRow> {
  const { rows } = await tx.query<SettingsRow>(
    `update instance_settings set version = version + 1, name = $1, description = $2, primary_colour = $3, state_iso3 = $4,
       time_zone = $5, interface_languages = $6, default_language = $7, content_languages = $8, terminology = $9,
       open_data_licence = $10, second_factor_required = $12, network_publish = $13, network_hub_url = $14, updated_at = now(), updated_by = $11
     returning ${COLUMNS}`,
    [JSON.stringify(values.name), JSON.stringify(values.description), values.primary_colour, values.state_iso3, values.time_zone,
      JSON.stringify(values.interface_languages), values.default_language, JSON.stringify(values.content_languages),
      JSON.stringify(values.terminology), JSON.stringify(values.open_data_licence), actor, values.second_factor_required,
      values.network_publish, values.network_hub_url],
  );
  return rows[0];
}

/** A new version of the settings for a change of logo. */
export async function touchSettings(tx: pg.PoolClient, actor: string): Promise<number> {
  const { rows } = await tx.query('update instance_settings set version = version + 1, updated_at = now(), updated_by = $1 returning version', [actor]);
  return rows[0].version;
}

export async function readLogo(q: Queryable): Promise<(LogoMeta & { data: Buffer }) | null> {
  const { rows } = await q.query('select media_type, width, height, digest, data from instance_logo');
  return rows[0] ?? null;
}

export async function replaceLogo(tx: pg.PoolClient, logo: { mediaType: string; data: Buffer; width: number | null; height: number | null; digest: string }) {
  await tx.query(
    `insert into instance_logo (media_type, data, width, height, digest) values ($1, $2, $3, $4, $5)
     on conflict (singleton) do update set media_type = excluded.media_type, data = excluded.data, width = excluded.width,
       height = excluded.height, digest = excluded.digest`,
    [logo.mediaType, logo.data, logo.width, logo.height, logo.digest],
  );
}

export async function deleteLogo(tx: pg.PoolClient): Promise<LogoMeta | null> {
  const { rows } = await tx.query('delete from instance_logo returning media_type, width, height, digest');
  return rows[0] ?? null;
}
