/**
 * A plan as a spreadsheet (CSV or XLSX), one row per activity, read by the
 * import and written by the export in the same shape, so that an exported
 * plan imports again unchanged:
 *
 *   objective_path    titles from the strategic axis down, separated by " > " (up to three levels)
 *   activity          title (required), in the plan's original language
 *   description
 *   lead_institution  acronym or name (required); co_responsible: several, separated by |
 *   start_date, end_date   YYYY-MM-DD or date cells
 *   budget_amount, budget_currency (ISO 4217), budget_programme
 *   recommendations   "symbol paragraph" pairs separated by | (A/HRC/48/9 110.25)
 *   sdg_targets       separated by | (4.1|16.a)
 *
 * Files are read by the recommendations importer's table reader, with its limits; a row's issues use
 * its places (line, sheet and row) and are worded in the reader's language.
 */
import type pg from 'pg';
import { OBJECTIVE_LEVELS } from '../../../shared/plans';
import type { TableRow as Row } from '../../platform/export/tables';
import { pickText, type Locale } from '../../platform/http/locale';
import { message, type MessageKey } from '../../platform/http/messages';
import { readTable, tableDate } from '../recommendations/import/formats/generic-table';
import { headerKey } from '../recommendations/import/formats/csv';
import { foldKey } from '../recommendations/import/formats/text';
import { cellText, type CellValue } from '../recommendations/import/formats/xlsx';
import { issueWhere } from '../recommendations/import/issue-messages';
import type { IssuePlace } from '../recommendations/import/types';
import type { ActivityRow, ObjectiveRow } from './plans.repository';

export const PLAN_COLUMNS = [
  'objective_path', 'activity', 'description', 'lead_institution', 'co_responsible', 'start_date', 'end_date',
  'budget_amount', 'budget_currency', 'budget_programme', 'recommendations', 'sdg_targets',
] as const;
type Column = (typeof PLAN_COLUMNS)[number];

const PATH_SEPARATOR = ' > ';
const LIST = '|';

export interface SheetActivity {
  line: number;
  path: string[];
  title: string;
  description: string;
  institution: number;
  coResponsible: number[];
  startDate: string | null;
  endDate: string | null;
  budget: { amount: number; currency: string; programme: string | null } | null;
  recommendations: number[];
  sdgTargets: string[];
}

export interface SheetIssue { line: number; field: string; key: MessageKey; params: Record<string, string | number> }

/** What the rows are checked against: institutions by acronym and name, recommendations by symbol and paragraph, SDG targets. */
export interface SheetReferences {
  institution: (label: string) => number | undefined;
  recommendation: (symbol: string, paragraph: string) => number | undefined;
  sdgTarget: (code: string) => boolean;
}

export async function sheetReferences(db: Pick<pg.PoolClient, 'query'>, symbols: string[]): Promise<SheetReferences> {
  const [institutions, recommendations, targets] = await Promise.all([
    db.query('select id, name, acronym from institution'),
    db.query('select id, document_symbol, paragraph from recommendation where document_symbol = any($1::text[])', [symbols]),
    db.query('select code from sdg_target'),
  ]);
  const byLabel = new Map<string, number>();
  for (const row of institutions.rows) {
    for (const label of [row.acronym, ...Object.values(row.name as Record<string, string>)]) if (label) byLabel.set(foldKey(label), row.id);
  }
  const byReference = new Map(recommendations.rows.map((row) => [`${row.document_symbol} ${row.paragraph}`, Number(row.id)]));
  const codes = new Set(targets.rows.map((row) => row.code as string));
  return {
    institution: (label) => byLabel.get(foldKey(label)),
    recommendation: (symbol, paragraph) => byReference.get(`${symbol} ${paragraph}`),
    sdgTarget: (code) => codes.has(code),
  };
}

const split = (cell: string) => cell.split(LIST).map((part) => part.trim()).filter(Boolean);

/** "A/HRC/48/9 110.25" → symbol and paragraph (the paragraph is what follows the last space). */
function reference(value: string): { symbol: string; paragraph: string } | null {
  const at = value.lastIndexOf(' ');
  return at > 0 ? { symbol: value.slice(0, at).trim(), paragraph: value.slice(at + 1).trim() } : null;
}

type SheetError = { error: { key: MessageKey; params: Record<string, string> } };

/** The file's rows, its header checked; the symbols it names (to look up once). */
export async function readPlanSheet(input: Buffer) {
  const { rows, place } = await readTable(input);
  if (rows.length === 0) return { error: { key: 'plan_import_empty', params: {} } } as SheetError;
  const columns = new Map<Column, number>();
  rows[0].cells.forEach((cell, i) => {
    const key = headerKey(cellText(cell)) as Column;
    if ((PLAN_COLUMNS as readonly string[]).includes(key) && !columns.has(key)) columns.set(key, i);
  });
  const missing = (['activity', 'lead_institution'] as Column[]).filter((c) => !columns.has(c));
  if (missing.length) return { error: { key: 'plan_import_missing_columns', params: { columns: missing.join(', '), expected: PLAN_COLUMNS.join(', ') } } } as SheetError;
  const cell = (row: { cells: CellValue[] }, column: Column): CellValue => {
    const i = columns.get(column);
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  const body = rows.slice(1).filter((row) => row.cells.some((value) => cellText(value) !== ''));
  const symbols = [...new Set(body.flatMap((row) => split(cellText(cell(row, 'recommendations'))).map((v) => reference(v)?.symbol ?? '')))];
  return { rows: body, place, cell, symbols };
}

/** One row → an activity, or its issues (every problem of the row, each with its column). */
export function parseSheetRow(
  row: { line: number; cells: CellValue[] }, cell: (row: { cells: CellValue[] }, column: Column) => CellValue, refs: SheetReferences,
): { activity: SheetActivity | null; issues: SheetIssue[] } {
  const issues: SheetIssue[] = [];
  const issue = (field: Column, key: MessageKey, params: Record<string, string | number> = {}) => issues.push({ line: row.line, field, key, params });
  const text = (column: Column) => cellText(cell(row, column)).trim();

  const path = text('objective_path') ? text('objective_path').split(PATH_SEPARATOR.trim()).map((part) => part.trim()) : [];
  if (path.some((part) => !part)) issue('objective_path', 'plan_import_path_blank');
  if (path.length > OBJECTIVE_LEVELS.length) issue('objective_path', 'plan_import_path_deep', { max: OBJECTIVE_LEVELS.length });
  const title = text('activity');
  if (!title) issue('activity', 'plan_import_required');
  const lead = text('lead_institution');
  const institution = lead ? refs.institution(lead) : undefined;
  if (!lead) issue('lead_institution', 'plan_import_required');
  else if (institution === undefined) issue('lead_institution', 'plan_import_unknown_institution', { value: lead });
  const coResponsible: number[] = [];
  for (const label of split(text('co_responsible'))) {
    const id = refs.institution(label);
    if (id === undefined) issue('co_responsible', 'plan_import_unknown_institution', { value: label });
    else if (id !== institution && !coResponsible.includes(id)) coResponsible.push(id);
  }
  const date = (column: 'start_date' | 'end_date') => {
    const value = tableDate(cell(row, column));
    if (value === undefined) issue(column, 'plan_import_date', { value: text(column) });
    return value ?? null;
  };
  const [startDate, endDate] = [date('start_date'), date('end_date')];
  if (startDate && endDate && endDate < startDate) issue('end_date', 'plan_activity_dates_order');
  let budget: SheetActivity['budget'] = null;
  const amountCell = cell(row, 'budget_amount');
  const amountText = text('budget_amount');
  if (amountText) {
    const amount = typeof amountCell === 'number' ? amountCell : Number(amountText.replace(/\s/g, ''));
    const currency = text('budget_currency').toUpperCase();
    if (!Number.isFinite(amount) || amount < 0 || amount > 1e15 || Math.round(amount * 100) !== amount * 100) issue('budget_amount', 'plan_import_amount', { value: amountText });
    else if (!/^[A-Z]{3}$/.test(currency)) issue('budget_currency', 'plan_import_currency', { value: text('budget_currency') });
    else budget = { amount, currency, programme: text('budget_programme') || null };
  }
  const recommendations: number[] = [];
  for (const value of split(text('recommendations'))) {
    const parts = reference(value);
    const id = parts ? refs.recommendation(parts.symbol, parts.paragraph) : undefined;
    if (id === undefined) issue('recommendations', 'plan_import_unknown_recommendation', { value });
    else if (!recommendations.includes(id)) recommendations.push(id);
  }
  const sdgTargets = [...new Set(split(text('sdg_targets')))];
  const unknownTargets = sdgTargets.filter((code) => !refs.sdgTarget(code));
  if (unknownTargets.length) issue('sdg_targets', 'plan_import_unknown_sdg', { values: unknownTargets.join(', ') });
  if (issues.length) return { activity: null, issues };
  return {
    activity: { line: row.line, path, title, description: text('description'), institution: institution!, coResponsible, startDate, endDate, budget, recommendations, sdgTargets },
    issues,
  };
}

export function presentIssue(issue: SheetIssue, place: IssuePlace, locale: Locale) {
  const location = issueWhere({ line: issue.line }, place, locale);
  return {
    line: issue.line, location, field: issue.field,
    message: message('import_issue', locale, { where: location, field: issue.field, reason: message(issue.key, locale, issue.params) }),
  };
}

/** The plan's activities as rows of the same shape the import reads. */
export function planSheetRows(
  objectives: ObjectiveRow[], activities: ActivityRow[], language: string,
  names: Map<number, { name: Record<string, string>; acronym: string | null }>, references: Map<number, string>,
): Row[] {
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const text = (texts: Record<string, string>) => texts[language] ?? pickText(texts, language);
  const path = (id: number | null): string[] => {
    const objective = id === null ? undefined : byId.get(id);
    return objective ? [...path(objective.parent_id), text(objective.title)] : [];
  };
  const institution = (id: number) => names.get(id)?.acronym || pickText(names.get(id)?.name, language);
  return activities.filter((a) => a.state === 'published').map((a) => ({
    objective_path: path(a.objective_id).join(PATH_SEPARATOR),
    activity: text(a.title),
    description: text(a.description),
    lead_institution: institution(a.institution_id),
    co_responsible: a.co_responsible_ids.map(institution).join(LIST),
    start_date: a.start_date ?? '',
    end_date: a.end_date ?? '',
    budget_amount: a.budget_amount === null ? '' : Number(a.budget_amount),
    budget_currency: a.budget_currency ?? '',
    budget_programme: a.budget_programme ?? '',
    recommendations: a.recommendation_ids.map((id) => references.get(id) ?? '').filter(Boolean).join(LIST),
    sdg_targets: a.sdg_targets.join(LIST),
  }));
}
