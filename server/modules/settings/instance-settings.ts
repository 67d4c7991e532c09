/**
 * The settings in effect: the stored row, or the environment's defaults
 * (STATE_ISO3, TIME_ZONE, OPEN_DATA_LICENCE, SECOND_FACTOR_REQUIRED, NETWORK_PUBLISH, NETWORK_HUB_URL)
 * until an administrator first saves them.
 *
 * Several app servers share one database, so nothing is kept between
 * requests: each API request reads the row (one primary-key read, without the
 * logo's bytes) before its handler runs, and a change saved through one
 * server is in effect on every server at their next request. What runs outside
 * a request (scheduled jobs, mail delivery) reads it when it runs.
 */
import type pg from 'pg';
import type { ContentVersions } from '../../platform/http/public-cache';
import type { Config } from '../../platform/config';
import type { PublicSettings, Settings } from '../../../shared/settings';
import { INTERFACE_LANGUAGES } from '../../../shared/settings';
import * as repository from './settings.repository';

export type SettingsDefaults = Pick<Config, 'stateIso3' | 'timeZone' | 'openDataLicence' | 'secondFactorRequired'> & {
  /** NETWORK_PUBLISH and NETWORK_HUB_URL are defaults; the key file is the operator's alone (a publication needs it). */
  network: Pick<Config['network'], 'publish' | 'hubUrl' | 'keyFile'>;
};

export const DEFAULT_NAME = 'Open NMIRF';
export const DEFAULT_COLOUR = '#1a4f8b';

export function defaultSettings(config: SettingsDefaults): repository.SettingsRow {
  return {
    version: 0,
    name: { en: DEFAULT_NAME },
    description: {},
    primary_colour: DEFAULT_COLOUR,
    state_iso3: config.stateIso3,
    time_zone: config.timeZone,
    interface_languages: [...INTERFACE_LANGUAGES],
    default_language: 'en',
    content_languages: [...INTERFACE_LANGUAGES],
    terminology: {},
    open_data_licence: config.openDataLicence,
    second_factor_required: config.secondFactorRequired,
    network_publish: config.network.publish,
    network_hub_url: config.network.hubUrl,
    updated_at: null,
    updated_by: null,
  };
}

/** A stored row with what it leaves unsaved (a setting added after it was saved) taken from the environment. */
export function withDefaults(row: repository.SettingsRow, config: SettingsDefaults): repository.SettingsRow {
  const network = row.network_publish === null
    ? { network_publish: config.network.publish, network_hub_url: config.network.hubUrl } // both saved together, or neither
    : {};
  return { ...row, second_factor_required: row.second_factor_required ?? config.secondFactorRequired, ...network };
}

export interface EffectiveSettings {
  row: repository.SettingsRow;
  logo: repository.LogoMeta | null;
  /** The versions of what public answers show, read with the settings (null: not read yet). */
  versions: ContentVersions | null;
}

export class InstanceSettings {
  /** The settings read last in this process: what code without a request of its own (today()) goes by. */
  private last: EffectiveSettings;

  constructor(private readonly pool: pg.Pool, readonly defaults: SettingsDefaults) {
    this.last = { row: defaultSettings(defaults), logo: null, versions: null };
  }

  /** Reads the settings in effect now (and remembers them as the latest). */
  async load(q: Pick<pg.Pool | pg.PoolClient, 'query'> = this.pool): Promise<EffectiveSettings> {
    const { settings, logo, versions } = await repository.readSettings(q);
    const current = { row: settings ? withDefaults(settings, this.defaults) : defaultSettings(this.defaults), logo, versions };
    this.last = current;
    return current;
  }

  async logo(q: Pick<pg.Pool | pg.PoolClient, 'query'> = this.pool) {
    return repository.readLogo(q);
  }

  /** The latest settings read; `load` runs before every API request. */
  get latest(): EffectiveSettings {
    return this.last;
  }
}

export function presentPublic({ row, logo }: EffectiveSettings, instanceRole: PublicSettings['instance_role']): PublicSettings {
  return {
    version: row.version,
    name: row.name,
    description: row.description,
    logo: logo ? { url: `/api/v1/settings/logo?v=${logo.digest}`, media_type: logo.media_type as never, width: logo.width, height: logo.height } : null,
    primary_colour: row.primary_colour,
    interface_languages: row.interface_languages as PublicSettings['interface_languages'],
    default_language: row.default_language as PublicSettings['default_language'],
    content_languages: row.content_languages,
    terminology: row.terminology,
    open_data_licence: row.open_data_licence,
    instance_role: instanceRole,
  };
}

export function presentSettings(settings: EffectiveSettings, instanceRole: PublicSettings['instance_role']): Settings {
  const { row } = settings;
  return {
    ...presentPublic(settings, instanceRole),
    state_iso3: row.state_iso3,
    time_zone: row.time_zone,
    second_factor_required: row.second_factor_required ?? false,
    network_publish: row.network_publish ?? false,
    network_hub_url: row.network_hub_url,
    updated_at: row.updated_at ? row.updated_at.toISOString() : null,
    updated_by: row.updated_by,
  };
}

/** The instance's name in a language, falling back to the default language, then any. */
export function instanceName(row: repository.SettingsRow, locale?: string): string {
  return (locale && row.name[locale]) || row.name[row.default_language] || row.name.en || Object.values(row.name)[0] || DEFAULT_NAME;
}
