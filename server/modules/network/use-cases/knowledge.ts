/**
 * The knowledge hub (HRC resolution 51/33): a member's focal point or deputy (a partner, when the
 * Network allows partners to contribute) contributes a practice, lesson, event report, document or
 * tool, with files checked on their bytes like evidence; the hub secretariat moderates it
 * (submitted → published, returned with a reason, or rejected with a reason). Until it is published
 * it is its contributor's and the hub secretariat's only. Every transition is audited in its transaction.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { RESOURCE_ACTIONS, hubSettingsInputSchema, moderationSchema, ResourceInput, resourcePatchSchema, ResourceState } from '../../../../shared/network/knowledge';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, can } from '../../../platform/auth/policy';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { detectMediaType, type UploadStore } from '../../../platform/files/uploads';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { cleanLine, cleanText, requiredText } from '../../participation/sanitise';
import * as repository from '../knowledge.repository';
import { findState } from '../network.repository';

type Fields = Partial<repository.ResourceFields>;
type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

/** The text of a contribution kept as plain text (participation/sanitise.ts), its tags known to the reference data. */
async function cleanFields(q: pg.PoolClient | pg.Pool, input: Omit<Partial<ResourceInput>, 'draft'>): Promise<Fields> {
  const fields: Fields = {
    kind: input.kind, language: input.language,
    title: input.title === undefined ? undefined : requiredText(input.title, 300, true),
    summary: input.summary === undefined ? undefined : requiredText(input.summary, 2000),
    body: input.body === undefined ? undefined : cleanText(input.body, 50_000),
    themes: input.themes && [...new Set(input.themes.map((key) => cleanLine(key, 100)))],
    mechanisms: input.mechanisms && [...new Set(input.mechanisms.map((code) => cleanLine(code, 100).toUpperCase()))],
    sdgs: input.sdgs && [...new Set(input.sdgs)].sort((a, b) => a - b),
    regions: input.regions && [...new Set(input.regions)],
    nmirf_types: input.nmirf_types && [...new Set(input.nmirf_types)],
    link: input.link,
  };
  const unknown = await repository.unknownTags(q, fields.themes ?? [], fields.mechanisms ?? []);
  if (unknown) throw badRequest(unknown.facet === 'theme' ? 'network_hub_unknown_theme' : 'network_hub_unknown_mechanism', { key: unknown.key });
  return fields;
}

/** The State a contributor acts for (a member's focal point or deputy), or null for a partner the Network allows. */
async function contributorState(q: pg.PoolClient, actor: Actor): Promise<string | null> {
  const held = (actor.networkRoles ?? []).find((role) => (role.role === 'state_focal_point' || role.role === 'state_deputy') && role.iso3);
  if (held) {
    const state = await findState(q, held.iso3!);
    if (state?.status !== 'member') throw new HttpError(403, 'forbidden', 'network_hub_members_only');
    return held.iso3;
  }
  const settings = await repository.hubSettings(q);
  if (!settings?.partners_may_contribute) throw new HttpError(403, 'forbidden', 'network_hub_partners_not_allowed');
  return null;
}

export async function contributeResource(pool: pg.Pool, actor: Actor, input: ResourceInput): Promise<number> {
  authorize(actor, 'network:hub_contribute');
  return inTransaction(pool, async (tx) => {
    const iso3 = await contributorState(tx, actor);
    const fields = await cleanFields(tx, input) as repository.ResourceFields;
    const state = input.draft ? 'draft' : 'submitted';
    const id = await repository.insertResource(tx, { ...fields, contributor_iso3: iso3, contributed_by: actor.userId, state });
    await writeAudit(tx, { actor, action: input.draft ? 'create' : 'submit', entity: 'network_resource', entityId: id, after: { ...fields, contributor_iso3: iso3, state } });
    return id;
  });
}

/** A contribution its contributor may still change: not published, not rejected (`version`: the one the edit started from; null for a file). */
async function ownOpenResource(tx: pg.PoolClient, actor: Actor, id: number, version: number | null): Promise<repository.ResourceRow> {
  const resource = await repository.findResource(tx, id, true);
  if (!resource) throw notFound('network_hub_resource_not_found');
  authorize(actor, 'network:hub_edit', { userId: resource.contributed_by });
  if (version !== null && resource.version !== version) throw staleVersion(resource.version);
  if (resource.state === 'published' || resource.state === 'rejected') {
    throw new HttpError(409, 'conflict', 'network_hub_resource_closed', { state: resource.state });
  }
  return resource;
}

export async function editResource(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof resourcePatchSchema>): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const before = await ownOpenResource(tx, actor, id, patch.version);
    const { version: _, ...input } = patch;
    const fields = await cleanFields(tx, input);
    await repository.updateResource(tx, id, fields);
    await writeAudit(tx, { actor, action: 'update', entity: 'network_resource', entityId: id, before, after: fields });
  });
}

/** A draft, or a contribution returned to its contributor, goes (again) to the hub secretariat. */
export async function submitResource(pool: pg.Pool, actor: Actor, id: number, version: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const before = await ownOpenResource(tx, actor, id, version);
    if (before.state === 'submitted') throw new HttpError(409, 'conflict', 'network_hub_resource_closed', { state: before.state });
    await repository.updateResource(tx, id, {}, 'submitted');
    await writeAudit(tx, { actor, action: 'submit', entity: 'network_resource', entityId: id, before: { state: before.state }, after: { state: 'submitted' } });
  });
}

export async function attachResourceFile(
  pool: pg.Pool, actor: Actor, id: number, file: { bytes: Buffer; fileName: string }, uploads: UploadStore,
): Promise<number> {
  const resource = await repository.findResource(pool, id);
  if (!resource) throw notFound('network_hub_resource_not_found');
  authorize(actor, 'network:hub_edit', { userId: resource.contributed_by });
  const detected = await detectMediaType(file.bytes, file.fileName);
  if ('refused' in detected) throw badRequest(detected.refused);
  const stored = await uploads.store(file.bytes, file.fileName, detected.mediaType);
  try {
    return await inTransaction(pool, async (tx) => {
      const current = await ownOpenResource(tx, actor, id, null);
      const row = {
        resource_id: id, stored_name: stored.storedName, file_name: stored.fileName, media_type: stored.mediaType, size_bytes: stored.sizeBytes, sha256: stored.sha256,
      };
      const fileId = await repository.insertFile(tx, { ...row, created_by: actor.userId });
      await repository.updateResource(tx, id, {});
      await writeAudit(tx, { actor, action: 'attach_file', entity: 'network_resource', entityId: id, after: { ...row, version: current.version + 1 } });
      return fileId;
    });
  } catch (error) {
    await uploads.remove(stored.storedName);
    throw error;
  }
}

/** The hub secretariat publishes a submitted contribution, returns it to its contributor, or rejects it (the last two with a reason). */
export async function moderateResource(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof moderationSchema>, now: () => Date): Promise<ResourceState> {
  authorize(actor, 'network:hub_moderate');
  if (input.decision !== 'publish' && !input.reason) throw badRequest('network_hub_reason_required');
  return inTransaction(pool, async (tx) => {
    const resource = await repository.findResource(tx, id, true);
    if (!resource) throw notFound('network_hub_resource_not_found');
    if (resource.version !== input.version) throw staleVersion(resource.version);
    if (resource.state !== 'submitted') throw new HttpError(409, 'conflict', 'network_hub_not_submitted', { state: resource.state });
    const state = input.decision === 'publish' ? 'published' : input.decision === 'return' ? 'returned' : 'rejected';
    const reason = input.decision === 'publish' ? null : cleanText(input.reason!, 5000);
    await repository.moderateResource(tx, id, state, reason, actor.userId, now());
    await writeAudit(tx, { actor, action: input.decision, entity: 'network_resource', entityId: id, before: { state: resource.state }, after: { state, reason } });
    return state;
  });
}

/** What the person may do with a contribution not yet published (the same rules the use cases above apply). */
export function resourceActions(actor: Actor | null, resource: { state: ResourceState; contributed_by: number | null }): ResourceAction[] {
  const open = resource.state === 'draft' || resource.state === 'submitted' || resource.state === 'returned';
  const edits = open && can(actor, 'network:hub_edit', { userId: resource.contributed_by });
  return [
    ...(edits ? ['edit' as const] : []),
    ...(edits && resource.state !== 'submitted' ? ['submit' as const] : []),
    ...(resource.state === 'submitted' && can(actor, 'network:hub_moderate') ? ['moderate' as const] : []),
  ];
}

/** Whether the person may see a resource: anyone once published; before, its contributor and the hub secretariat. */
export function maySee(actor: Actor | null, resource: { state: ResourceState; contributed_by: number | null }): boolean {
  return resource.state === 'published' || can(actor, 'network:hub_moderate') || (actor !== null && resource.contributed_by === actor.userId);
}

export async function saveHubSettings(pool: pg.Pool, actor: Actor, input: z.infer<typeof hubSettingsInputSchema>): Promise<void> {
  authorize(actor, 'network:hub_settings');
  await inTransaction(pool, async (tx) => {
    const before = await repository.hubSettings(tx, true);
    if ((before?.version ?? 0) !== input.version) throw staleVersion(before?.version ?? 0);
    if (input.proposal_id !== null) {
      const { rows } = await tx.query(`select outcome from network_proposal where id = $1`, [input.proposal_id]);
      if (rows[0]?.outcome !== 'adopted') throw badRequest('network_hub_decision_not_adopted', { id: input.proposal_id });
    }
    await repository.saveHubSettings(tx, input.partners_may_contribute, input.proposal_id);
    await writeAudit(tx, { actor, action: 'update', entity: 'network_hub_settings', entityId: 1, before, after: input });
  });
}
