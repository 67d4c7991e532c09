/**
 * The secretariat records an obligation (a regional body's request, say),
 * changes one, marks it met, or flags the recommendations a treaty body
 * selected for follow-up. One transaction with its audit row each; edits
 * carry the version they started from.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { followUpInputSchema, obligationInputSchema, obligationMetSchema, obligationPatchSchema } from '../../../../shared/obligations';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import { addYears } from '../../../platform/clock';
import * as repository from '../obligations.repository';
import { localized } from './refresh-obligations';

type Input = z.infer<typeof obligationInputSchema>;
type Patch = z.infer<typeof obligationPatchSchema>;
type Met = z.infer<typeof obligationMetSchema>;
type FollowUp = z.infer<typeof followUpInputSchema>;

async function mechanismId(tx: pg.PoolClient, kind: string, code: string | null | undefined): Promise<number | null> {
  if (!code) {
    if (kind !== 'other') throw badRequest('obligation_mechanism_required');
    return null;
  }
  const found = await repository.mechanismByCode(tx, code);
  if (!found) throw badRequest('obligation_unknown_mechanism', { code });
  return found.id;
}

async function instrumentCode(tx: pg.PoolClient, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  if (!(await repository.instrumentExists(tx, code))) throw badRequest('obligation_unknown_instrument', { code });
  return code;
}

const audit = (tx: pg.PoolClient, actor: Actor, action: string, id: number, before?: unknown, after?: unknown) =>
  writeAudit(tx, { actor, action, entity: 'reporting_obligation', entityId: id, before, after });

export async function createObligation(pool: pg.Pool, actor: Actor, input: Input) {
  authorize(actor, 'obligation:manage');
  return inTransaction(pool, async (tx) => {
    const created = await repository.insertObligation(tx, {
      kind: input.kind,
      mechanism_id: await mechanismId(tx, input.kind, input.mechanism),
      instrument_code: await instrumentCode(tx, input.instrument),
      title: input.title as Record<string, string>,
      due_on: input.due_on, due_on_source: 'manual', met_on: null, recommendation_ids: [], notes: input.notes ?? null,
      derived_key: null, basis_on: null,
    }, actor.userId);
    await audit(tx, actor, 'create', created.id, undefined, created);
    return created;
  });
}

async function lockedForEdit(tx: pg.PoolClient, id: number, version: number) {
  const before = await repository.findObligation(tx, id, true);
  if (!before) throw notFound();
  if (before.version !== version) throw staleVersion(before.version);
  return before;
}

/**
 * A due date the secretariat sends (changed, cleared or the same one: that
 * confirms an estimated date) is theirs from then on: a refresh no longer
 * moves it, and it can be late.
 */
export async function updateObligation(pool: pg.Pool, actor: Actor, id: number, patch: Patch) {
  authorize(actor, 'obligation:manage');
  return inTransaction(pool, async (tx) => {
    const before = await lockedForEdit(tx, id, patch.version);
    const dueSet = patch.due_on !== undefined;
    const after = await repository.updateObligation(tx, id, patch.version, {
      ...before,
      title: (patch.title as Record<string, string> | undefined) ?? before.title,
      mechanism_id: patch.mechanism !== undefined ? await mechanismId(tx, before.kind, patch.mechanism) : before.mechanism_id,
      instrument_code: patch.instrument !== undefined ? await instrumentCode(tx, patch.instrument) : before.instrument_code,
      due_on: patch.due_on !== undefined ? patch.due_on : before.due_on,
      due_on_source: dueSet ? 'manual' : before.due_on_source,
      notes: patch.notes !== undefined ? patch.notes : before.notes,
    });
    if (!after) throw staleVersion(before.version);
    await audit(tx, actor, 'update', id, before, after);
    return after;
  });
}

export async function markMet(pool: pg.Pool, actor: Actor, id: number, input: Met, today: string) {
  authorize(actor, 'obligation:manage');
  if (input.met_on && input.met_on > today) throw badRequest('obligation_met_in_future');
  return inTransaction(pool, async (tx) => {
    const before = await lockedForEdit(tx, id, input.version);
    if (!input.met_on && before.derived_key) {
      // Reopening a derived obligation whose successor the refresh already opened would make two open ones.
      await tx.query('delete from reporting_obligation where derived_key = $1 and met_on is null and id <> $2 and due_on_source = \'derived\'',
        [before.derived_key, id]);
    }
    const after = await repository.updateObligation(tx, id, input.version, { ...before, met_on: input.met_on });
    if (!after) throw staleVersion(before.version);
    await audit(tx, actor, input.met_on ? 'met' : 'reopen', id, before, after);
    return after;
  });
}

/**
 * A treaty body selects two to four recommendations of its concluding
 * observations on which the State must report within one or two years: one
 * `follow_up` obligation, due that long after the document's date.
 */
export async function flagFollowUp(pool: pg.Pool, actor: Actor, input: FollowUp) {
  authorize(actor, 'obligation:manage');
  const ids = [...new Set(input.recommendation_ids)];
  return inTransaction(pool, async (tx) => {
    const documents = await repository.recommendationDocuments(tx, ids);
    const unknown = ids.filter((id) => !documents.some((d) => d.id === id));
    if (unknown.length) throw badRequest('follow_up_unknown_recommendations', { ids: unknown.join(', ') });
    const first = documents[0];
    const sameDocument = documents.every((d) => d.mechanism_id === first.mechanism_id && d.document_symbol === first.document_symbol
      && d.document_date === first.document_date);
    if (first.family !== 'treaty_body' || !sameDocument) throw badRequest('follow_up_one_document');
    if (!first.document_date) throw badRequest('follow_up_undated_document');
    await tx.query('select pg_advisory_xact_lock($1)', [7_460_011]); // two flags of the same paragraphs take turns
    const flagged = await repository.followUpsNaming(tx, ids);
    if (flagged.length) throw badRequest('follow_up_already_flagged', { ids: flagged.join(', ') });
    const paragraphs = documents.map((d) => d.paragraph ?? `#${d.id}`).join(', ');
    const created = await repository.insertObligation(tx, {
      kind: 'follow_up', mechanism_id: first.mechanism_id, instrument_code: null,
      title: localized('obligation_title_follow_up', () => ({ document: first.document_symbol ?? `${first.mechanism_code} ${first.document_date}`, paragraphs })),
      due_on: addYears(first.document_date, input.years), due_on_source: 'derived', met_on: null,
      recommendation_ids: documents.map((d) => d.id), notes: input.notes ?? null, derived_key: null, basis_on: first.document_date,
    }, actor.userId);
    await audit(tx, actor, 'create', created.id, undefined, created);
    return created;
  });
}
