/**
 * The secretariat corrects where the State stands on a treaty (a new
 * ratification, say) or how often its body expects periodic reports. The
 * derived obligations follow in the same transaction.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { ratificationPatchSchema } from '../../../../shared/obligations';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../obligations.repository';
import { refreshDerivedObligations } from './refresh-obligations';

type Patch = z.infer<typeof ratificationPatchSchema>;

export async function updateRatification(pool: pg.Pool, actor: Actor, iso3: string, instrument: string, patch: Patch) {
  authorize(actor, 'obligation:manage');
  return inTransaction(pool, async (tx) => {
    await repository.ensureRatifications(tx, iso3);
    const before = await repository.findRatification(tx, iso3, instrument, true);
    if (!before) throw notFound();
    if (before.version !== patch.version) throw staleVersion(before.version);
    const status = patch.status ?? before.status;
    const year = patch.year !== undefined ? patch.year : status === before.status ? before.year : null;
    if (year !== null && status !== 'party') throw badRequest('ratification_year_party_only');
    if (patch.periodicity_years != null && before.parent_code) throw badRequest('ratification_periodicity_treaty_only');
    if (!(await repository.updateRatification(tx, iso3, instrument, patch.version, { status, year }, actor.userId))) throw staleVersion(before.version);
    if (patch.periodicity_years !== undefined) await repository.setPeriodicity(tx, instrument, patch.periodicity_years);
    const after = (await repository.findRatification(tx, iso3, instrument))!;
    await writeAudit(tx, {
      actor, action: 'update', entity: 'treaty_ratification', entityId: `${iso3}:${instrument}`, before, after,
    });
    await refreshDerivedObligations(tx, iso3, actor);
    return after;
  });
}
