/**
 * The secretariat fills a draft plan from a spreadsheet (plans.spreadsheet.ts): a dry run first, then all
 * or nothing — one row with an issue and nothing is written; every row's issues are listed in the reader's
 * language. Objectives named by the rows' paths are found in the plan or created; activities are added to it.
 */
import type pg from 'pg';
import type { PlanImportReport } from '../../../../shared/plans';
import { OBJECTIVE_LEVELS } from '../../../../shared/plans';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError } from '../../../platform/http/errors';
import type { Locale } from '../../../platform/http/locale';
import * as repository from '../plans.repository';
import { parseSheetRow, presentIssue, readPlanSheet, sheetReferences, type SheetActivity, type SheetIssue } from '../plans.spreadsheet';
import { lockPlan } from './access';

export async function importPlan(pool: pg.Pool, actor: Actor, planId: number, bytes: Buffer, dryRun: boolean, locale: Locale): Promise<PlanImportReport> {
  authorize(actor, 'plan:manage');
  const sheet = await readPlanSheet(bytes);
  if ('error' in sheet) throw badRequest(sheet.error.key, sheet.error.params);
  const { rows, place, cell, symbols } = sheet;
  return inTransaction(pool, async (tx) => {
    const plan = await lockPlan(tx, planId);
    if (plan.status !== 'draft') throw new HttpError(409, 'conflict', 'plan_import_not_draft', {}, { status: plan.status });
    const refs = await sheetReferences(tx, symbols);
    const activities: SheetActivity[] = [];
    const issues: SheetIssue[] = [];
    for (const row of rows) {
      const parsed = parseSheetRow(row, cell, refs);
      if (parsed.activity) activities.push(parsed.activity);
      issues.push(...parsed.issues);
    }
    const report = (written: boolean, objectivesCreated: number): PlanImportReport => ({
      dry_run: dryRun, written, rows: rows.length, activities: written || dryRun ? activities.length : 0, objectives_created: objectivesCreated,
      issues: issues.map((issue) => presentIssue(issue, place, locale)),
    });
    if (issues.length || dryRun || rows.length === 0) return report(false, 0);

    const language = plan.original_language;
    const objectives = await repository.objectivesOf(tx, planId);
    let created = 0;
    /** The objective at `path`, found by its title in the plan's language under the same parent, or created. */
    const objectiveAt = async (path: string[]): Promise<number | null> => {
      let parent: number | null = null;
      for (const [depth, title] of path.entries()) {
        const found = objectives.find((o) => o.parent_id === parent && o.level === OBJECTIVE_LEVELS[depth] && o.title[language] === title);
        if (found) { parent = found.id; continue; }
        const inserted = await repository.insertObjective(tx, planId, {
          parent_id: parent, level: OBJECTIVE_LEVELS[depth], code: null, position: objectives.filter((o) => o.parent_id === parent).length, title: { [language]: title },
        });
        objectives.push(inserted);
        created += 1;
        parent = inserted.id;
      }
      return parent;
    };
    const ids: number[] = [];
    for (const [position, activity] of activities.entries()) {
      const id = await repository.insertActivity(tx, planId, activity.institution, 'published', {
        objective_id: await objectiveAt(activity.path), title: { [language]: activity.title },
        description: activity.description ? { [language]: activity.description } : {}, original_language: language,
        start_date: activity.startDate, end_date: activity.endDate, milestones: [], budget_amount: activity.budget?.amount ?? null,
        budget_currency: activity.budget?.currency ?? null, budget_programme: activity.budget?.programme ?? null, position,
      }, actor.userId);
      await repository.replaceActivityLinks(tx, id, {
        co_responsible_ids: activity.coResponsible, recommendation_ids: activity.recommendations, sdg_targets: activity.sdgTargets, indicator_ids: [],
      });
      ids.push(id);
    }
    await writeAudit(tx, { actor, action: 'import', entity: 'plan', entityId: planId, after: { activities: ids, objectives_created: created } });
    return report(true, created);
  });
}
