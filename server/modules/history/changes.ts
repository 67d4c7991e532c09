/**
 * What a history entry changed, field by field: the one place that decides
 * which differences a reader sees. Bookkeeping columns (version, timestamps,
 * who saved) change with every write and would hide the real change; a field
 * that is empty on both sides (a transition's absent comment: missing before,
 * null after) is no change at all. Values stay as stored (codes, ISO dates):
 * the reader's application labels them in its language.
 */

export interface FieldChange { field: string; before: unknown; after: unknown }

const BOOKKEEPING = new Set(['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Nothing to show: null, missing, blank text, an empty list or an empty record. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

/** The fields that differ between a record before and after a change (none when either side is not a record). */
export function changesOf(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !BOOKKEEPING.has(field))
    .filter((field) => !(isEmptyValue(before[field]) && isEmptyValue(after[field])))
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
