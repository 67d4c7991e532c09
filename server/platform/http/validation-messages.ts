/**
 * What is wrong with a request's input, in the reader's words: one sentence
 * per kind of zod issue (a number out of range, a text too long, a value not
 * in the list, a date that is not a date, …), built from the issue and the
 * schema it failed (both bounds of a range), never zod's technical wording.
 * Parameters people fill in on a page (FIELD_LABELS) are named as the page
 * names them; the others by their API name, which is what an API user needs.
 */
import type { z } from 'zod';
import type { Locale } from './locale';
import { message, type MessageKey } from './messages';

/** Parameters people type on the public pages, with how the pages call them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  q: 'field_q',
  email: 'field_email',
  year_from: 'field_year_from',
  year_to: 'field_year_to',
};

/** Bounds beyond these are the type's own (safe integers), not a rule worth telling. */
const MEANINGFUL = 1e12;

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema that validates the value at `path`, unwrapped (optional, default, pipe, …); null when it cannot be told. */
function schemaAt(schema: z.ZodType | undefined, path: PropertyKey[]): z.ZodType | null {
  let current = schema;
  let index = 0;
  for (let guard = 0; current && guard < 100; guard++) {
    const def = defOf(current);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = defOf(def.out!).type === 'transform' ? def.in : def.out;
    else if (index === path.length) return current;
    else if (def.type === 'object') current = def.shape?.[String(path[index++])];
    else if (def.type === 'array') { current = def.element; index++; }
    else return null;
  }
  return null;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const meaningful = (bound: unknown): bound is number | bigint =>
  (typeof bound === 'number' || typeof bound === 'bigint') && Math.abs(Number(bound)) < MEANINGFUL;

/** The rule the value broke, as the end of a sentence ("must be between 1900 and 2100"). */
function rule(issue: z.core.$ZodIssue, schema: z.ZodType | undefined, input: unknown, locale: Locale): string {
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => message(key, locale, params);
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        if (issue.code === 'too_big') return say('validation_text_max', { max: limit });
        return limit <= 1 ? say('validation_required') : say('validation_text_min', { min: limit });
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return say(issue.code === 'too_big' ? 'validation_values_max' : 'validation_values_min', { [issue.code === 'too_big' ? 'max' : 'min']: limit });
      }
      if (issue.origin === 'number' || issue.origin === 'bigint') {
        const bounds = schemaAt(schema, issue.path) as { minValue?: number | null; maxValue?: number | null } | null;
        const min = issue.code === 'too_small' ? limit : bounds?.minValue;
        const max = issue.code === 'too_big' ? limit : bounds?.maxValue;
        if (meaningful(min) && meaningful(max)) return say('validation_range', { min: Number(min), max: Number(max) });
        return issue.code === 'too_small' ? say('validation_min', { min: limit }) : say('validation_max', { max: limit });
      }
      break;
    }
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return say('validation_required');
      if (issue.expected === 'int') return say('validation_integer');
      if (issue.expected === 'number' || issue.expected === 'bigint') return say('validation_number');
      if (issue.expected === 'string') return say('validation_text');
      if (issue.expected === 'boolean') return say('validation_boolean');
      return say('validation_kind');
    case 'invalid_value':
      return say('validation_one_of', { options: issue.values.map(String).join(', ') });
    case 'invalid_format':
      if (issue.format === 'date') return say('validation_date');
      if (issue.format === 'email') return say('validation_email');
      return say('validation_format');
    case 'unrecognized_keys':
      return say('validation_unknown_fields', { fields: issue.keys.join(', ') });
    case 'invalid_union':
    case 'not_multiple_of':
      return say('validation_format');
    default:
      break;
  }
  // A rule of the schema's own (refine), with its own message.
  return issue.message;
}

/** The 400 message for the first issue of a failed validation of `input` (a query, params or a body) against `schema`. */
export function validationMessage(issue: z.core.$ZodIssue, schema: z.ZodType | undefined, input: unknown, context: string, locale: Locale): string {
  // A repeated query parameter (`?country=PRY&country=X`) is named once, whichever value failed.
  const name = (context === 'querystring' ? issue.path.slice(0, 1) : issue.path).map(String).join('.') || context;
  const label = FIELD_LABELS[name];
  const broken = rule(issue, schema, input, locale);
  if (label) return message('invalid_value', locale, { field: message(label, locale), rule: broken });
  return message('invalid_parameter', locale, { param: name, detail: broken });
}
