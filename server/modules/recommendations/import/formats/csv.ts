/**
 * A small RFC 4180 CSV reader that knows where each record starts.
 *
 * Why not csv-parse: row issues must carry the line on which a record
 * starts as the user sees it in an editor, across quoted multi-line cells and
 * any of CR (old Mac Excel), LF and CRLF line endings, mixed in one file.
 * One pass over the string, no per-row allocation beyond the cells.
 */
import { ImportFileError } from '../types';

export interface CsvRow {
  /** 1-based line on which the record starts (the header is line 1 in a typical file). */
  line: number;
  cells: string[];
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/**
 * Parse CSV text. Quoted cells may hold delimiters, doubled quotes and line
 * breaks. Lenient like spreadsheet programs: a quote inside an unquoted cell
 * is kept as a character, and characters after a closing quote are appended.
 * Rows whose cells are all empty are skipped. An unclosed quote at the end of
 * the text is a file error (a truncated or malformed file).
 */
export function parseCsv(text: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let rowLine = 1;
  let rowHasContent = false;

  const endRow = () => {
    if (rowHasContent) rows.push({ line: rowLine, cells });
    cells = [];
    rowHasContent = false;
  };

  while (i <= n) {
    if (i === n) {
      // End of text: close the last row if it has anything in it.
      if (cells.length > 0) endRow();
      break;
    }
    if (cells.length === 0) rowLine = line;
    let value: string;
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      const startLine = line;
      let parts = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          throw new ImportFileError(
            `the file ends inside a quoted cell that starts on line ${startLine} (a missing closing quote, or a truncated file)`,
          );
        }
        const chunk = text.slice(j, q);
        line += countLineBreaks(chunk);
        parts += chunk;
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (lenient).
      let k = j;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === delim || d === CR || d === LF) break;
        k++;
      }
      value = k > j ? parts + text.slice(j, k) : parts;
      i = k;
    } else {
      let k = i;
      while (k < n) {
        c = text.charCodeAt(k);
        if (c === delim || c === CR || c === LF) break;
        k++;
      }
      value = text.slice(i, k);
      i = k;
    }
    cells.push(value);
    if (value !== '' && !rowHasContent && value.trim() !== '') rowHasContent = true;
    if (i >= n) {
      endRow();
      break;
    }
    c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i === n) {
        cells.push('');
        endRow();
        break;
      }
      continue;
    }
    // A line break: CRLF, CR or LF.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    endRow();
  }
  return rows;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}

/**
 * The delimiter of a CSV file, from its first line: `,`, `;` or a tab,
 * whichever occurs most outside quotes (`,` on a tie or when none occurs).
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === CR || c === LF) break;
      if (c === 44) commas++;
      else if (c === 59) semicolons++;
      else if (c === 9) tabs++;
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/** Normalised header name: trimmed, lower case, spaces and hyphens as `_`. */
export function headerKey(name: string): string {
  return name.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Column index by normalised header name (first occurrence wins). */
export function headerIndex(cells: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  cells.forEach((name, i) => {
    const key = headerKey(name);
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}
