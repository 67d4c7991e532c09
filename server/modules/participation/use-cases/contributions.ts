/**
 * A verified organisation's member posts a comment or an independent
 * assessment (a step of the organisation's scale, the reason, evidence links)
 * on a recommendation. It waits for moderation. Input is cleaned to plain text
 * first; the posting limits (per account and per address) are decided under
 * row locks in the same transaction as the insert, so a refused post writes
 * nothing and a burst cannot slip past the count.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, can, requireSignedIn } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { detectMediaType, type UploadStore } from '../../../platform/files/uploads';
import { badRequest, HttpError, notFound } from '../../../platform/http/errors';
import * as statusRepository from '../../status/status.repository';
import * as repository from '../participation.repository';
import { BODY_MAX, MAX_EVIDENCE, type contributionInputSchema } from '../../../../shared/participation';
import { cleanUrl, requiredText } from '../sanitise';
import { assessorKindOf, postingRules, type ParticipationContext } from './context';

const notVerified = () => new HttpError(403, 'forbidden', 'organisation_not_verified');

/** The organisation a post is for: the one named, or the person's only one. */
function organisationFor(actor: Actor, requested: number | undefined): number | null {
  if (requested !== undefined) return requested;
  const own = actor.organisations ?? [];
  if (own.length > 1) throw badRequest('organisation_choose');
  return own[0]?.organisationId ?? null;
}

export async function postContribution(
  pool: pg.Pool, actor: Actor | null, recommendationId: number, input: z.infer<typeof contributionInputSchema>,
  request: { ip: string }, ctx: ParticipationContext,
): Promise<number> {
  requireSignedIn(actor);
  const organisationId = organisationFor(actor, input.organisation_id);
  authorize(actor, 'contribution:create', { organisationId });
  const body = requiredText(input.body, BODY_MAX);
  const evidence = (input.evidence ?? []).map((link) => ({ title: requiredText(link.title, 300, true), url: cleanUrl(link.url) }));
  if (input.kind === 'assessment' && !input.status) throw badRequest('assessment_needs_status');

  return inTransaction(pool, async (tx) => {
    const [organisation] = await repository.organisations(tx, { ids: [organisationId!] });
    if (organisation?.state !== 'verified') throw notVerified();
    const { rowCount } = await tx.query('select 1 from recommendation where id = $1', [recommendationId]);
    if (!rowCount) throw notFound('recommendation_not_found');
    let assessorKind: 'nhri' | 'civil_society' | null = null;
    if (input.kind === 'assessment') {
      assessorKind = assessorKindOf(organisation.kind);
      const scale = (await statusRepository.scaleSteps(tx, assessorKind)).filter((step) => step.active);
      if (!scale.some((step) => step.key === input.status)) {
        throw badRequest('status_not_on_scale', { keys: scale.map((s) => s.key).join(', ') });
      }
    }
    const rules = postingRules(ctx.settings, actor.userId, request.ip);
    const held = await ctx.throttle.hold(tx, rules);
    held.refuseIfLocked(rules, 'posting_throttled');
    await held.count(rules);

    const id = await repository.insertContribution(tx, {
      organisationId: organisation.id, authorId: actor.userId, recommendationId, kind: input.kind, body,
      assessorKind, statusKey: assessorKind ? input.status! : null, now: ctx.now(),
    });
    for (const link of evidence) await repository.insertEvidence(tx, { contributionId: id, kind: 'link', title: link.title, url: link.url });
    await writeAudit(tx, {
      actor, action: 'create', entity: 'contribution', entityId: id,
      after: { organisation_id: organisation.id, recommendation_id: recommendationId, kind: input.kind, body, assessor_kind: assessorKind, status_key: input.status ?? null, evidence },
    });
    return id;
  });
}

/** Whether this person may see a contribution that is not public: its organisation's members and the moderators. */
export function seesUnpublished(actor: Actor | null, row: Pick<repository.ContributionRow, 'organisation_id'>): boolean {
  return can(actor, 'contribution:moderate') || (actor?.organisations ?? []).some((o) => o.organisationId === row.organisation_id);
}

export const isPublic = (row: Pick<repository.ContributionRow, 'state' | 'hidden'>) => row.state === 'approved' && !row.hidden;

/**
 * A file as evidence of a pending contribution, by a member of its
 * organisation. Checked on its bytes before anything is written; stored before
 * the transaction and removed if the transaction fails.
 */
export async function addEvidenceFile(
  pool: pg.Pool, store: UploadStore, actor: Actor | null, contributionId: number,
  file: { bytes: Buffer; fileName: string; title?: string | null }, ctx: ParticipationContext,
): Promise<void> {
  requireSignedIn(actor);
  const check = async (q: pg.Pool | pg.PoolClient, lock: boolean) => {
    const row = await repository.contribution(q, contributionId, lock);
    if (!row || !seesUnpublished(actor, row) && !isPublic(row)) throw notFound();
    authorize(actor, 'contribution:create', { organisationId: row.organisation_id });
    if (row.state !== 'pending') throw new HttpError(409, 'conflict', 'contribution_not_pending');
    if (row.evidence.length >= MAX_EVIDENCE) throw badRequest('evidence_too_many', { max: MAX_EVIDENCE });
    return row;
  };
  await check(pool, false);
  const detected = await detectMediaType(file.bytes, file.fileName);
  if ('refused' in detected) throw badRequest(detected.refused);
  const stored = await store.store(file.bytes, file.fileName, detected.mediaType);
  try {
    await inTransaction(pool, async (tx) => {
      await check(tx, true);
      const title = file.title?.trim() ? requiredText(file.title, 300, true) : stored.fileName;
      const evidenceId = await repository.insertEvidence(tx, {
        contributionId, kind: 'file', title, storedName: stored.storedName, fileName: stored.fileName,
        mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, sha256: stored.sha256,
      });
      await tx.query('update contribution set version = version + 1, updated_at = $2 where id = $1', [contributionId, ctx.now()]);
      await writeAudit(tx, { actor, action: 'add_evidence', entity: 'contribution', entityId: contributionId, after: { id: evidenceId, title, file_name: stored.fileName, media_type: stored.mediaType } });
    });
  } catch (error) {
    await store.remove(stored.storedName);
    throw error;
  }
}
