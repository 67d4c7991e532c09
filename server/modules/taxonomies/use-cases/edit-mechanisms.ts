/**
 * An administrator keeps the mechanisms: adds one (a regional body, a national
 * one), changes its family, names, acronyms and aliases against its version,
 * retires it or brings it back. Its code, names and acronyms are aliases too,
 * so the importer matches a source that writes any of them; an alias belongs
 * to one mechanism only. Once edited, the reference seed leaves the mechanism
 * and its aliases alone. Each change is audited in its transaction.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { normaliseLabel } from '../../../../shared/labels';
import type { mechanismCreateSchema, mechanismUpdateSchema } from '../../../../shared/taxonomies';
import { auditActorName, writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../taxonomies.repository';

type Texts = Record<string, string | undefined>;

function present(texts: Texts): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

function aliasSet(code: string, label: Record<string, string>, shortName: Record<string, string>, aliases: string[]): string[] {
  return [...new Set([code, ...Object.values(label), ...Object.values(shortName), ...aliases].map(normaliseLabel).filter(Boolean))].sort();
}

async function checkAliases(tx: pg.PoolClient, aliases: string[], mechanismId: number | null) {
  const taken = await repository.mechanismAliasesOfOthers(tx, aliases, mechanismId);
  if (taken.length) throw badRequest('mechanism_alias_taken', { aliases: taken.join(', ') });
}

export async function createMechanism(pool: pg.Pool, actor: Actor, input: z.infer<typeof mechanismCreateSchema>) {
  authorize(actor, 'vocabulary:manage');
  const name = present(input.label);
  const shortName = present(input.short_name);
  const aliases = aliasSet(input.code, name, shortName, input.aliases);
  const who = auditActorName(actor);
  return inTransaction(pool, async (tx) => {
    const id = await repository.insertMechanism(tx, input.code, { family: input.family, name, shortName }, who);
    if (id === null) throw badRequest('mechanism_code_taken', { code: input.code });
    await checkAliases(tx, aliases, id);
    await repository.replaceMechanismAliases(tx, id, aliases);
    await writeAudit(tx, {
      actor, action: 'create', entity: 'mechanism', entityId: id,
      after: { code: input.code, family: input.family, name, short_name: shortName, aliases },
    });
    return id;
  });
}

export async function editMechanism(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof mechanismUpdateSchema>) {
  authorize(actor, 'vocabulary:manage');
  const name = present(input.label);
  const shortName = present(input.short_name);
  const who = auditActorName(actor);
  await inTransaction(pool, async (tx) => {
    const before = await repository.lockMechanism(tx, id);
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion(before.version);
    const aliases = aliasSet(before.code, name, shortName, input.aliases);
    await checkAliases(tx, aliases, id);
    const aliasesBefore = await repository.mechanismAliasesOf(tx, id);
    await repository.updateMechanism(tx, id, { family: input.family, name, shortName }, who);
    await repository.replaceMechanismAliases(tx, id, aliases);
    await writeAudit(tx, {
      actor, action: 'update', entity: 'mechanism', entityId: id,
      before: { family: before.family, name: before.name, short_name: before.short_name, aliases: aliasesBefore },
      after: { family: input.family, name, short_name: shortName, aliases },
    });
  });
}

/** Retires a mechanism (no new recommendations; those it has keep it) or brings it back. */
export async function retireMechanism(pool: pg.Pool, actor: Actor, id: number, input: { version: number; retired: boolean }) {
  authorize(actor, 'vocabulary:manage');
  const who = auditActorName(actor);
  await inTransaction(pool, async (tx) => {
    const before = await repository.lockMechanism(tx, id);
    if (!before) throw notFound();
    if (before.version !== input.version) throw staleVersion(before.version);
    await repository.updateMechanism(tx, id, { retired: input.retired }, who);
    await writeAudit(tx, {
      actor, action: input.retired ? 'retire' : 'restore', entity: 'mechanism', entityId: id,
      before: { retired: before.retired_at !== null }, after: { retired: input.retired },
    });
  });
}
