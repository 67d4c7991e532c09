/**
 * An administrator keeps the themes and affected persons: creates a term,
 * renames it or changes its aliases (against its version), retires it or
 * brings it back. The term's names are aliases too, so the importer matches a
 * source that writes them; an alias belongs to one term only. Each change is
 * audited in its transaction.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { normaliseLabel } from '../../../../shared/labels';
import type { EditableVocabulary, termCreateSchema, termUpdateSchema } from '../../../../shared/taxonomies';
import { auditActorName, writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../taxonomies.repository';

function namesOf(label: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(label).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

function aliasSet(label: Record<string, string>, aliases: string[]): string[] {
  return [...new Set([...Object.values(label), ...aliases].map(normaliseLabel).filter(Boolean))].sort();
}

async function checkAliases(tx: pg.PoolClient, vocabulary: string, aliases: string[], termId: number | null) {
  const taken = await repository.aliasesOfOthers(tx, vocabulary, aliases, termId);
  if (taken.length) throw badRequest('alias_taken', { aliases: taken.join(', ') });
}

export async function createTerm(pool: pg.Pool, actor: Actor, vocabulary: EditableVocabulary, input: z.infer<typeof termCreateSchema>) {
  authorize(actor, 'vocabulary:manage');
  const label = namesOf(input.label);
  const aliases = aliasSet(label, input.aliases);
  const who = auditActorName(actor);
  return inTransaction(pool, async (tx) => {
    await checkAliases(tx, vocabulary, aliases, null);
    const id = await repository.insertTerm(tx, vocabulary, input.key, label, who);
    if (id === null) throw badRequest('term_key_taken', { key: input.key });
    await repository.replaceAliases(tx, vocabulary, id, aliases);
    await writeAudit(tx, { actor, action: 'create', entity: 'vocabulary_term', entityId: id, after: { vocabulary, key: input.key, label, aliases } });
    return id;
  });
}

export async function editTerm(pool: pg.Pool, actor: Actor, vocabulary: EditableVocabulary, id: number, input: z.infer<typeof termUpdateSchema>) {
  authorize(actor, 'vocabulary:manage');
  const label = namesOf(input.label);
  const aliases = aliasSet(label, input.aliases);
  const who = auditActorName(actor);
  await inTransaction(pool, async (tx) => {
    const before = await repository.lockTerm(tx, vocabulary, id);
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion(before.version);
    await checkAliases(tx, vocabulary, aliases, id);
    const aliasesBefore = await repository.aliasesOf(tx, vocabulary, id);
    await repository.updateTerm(tx, id, { label }, who);
    await repository.replaceAliases(tx, vocabulary, id, aliases);
    await writeAudit(tx, {
      actor, action: 'update', entity: 'vocabulary_term', entityId: id,
      before: { label: before.label, aliases: aliasesBefore }, after: { label, aliases },
    });
  });
}

/** Retires a term (no new labels; the records that have it keep it) or brings it back. */
export async function retireTerm(pool: pg.Pool, actor: Actor, vocabulary: EditableVocabulary, id: number, input: { version: number; retired: boolean }) {
  authorize(actor, 'vocabulary:manage');
  const who = auditActorName(actor);
  await inTransaction(pool, async (tx) => {
    const before = await repository.lockTerm(tx, vocabulary, id);
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion(before.version);
    await repository.updateTerm(tx, id, { retired: input.retired }, who);
    await writeAudit(tx, {
      actor, action: input.retired ? 'retire' : 'restore', entity: 'vocabulary_term', entityId: id,
      before: { retired: before.retired_at !== null }, after: { retired: input.retired },
    });
  });
}
