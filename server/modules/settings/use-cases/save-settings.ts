/**
 * An administrator changes the instance's settings: checked whole (contrast of
 * the colour, the default language among those offered, a name in it, a known
 * State, a second factor required only by an administrator who has one,
 * publishing to the Network turned on only with a key file to sign with),
 * then saved with its audit row in one transaction, against the
 * version the form was loaded with.
 */
import fs from 'node:fs';
import type pg from 'pg';
import { MIN_CONTRAST, primaryContrast, type SettingsInput } from '../../../../shared/settings';
import { auditActorName, writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, staleVersion } from '../../../platform/http/errors';
import { countryName } from '../../obligations/obligations.repository';
import { defaultSettings, withDefaults, type SettingsDefaults } from '../instance-settings';
import * as repository from '../settings.repository';

/** Drops empty texts: a language left blank has no value rather than an empty one. */
function compact<T extends Record<string, string | undefined>>(texts: T): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

export async function saveSettings(pool: pg.Pool, actor: Actor, defaults: SettingsDefaults, input: SettingsInput) {
  authorize(actor, 'settings:manage');
  const contrast = primaryContrast(input.primary_colour);
  if (contrast < MIN_CONTRAST) {
    throw badRequest('colour_contrast', { colour: input.primary_colour, ratio: (Math.floor(contrast * 100) / 100).toFixed(2), min: MIN_CONTRAST });
  }
  if (!input.interface_languages.includes(input.default_language)) throw badRequest('default_language_not_offered');
  const name = compact(input.name);
  if (!name[input.default_language]) throw badRequest('settings_name_required');
  const terminology = Object.fromEntries(Object.entries(input.terminology)
    .map(([language, terms]) => [language, compact(terms ?? {})])
    .filter(([, terms]) => Object.keys(terms).length > 0));
  return inTransaction(pool, async (tx) => {
    if (!(await countryName(tx, input.state_iso3))) throw badRequest('state_unknown', { code: input.state_iso3 });
    const before = withDefaults(await repository.lockSettings(tx, defaultSettings(defaults)), defaults);
    if (before.version !== input.version) throw staleVersion(before.version);
    // Requiring a second factor would leave an administrator without one able to do nothing but set it up:
    // asked of them first, so that the change never locks out the person making it.
    if (input.second_factor_required && !(await hasSecondFactor(tx, actor))) throw badRequest('second_factor_required_own_first');
    // Publishing signs with the operator's key file: turned on only where there is one to sign with.
    if (input.network_publish && !before.network_publish && !hasKeyFile(defaults.network.keyFile)) throw badRequest('network_key_missing');
    const after = await repository.updateSettings(tx, {
      name,
      description: compact(input.description),
      primary_colour: input.primary_colour,
      state_iso3: input.state_iso3,
      time_zone: input.time_zone,
      interface_languages: input.interface_languages,
      default_language: input.default_language,
      content_languages: input.content_languages,
      terminology,
      open_data_licence: input.open_data_licence,
      second_factor_required: input.second_factor_required,
      network_publish: input.network_publish,
      network_hub_url: input.network_hub_url,
    }, auditActorName(actor));
    const { version: _b, updated_at: _bu, updated_by: _bb, ...beforeValues } = before;
    const { version: _a, updated_at: _au, updated_by: _ab, ...afterValues } = after;
    await writeAudit(tx, { actor, action: 'update', entity: 'instance_settings', entityId: 'instance', before: beforeValues, after: afterValues });
    return after;
  });
}

function hasKeyFile(file: string | null): boolean {
  if (!file) return false;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

async function hasSecondFactor(tx: pg.PoolClient, actor: Actor): Promise<boolean> {
  const { rows } = await tx.query('select totp_secret is not null as on from app_user where id = $1', [actor.userId]);
  return rows[0]?.on === true;
}
