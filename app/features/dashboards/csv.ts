/** The CSV a chart's "Download CSV" saves: the rows of its data table. */

/**
 * A cell a spreadsheet would run as a formula (it begins with = + - @, a tab
 * or a carriage return) gets a leading apostrophe, so it is read as text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 lines (CRLF), every cell neutralised then quoted when needed. */
export function toCsv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map((cell) => quoteCell(neutraliseCell(String(cell)))).join(',')).join('\r\n') + '\r\n';
}

/** With a byte-order mark, so that spreadsheet programs read UTF-8 (accents, other scripts). */
export function csvBlob(rows: (string | number)[][]): Blob {
  return new Blob(['\ufeff', toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
