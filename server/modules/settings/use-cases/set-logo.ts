/**
 * An administrator sets or removes the instance's logo. The file is checked on
 * its bytes (raster) or sanitised (SVG) before anything is written; the change
 * makes a new version of the settings and an audit row (with the logo's type,
 * size and digest, not its bytes).
 */
import type pg from 'pg';
import { auditActorName, writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, staleVersion } from '../../../platform/http/errors';
import { defaultSettings, type SettingsDefaults } from '../instance-settings';
import { checkLogo } from '../logo';
import * as repository from '../settings.repository';

export async function setLogo(pool: pg.Pool, actor: Actor, defaults: SettingsDefaults, input: { version: number; data: string }) {
  authorize(actor, 'settings:manage');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data)) throw badRequest('logo_not_image');
  const logo = checkLogo(Buffer.from(input.data, 'base64'));
  return inTransaction(pool, async (tx) => {
    const before = await repository.lockSettings(tx, defaultSettings(defaults));
    if (before.version !== input.version) throw staleVersion(before.version);
    const previous = (await repository.readLogo(tx));
    await repository.replaceLogo(tx, logo);
    const version = await repository.touchSettings(tx, auditActorName(actor));
    await writeAudit(tx, {
      actor, action: 'set_logo', entity: 'instance_settings', entityId: 'instance',
      before: previous ? { media_type: previous.media_type, digest: previous.digest, bytes: previous.data.length } : null,
      after: { media_type: logo.mediaType, digest: logo.digest, bytes: logo.data.length, width: logo.width, height: logo.height },
    });
    return version;
  });
}

export async function removeLogo(pool: pg.Pool, actor: Actor, defaults: SettingsDefaults, version: number) {
  authorize(actor, 'settings:manage');
  return inTransaction(pool, async (tx) => {
    const before = await repository.lockSettings(tx, defaultSettings(defaults));
    if (before.version !== version) throw staleVersion(before.version);
    const removed = await repository.deleteLogo(tx);
    const next = await repository.touchSettings(tx, auditActorName(actor));
    await writeAudit(tx, { actor, action: 'remove_logo', entity: 'instance_settings', entityId: 'instance', before: removed, after: null });
    return next;
  });
}
