/**
 * The contract between a format parser and the import writer.
 *
 * A parser reads bytes and yields one ParsedRecommendation per source record,
 * with labels still as the source wrote them (minus format quirks: `- `
 * prefixes, embedded paragraph numbers, Excel serial dates, encodings). The
 * resolver then maps labels to reference data (mechanisms, States, terms), and
 * the writer stores the batch in one transaction.
 */
import { readReason, type ReasonCode } from './reasons';

export { IMPORT_FORMATS, type ImportFormat } from '../../../../shared/imports';

export type RecommendationKind = 'recommendation' | 'observation' | 'pledge' | 'operative_point';
export type Position = 'supported' | 'noted' | 'supported_in_part';

export interface ParsedRecommendation {
  /** Where the record starts in the file: line for text formats, row for XLSX, index+1 for JSON. */
  line: number;
  /** The source's own stable id, e.g. `{ scheme: 'uhri', value: '<AnnotationId>' }`. */
  externalId?: { scheme: string; value: string } | null;
  /** Mechanism as the source names it: acronym (`CRC`), UHRI label (`SR Torture`) or full name. */
  mechanism: string;
  kind: RecommendationKind;
  /** States under review as the source names them (UN name, ISO2/ISO3, dirty values included). */
  countries: string[];
  symbol?: string | null;
  paragraph?: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date?: string | null;
  cycle?: number | null;
  session?: number | null;
  position?: Position | null;
  positionSource?: string | null;
  /** Recommending States as the source names them. */
  recommendingStates?: string[];
  /** ISO 639-1 code of `text`. */
  language: string;
  /** Plain text, without the embedded paragraph number, HTML decoded and stripped. */
  text: string;
  themes?: string[];
  affectedPersons?: string[];
  /** SDG codes only: goals as `"16"`, targets as `"16.2"` / `"4.a"`. */
  sdgs?: string[];
  uprInfoIssues?: string[];
  /** UPR Info action category 1–5. */
  uprInfoAction?: number | null;
}

/**
 * A record the parser could not read: reported with file, line, field and
 * reason. The reason is English, one of the catalogue's (reasons.ts): the web
 * import reads it back and shows it in the reader's language.
 */
export interface RowIssue {
  /** The record's line (text formats), position (JSON array) or row (XLSX): see {@link IssuePlace}. */
  line: number;
  field: string;
  reason: string;
  /** The record's own id, when it has one (shown for JSON records, whose position is hard to find). */
  recordId?: string;
}

/**
 * What an issue's `line` counts, for saying where it is in the user's terms:
 * lines of a text file, records of a JSON array, rows of a worksheet.
 */
export type IssuePlace = { unit: 'line' } | { unit: 'record' } | { unit: 'row'; sheet: string };

export interface ParseResult {
  records: ParsedRecommendation[];
  issues: RowIssue[];
  /** What `line` counts in this file; lines when absent. */
  place?: IssuePlace;
}

/**
 * The file as a whole is not what it claims to be (wrong format, truncated,
 * binary, empty). Its message is the one-line English reason shown to the
 * user; `code` and `params` are the same reason as data, for showing it in
 * another language (code null: a message the catalogue does not hold).
 */
export class ImportFileError extends Error {
  readonly code: ReasonCode | null;
  readonly params: Readonly<Record<string, string>>;

  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
    const reason = readReason(message);
    this.code = reason?.code ?? null;
    this.params = reason?.params ?? {};
  }
}

export type Parser = (input: Buffer, fileName: string) => Promise<ParseResult>;
