/**
 * The `federation-publication` job (docs/decisions/0017-federation.md): while the instance's settings
 * say it publishes (`network_publish`), it records the signing key in use and publishes what changed
 * since the last version (publication.ts). The jobs runner runs it once per period across the
 * instance's app servers (decision 0009), so the public answers never compare or write anything.
 */
import type pg from 'pg';
import type { InstanceSettings } from '../settings/instance-settings';
import { instanceKey, recordKey } from './instance-key';
import { refreshPublication } from './publication';

export interface PublicationRun { publishing: boolean; version: number | null }

export async function runPublication(pool: pg.Pool, settings: InstanceSettings, keyFile: string | null, now: Date): Promise<PublicationRun> {
  const { row } = await settings.load();
  if (!row.network_publish) return { publishing: false, version: null };
  const key = await instanceKey(keyFile);
  if (key) await recordKey(pool, key, now);
  return { publishing: true, version: (await refreshPublication(pool)).version };
}
