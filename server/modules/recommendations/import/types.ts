/**
 * The contract between a format parser and the import writer.
 *
 * A parser reads bytes and yields one ParsedRecommendation per source record,
 * with labels still as the source wrote them (minus format quirks: `- `
 * prefixes, embedded paragraph numbers, Excel serial dates, encodings). The
 * resolver then maps labels to reference data (mechanisms, States, terms), and
 * the writer stores the batch in one transaction.
 */
import { type Reason, type ReasonCode, reasonText } from './reasons';

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
 * reason. The reason is data, one of the catalogue's (reasons.ts): each reader
 * writes it in its language.
 */
export interface RowIssue {
  /** The record's line (text formats), position (JSON array) or row (XLSX): see {@link IssuePlace}. */
  line: number;
  field: string;
  reason: Reason;
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
 * binary, empty). `reason` is one of the catalogue's, for each reader to write
 * in its language; the message is it in English (the command line's, the
 * log's). A bare message (null reason) is one the catalogue does not hold.
 */
export class ImportFileError extends Error {
  readonly reason: Reason | null;

  constructor(reason: Reason | string) {
    super(typeof reason === 'string' ? reason : reasonText(reason));
    this.name = 'ImportFileError';
    this.reason = typeof reason === 'string' ? null : reason;
  }

  get code(): ReasonCode | null {
    return this.reason?.code ?? null;
  }

  get params(): Readonly<Record<string, string>> {
    return this.reason?.params ?? {};
  }
}

export type Parser = (input: Buffer, fileName: string) => Promise<ParseResult>;
