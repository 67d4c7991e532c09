/**
 * The secretariat composes a State report: a draft from a selection of
 * recommendations, regenerated when the underlying data moved (people's edits
 * survive unless they ask otherwise), and edited section by section. Each
 * change is one transaction with its audit row and a saved version.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { regenerateInputSchema, reportInputSchema, sectionEditSchema } from '../../../../shared/reports';
import { MAX_REPORT_RECOMMENDATIONS } from '../../../../shared/reports';
import { searchQuerySchema } from '../../../../shared/recommendations';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import { matchingIds } from '../../recommendations/recommendations.search';
import { labelMaps, type LabelMaps } from '../../taxonomies/taxonomies.repository';
import type { Locale } from '../../../platform/http/locale';
import { clusterSourceOf, COMPILE_BATCH, type CompileOptions, compileSections, type Grouping } from '../compile';
import { utcToday, type Today } from '../../../platform/clock';
import * as repository from '../reports.repository';

/** The selected recommendations, in the search's order (the compiler orders them by the grouping). */
async function selectedIds(pool: pg.Pool, selection: repository.DraftRow['selection'], allowEmpty = false): Promise<number[]> {
  const ids = selection.recommendation_ids
    ? [...new Set(selection.recommendation_ids)]
    : await matchingIds(pool, searchQuerySchema.parse({ ...selection.search, page: 1, page_size: 1 }), await labelMaps(pool));
  // A new draft needs something to compile; a search that matches nothing any more empties a draft on regeneration.
  if (ids.length === 0 && !allowEmpty) throw badRequest('report_selection_empty');
  if (ids.length > MAX_REPORT_RECOMMENDATIONS) throw badRequest('assignment_too_many', { max: MAX_REPORT_RECOMMENDATIONS, count: ids.length });
  return ids;
}

/**
 * Compiles the selection batch by batch into the transaction's staging table.
 * Returns how many sections were compiled.
 */
async function stageCompilation(
  tx: pg.PoolClient, maps: LabelMaps, ids: number[], grouping: Grouping, language: Locale, today: Today, options: CompileOptions,
): Promise<number> {
  await repository.startCompilation(tx);
  let count = 0;
  for await (const batch of compileSections(tx, maps, ids, grouping, language, COMPILE_BATCH, today, options)) {
    await repository.stageSections(tx, batch, count + 1);
    count += batch.length;
  }
  return count;
}

export async function createReport(pool: pg.Pool, actor: Actor, input: z.infer<typeof reportInputSchema>, today: Today = utcToday): Promise<number> {
  authorize(actor, 'report:manage');
  const selection = input.recommendation_ids ? { recommendation_ids: input.recommendation_ids } : { search: input.search };
  const ids = await selectedIds(pool, selection);
  const maps = await labelMaps(pool);
  return inTransaction(pool, async (tx) => {
    const id = await repository.insertDraft(tx, {
      template: input.template, title: input.title, language: input.language, grouping: input.grouping, include_earlier: input.include_earlier, selection,
    }, actor.userId);
    const clusterSource = input.grouping === 'cluster' ? await clusterSourceOf(tx) : undefined;
    const sections = await stageCompilation(tx, maps, ids, input.grouping, input.language, today, { earlier: input.include_earlier, clusterSource });
    await repository.applyCompilation(tx, id, false);
    await repository.setClusterSource(tx, id, clusterSource ?? null);
    await tx.query('update report_draft set version = 0 where id = $1', [id]); // saveVersion makes it 1
    await repository.saveVersion(tx, id, 'create', actor.userId);
    await writeAudit(tx, { actor, action: 'create', entity: 'report_draft', entityId: id, after: { ...input, sections, cluster_source: clusterSource ?? null } });
    return id;
  });
}

export async function regenerateReport(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof regenerateInputSchema>, today: Today = utcToday): Promise<void> {
  authorize(actor, 'report:manage');
  const draft = await repository.findDraft(pool, id);
  if (!draft) throw notFound();
  if (draft.version !== input.version) throw staleVersion(draft.version);
  const ids = await selectedIds(pool, draft.selection, true);
  const maps = await labelMaps(pool);
  await inTransaction(pool, async (tx) => {
    const locked = await repository.findDraft(tx, id, true);
    if (!locked || locked.version !== input.version) throw staleVersion(locked?.version ?? draft.version);
    const clusterSource = draft.grouping === 'cluster' ? await clusterSourceOf(tx) : undefined;
    const sections = await stageCompilation(tx, maps, ids, draft.grouping as Grouping, draft.language as Locale, today, { earlier: draft.include_earlier, clusterSource });
    await repository.applyCompilation(tx, id, input.overwrite_edits);
    await repository.setClusterSource(tx, id, clusterSource ?? null);
    const version = await repository.saveVersion(tx, id, 'regenerate', actor.userId);
    await writeAudit(tx, { actor, action: 'regenerate', entity: 'report_draft', entityId: id,
      after: { version, sections, overwrite_edits: input.overwrite_edits, cluster_source: clusterSource ?? null } });
  });
}

export async function editReportSection(pool: pg.Pool, actor: Actor, id: number, key: string, input: z.infer<typeof sectionEditSchema>): Promise<void> {
  authorize(actor, 'report:manage');
  await inTransaction(pool, async (tx) => {
    const draft = await repository.findDraft(tx, id, true);
    if (!draft) throw notFound();
    if (draft.version !== input.version) throw staleVersion(draft.version);
    const before = (await repository.sectionsOf(tx, id)).find((s) => s.key === key);
    if (!before || !(await repository.editSection(tx, id, key, input.text, actor.userId))) throw notFound();
    const version = await repository.saveVersion(tx, id, 'edit_section', actor.userId);
    await writeAudit(tx, { actor, action: 'edit_section', entity: 'report_draft', entityId: id,
      before: { key, text: before.edited_text }, after: { key, text: input.text, version } });
  });
}
