/**
 * Text helpers shared by the format parsers: the quirks of UHRI, UPR Info and
 * OHCHR matrices (`- ` prefixes, HTML, embedded paragraph numbers, SDG labels,
 * Excel serial dates, UPR sessions and cycles, encodings).
 *
 * Every regular expression is compiled once, at module load.
 */
import he from 'he';
import iconv from 'iconv-lite';
import type { Position } from '../types';

// ---------------------------------------------------------------------------
// Labels and multi-value cells

const DASH_PREFIX = /^\s*-\s+/;
const WHITESPACE_RUN = /\s+/g;
/** Whitespace that collapsing would change: two in a row, or anything but a plain space. */
const IRREGULAR_SPACE = /\s\s|[^\S ]/;
/** The whitespace to replace when collapsing: runs of two or more, and single characters other than a space. */
const IRREGULAR_SPACE_RUN = /\s{2,}|[^\S ]/g;

/**
 * A label as UHRI writes it → clean: `"- UPR"` → `"UPR"`, `"- IE  Albinism"` →
 * `"IE Albinism"`. One leading `- ` is removed, whitespace collapsed and trimmed.
 */
export function stripDashPrefix(value: string): string {
  let v = value.trim();
  if (v.charCodeAt(0) === 45 /* - */) {
    if (v.length === 1) return ''; // "- " with nothing after it
    v = v.replace(DASH_PREFIX, '');
  }
  return IRREGULAR_SPACE.test(v) ? v.replace(IRREGULAR_SPACE_RUN, ' ') : v;
}

const LINE_BREAKS = /\r\n|\r|\n/;

/**
 * A UHRI multi-value cell: one value a line, each prefixed with `- `
 * (`"- Peru\n- Chile"`). Blank lines are dropped; duplicates kept once.
 */
export function splitDashList(cell: string): string[] {
  return uniqueNonEmpty(cell.split(LINE_BREAKS).map(stripDashPrefix));
}

/** Values split on `separator`, trimmed, `- ` prefix removed, blanks and duplicates dropped. */
export function splitList(cell: string, separator: string | RegExp): string[] {
  return uniqueNonEmpty(cell.split(separator).map(stripDashPrefix));
}

export function uniqueNonEmpty(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// HTML and whitespace

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_SCRIPT_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// Block-level tags separate words; inline tags (<em>, <b>, <a>, <span>, …) do not.
const HTML_BLOCK_TAG =
  /<\/?(?:p|br|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|tfoot|caption|h[1-6]|blockquote|section|article|header|footer|hr|pre)\b[^<>]*>/gi;
// A tag starts with a letter, `/` or `!`, so "a < b" in running text survives.
const HTML_TAG = /<\/?[A-Za-z!][^<>]*>/g;
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;

/** Collapse every run of whitespace (including no-break spaces and line breaks) to one space, and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(IRREGULAR_SPACE_RUN, ' ').trim();
}

/**
 * HTML (or plain text with entities) → plain text: comments, scripts and tags
 * removed (block-level tags such as <p> and <br> count as a word break, inline
 * ones such as <em> do not), entities decoded, zero-width characters and soft
 * hyphens removed, whitespace collapsed.
 */
export function htmlToText(html: string): string {
  let text = html;
  if (text.includes('<')) {
    text = text
      .replace(HTML_COMMENT, ' ')
      .replace(HTML_SCRIPT_STYLE, ' ')
      .replace(HTML_BLOCK_TAG, ' ')
      .replace(HTML_TAG, '');
  }
  if (text.includes('&')) text = he.decode(text);
  return collapseWhitespace(text.replace(INVISIBLE, ''));
}

/** Decode HTML entities (`&#40;` → `(`) without touching anything else. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? he.decode(text) : text;
}

// ---------------------------------------------------------------------------
// Embedded paragraph numbers

/**
 * `para. 96: 21 …`, `paras. 96: …`, `paragraph 96: …` → paragraph `96: 21` (or `96`).
 */
const PARA_PREFIX = /^para(?:graph)?s?\.?\s*(\d{1,3}(?:\.\d{1,3}){0,2})\s*:\s*(?:(\d{1,3})(?![\d.,]\d)[.)]?\s+)?/i;

/**
 * A number at the start of the text:
 *  - `136.1 Ratify`, `136.1. Ratify`, `26.49 …`, `115.3.1 …` (dotted: up to 3 digits per part),
 *  - `49. The Committee`, `41.The Committee` (an integer must be followed by `.`),
 *  - `49 (b) Ensure`, `49. (b) Ensure`, `49(b) Ensure` (with a lettered or roman sub-paragraph),
 * and then a capital letter, `(`, `[` or an opening quote.
 *
 * Not a paragraph: `2030 Agenda …` (4 digits), `16 Days of activism …` (an
 * integer followed by a space only), `2.5 million …` (lower case follows).
 */
const LEADING_PARAGRAPH =
  /^(?:(\d{1,3}(?:\.\d{1,3}){1,2})\.?(?:\s*\(([a-z]{1,4})\))?\s*|(\d{1,3})(?:\.\s*\(([a-z]{1,4})\)\s*|\s*\(([a-z]{1,4})\)\s*|\.\s*))(?=[\p{Lu}(["“‘«'])/u;

/** A text that is nothing but a paragraph number: `12.`, `136.1`. */
const BARE_PARAGRAPH = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$/;

/**
 * Treaty-body records in the UHRI often open with the section heading of the
 * concluding observations: `Rural women 49.The Committee notes …`. The first
 * `<1–3 digits>.` followed by a capital letter is taken as the paragraph when
 * what precedes it looks like a heading (see {@link isHeading}).
 */
const HEADED_PARAGRAPH = /(?:^|\s)(\d{1,3})\.\s*(?=[\p{Lu}(["“‘«'])/u;

/**
 * Words after which a number is a reference, a quantity or a date, not a
 * paragraph. Nouns that also end real headings in the plural ("Discriminatory
 * laws", "Sustainable Development Goals") are listed in the singular only.
 */
const NOT_A_HEADING_END = new RegExp(
  '(?:^|[\\s(])(?:' +
    [
      'arts?', 'articles?', 'paras?', 'paragraphs?', 'nos?', 'numbers?', 'rule', 'resolution', 'target', 'goal',
      'section', 'chapter', 'annex', 'page', 'pp?', 'decision', 'recommendation', 'comment', 'convention', 'protocol',
      'covenant', 'law', 'act', 'decree', 'bill', 'code', 'item', 'point', 'principle', 'aged?',
      'to', 'of', 'at', 'by', 'in', 'on', 'for', 'from', 'with', 'than', 'under', 'over', 'below', 'above', 'about',
      'least', 'within', 'after', 'before', 'until', 'since', 'per', 'and', 'or', 'nearly', 'almost', 'approximately',
      'around', 'only', 'all', 'some', 'the', 'a', 'an', 'including', 'includes?', 'is', 'are', 'was', 'were', 'be',
      'been', 'being', 'reached', 'totall?ing', 'totall?ed', 'totals?', 'exceed(?:s|ed|ing)?', 'numbering', 'up',
      'down', 'into', 'onto', 'between', 'among', 'against', 'via', 'as', 'if', 'when', 'where', 'which', 'that',
      'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'every', 'each', 'any',
    ].join('|') +
    ')\\.?$',
  'i',
);
const SENTENCE_BREAK = /[\p{Ll})\]”"]\.\s+\p{Lu}/u;
const HEADING_MAX_LENGTH = 250;

function isHeading(candidate: string): boolean {
  const heading = candidate.trim();
  if (!heading || heading.length > HEADING_MAX_LENGTH) return false;
  if (/[.;:,]$/.test(heading)) return false; // the number ends a sentence or a list item
  if (NOT_A_HEADING_END.test(heading)) return false;
  if (SENTENCE_BREAK.test(heading)) return false; // running text, not a heading
  return true;
}

export interface ParagraphSplit {
  /** The paragraph as written, e.g. `136.1`, `49`, `49 (b)`, `96: 21`; null when none was found. */
  paragraph: string | null;
  /** The text without the paragraph number (and without a leading section heading). */
  text: string;
  /** A section heading that preceded the paragraph number, if any. */
  heading: string | null;
}

/**
 * Find the paragraph number embedded at the start of a (whitespace-collapsed)
 * text and remove it, together with a section heading that precedes it.
 */
export function splitParagraph(input: string): ParagraphSplit {
  const text = input.trim();

  const para = PARA_PREFIX.exec(text);
  if (para) {
    const rest = text.slice(para[0].length).trim();
    if (rest) {
      return { paragraph: para[2] ? `${para[1]}: ${para[2]}` : para[1], text: rest, heading: null };
    }
  }

  const bare = BARE_PARAGRAPH.exec(text);
  if (bare) return { paragraph: bare[1], text: '', heading: null };

  const lead = LEADING_PARAGRAPH.exec(text);
  if (lead) {
    const number = lead[1] ?? lead[3];
    const sub = lead[2] ?? lead[4] ?? lead[5];
    return {
      paragraph: sub ? `${number} (${sub})` : number,
      text: text.slice(lead[0].length).trim(),
      heading: null,
    };
  }

  const headed = HEADED_PARAGRAPH.exec(text);
  if (headed && headed.index > 0) {
    const heading = text.slice(0, headed.index);
    const rest = text.slice(headed.index + headed[0].length).trim();
    if (rest && isHeading(heading)) {
      return { paragraph: headed[1], text: rest, heading: heading.trim() };
    }
  }

  return { paragraph: null, text, heading: null };
}

// ---------------------------------------------------------------------------
// SDGs

const SDG_CODE = /^(?:(?:SDG|Goal|Target|ODS|ODD|Objetivo|Objectif|Meta|Cible)\s*)?(\d{1,2})(?:\.(\d{1,2}|[a-z]))?(?=$|[\s:–—-])/i;

/**
 * The SDG code of a label: `"16.2 - Protect children …"` → `"16.2"`,
 * `"16 - PEACE, JUSTICE …"` → `"16"`, `"- 4.a - …"` → `"4.a"`, `"SDG 5"` → `"5"`.
 * Null when the label carries no valid goal (1–17) or target code.
 */
export function sdgCode(label: string): string | null {
  const m = SDG_CODE.exec(stripDashPrefix(label));
  if (!m) return null;
  const goal = Number(m[1]);
  if (goal < 1 || goal > 17) return null;
  if (m[2] === undefined) return String(goal);
  const target = m[2].toLowerCase();
  if (/^\d+$/.test(target) && Number(target) === 0) return null;
  return `${goal}.${/^\d+$/.test(target) ? String(Number(target)) : target}`;
}

/** SDG codes of labels; the labels that carry no code are returned in `invalid`. */
export function sdgCodes(labels: readonly string[]): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const label of labels) {
    const code = sdgCode(label);
    if (code) codes.push(code);
    else invalid.push(label);
  }
  return { codes: uniqueNonEmpty(codes), invalid };
}

// ---------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was (serial 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_BEFORE_MARCH_1900_MS = Date.UTC(1899, 11, 31);

/**
 * Excel serial day number (1900 date system) → ISO date: 44927 → `2023-01-01`.
 * The time of day (the fraction) is ignored. Null for serials that are not a
 * date: below 1, the phantom 1900-02-29 (60), beyond 9999-12-31, or not finite.
 */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day === 60 || day > 2_958_465) return null;
  const ms = (day < 60 ? EXCEL_EPOCH_BEFORE_MARCH_1900_MS : EXCEL_EPOCH_MS) + day * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when year, month and day make a real calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A strict ISO date `YYYY-MM-DD`, optionally followed by a time (`T00:00:00`,
 * `T10:53:45.827`, `Z`, `+01:00`), which is dropped: the calendar day is the
 * one written, not converted between time zones. Null otherwise.
 */
export function isoDate(value: string, allowTime = true): string | null {
  const m = (allowTime ? ISO_DATE_TIME : ISO_DATE).exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** A JavaScript Date (as exceljs returns date cells, in UTC) → ISO date. */
export function dateToIsoDate(date: Date): string | null {
  const t = date.getTime();
  return Number.isFinite(t) ? date.toISOString().slice(0, 10) : null;
}

// ---------------------------------------------------------------------------
// UPR sessions, cycles and positions

/**
 * The UPR cycle of a Working Group session: cycle 1 = sessions 1–12,
 * 2 = 13–26, 3 = 27–40, 4 = from 41 (as data-formats.md states it).
 */
export function cycleFromSession(session: number): number | null {
  if (!Number.isInteger(session) || session < 1) return null;
  if (session <= 12) return 1;
  if (session <= 26) return 2;
  if (session <= 40) return 3;
  return 4;
}

const SESSION_NUMBER = /^(?:session\s*)?(\d{1,3})(?:st|nd|rd|th)?(?:\s*(?:session|sesi[oó]n|s[eé]ance))?$/i;

/** `"36th Session"`, `"- 36th Session"`, `"36"`, 36 → 36; null when it is not a session number. */
export function sessionNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  const m = SESSION_NUMBER.exec(stripDashPrefix(value));
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

const CYCLE_NUMBER = /^(?:cycle\s*)?(\d{1,2})(?:st|nd|rd|th)?(?:\s*cycle)?$/i;

/** `3`, `"3"`, `"3rd cycle"`, `"- Cycle 3"` → 3; null otherwise. */
export function cycleNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  const m = CYCLE_NUMBER.exec(stripDashPrefix(value));
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

const ACCENTS = /[\u0300-\u036f]/g;

/** Lower case, accents and a `- ` prefix removed, `_` as a space, whitespace collapsed: for matching vocabulary. */
export function foldKey(value: string): string {
  return stripDashPrefix(value)
    .normalize('NFD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

const SUPPORTED = new Set([
  'supported', 'accepted', 'support', 'accept',
  'apoyada', 'apoyadas', 'aceptada', 'aceptadas', 'apoyo',
  'soutenue', 'soutenues', 'acceptee', 'acceptees', 'appuyee', 'appuyees',
]);
const NOTED = new Set([
  'noted', 'note', 'not supported', 'not accepted', 'rejected',
  'tomada nota', 'tomadas nota', 'anotada', 'anotadas', 'se toma nota',
  'notee', 'notees', 'prise en note', 'prises en note', 'pris note',
]);
const SUPPORTED_IN_PART = new Set([
  'supported in part', 'partially supported', 'supported/noted', 'supported / noted', 'noted/supported',
  'partially accepted', 'accepted in part', 'split', 'apoyada parcialmente', 'apoyada en parte',
  'aceptada parcialmente', 'soutenue en partie', 'partiellement soutenue',
]);

/**
 * A UPR position as one word or phrase → the contract's Position; undefined
 * when the value is not a position we know (the caller reports it), null when
 * the value is empty.
 */
export function positionFromLabel(label: string): Position | null | undefined {
  const key = foldKey(label);
  if (!key) return null;
  if (SUPPORTED.has(key)) return 'supported';
  if (NOTED.has(key)) return 'noted';
  if (SUPPORTED_IN_PART.has(key)) return 'supported_in_part';
  return undefined;
}

/**
 * Several position labels on one record (UHRI `UprPositions`): `["Supported"]`,
 * `["Noted"]`, or both for a split position (→ `supported_in_part`).
 * Returns `{ position }`, or `{ unknown }` with the labels we cannot read.
 */
export function positionFromLabels(labels: readonly string[]): { position: Position | null; unknown: string[] } {
  let supported = false;
  let noted = false;
  let partial = false;
  const unknown: string[] = [];
  for (const label of labels) {
    const p = positionFromLabel(label);
    if (p === 'supported') supported = true;
    else if (p === 'noted') noted = true;
    else if (p === 'supported_in_part') partial = true;
    else if (p === undefined) unknown.push(label);
  }
  const position: Position | null =
    partial || (supported && noted) ? 'supported_in_part' : supported ? 'supported' : noted ? 'noted' : null;
  return { position, unknown };
}

// ---------------------------------------------------------------------------
// Recommending States in parentheses

/**
 * Split a list of State names on `,` or `;` outside parentheses:
 * `"Senegal, Venezuela (Bolivarian Republic of),Peru"` →
 * `["Senegal", "Venezuela (Bolivarian Republic of)", "Peru"]`. Names stay as written.
 */
export function splitStateList(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */) depth = Math.max(0, depth - 1);
    else if ((c === 44 /* , */ || c === 59 /* ; */) && depth === 0) {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return uniqueNonEmpty(out.map((s) => s.trim()));
}

const TRAILING_PUNCTUATION = /[\s;.,]+$/;

/**
 * The parenthetical groups at the very end of a UPR recommendation, outermost
 * first in reading order: `"Ratify ICRMW (Senegal) (Peru);"` → `["Senegal", "Peru"]`,
 * `"… (ICRMW) (Iran (Islamic Republic of));"` → `["ICRMW", "Iran (Islamic Republic of)"]`.
 */
export function trailingParentheticals(text: string): string[] {
  const s = text.replace(TRAILING_PUNCTUATION, '');
  const groups: string[] = [];
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 41 /* ) */) {
    let depth = 0;
    let i = end - 1;
    for (; i >= 0; i--) {
      const c = s.charCodeAt(i);
      if (c === 41) depth++;
      else if (c === 40 && --depth === 0) break;
    }
    if (i < 0) break; // unbalanced
    groups.unshift(s.slice(i + 1, end - 1).trim());
    end = i;
    while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  }
  return groups;
}

const HAS_DIGIT = /\d/;
const ACRONYM = /^[\p{Lu}\d\s\-–/.&]+$/u;

/**
 * Whether a parenthetical looks like a State name rather than a treaty
 * acronym (`ICRMW`, `OP-CAT`) or a convention number (`No. 29`): no digits,
 * not all capitals, and at least one letter.
 */
export function looksLikeStateName(value: string): boolean {
  if (!value || HAS_DIGIT.test(value)) return false;
  if (!/\p{L}/u.test(value)) return false;
  if (ACRONYM.test(value)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Encodings

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The bytes as UTF-8 text, or null when they are not valid UTF-8. A BOM is removed. */
export function decodeUtf8Strict(input: Uint8Array): string | null {
  try {
    return utf8Strict.decode(input);
  } catch {
    return null;
  }
}

/**
 * The bytes as Unicode text when they say so: UTF-16 with a BOM, or valid
 * UTF-8 (with or without BOM). Null otherwise. A BOM is removed.
 */
export function decodeUnicode(input: Buffer): { text: string; encoding: string } | null {
  if (input.length >= 2 && input[0] === 0xff && input[1] === 0xfe) {
    return { text: iconv.decode(input.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (input.length >= 2 && input[0] === 0xfe && input[1] === 0xff) {
    return { text: iconv.decode(input.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  const utf8 = decodeUtf8Strict(input);
  return utf8 === null ? null : { text: utf8, encoding: 'utf-8' };
}

/**
 * Text from bytes of unknown encoding: Unicode when the bytes say so (see
 * {@link decodeUnicode}), else the `fallback` single-byte encoding (an
 * iconv-lite name: `macintosh` for old Mac Excel exports). Returns the encoding used.
 */
export function decodeText(input: Buffer, fallback: string): { text: string; encoding: string } {
  return decodeUnicode(input) ?? { text: iconv.decode(input, fallback), encoding: fallback };
}

/** A value for a message: quoted and shortened. */
export function quote(value: unknown, max = 60): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const one = s.replace(WHITESPACE_RUN, ' ');
  return JSON.stringify(one.length > max ? `${one.slice(0, max - 1)}…` : one);
}
