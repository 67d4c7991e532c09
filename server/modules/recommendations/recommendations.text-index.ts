/**
 * The text half of the facet index: for each lexeme of the catalogue's search
 * vectors, the rows that contain it (postings), and the evaluation of a
 * PostgreSQL tsquery over them.
 *
 * PostgreSQL still turns the reader's words into a tsquery (nmirf_search_query:
 * stemming, unaccent, every language); what it no longer does is visit the
 * heap row of every match to say which rows match, which at 300k records cost
 * up to 300 ms for a common word. Evaluating `&`, `|`, `!` and prefixes over
 * postings gives exactly the rows that `search_vector @@ tsquery` gives. Word
 * order (`<->`, quoted phrases) and weights are not in the postings: for such a
 * query the postings give the rows that surely match and those that may
 * (boundTsquery), and PostgreSQL checks only the latter.
 *
 * The postings loaded with the index are frozen (one array); rows patched in
 * later (recommendations.facet-index.ts) are appended to AddedPostings, and a
 * PatchedPostings is one index version's view of both: the rows it holds.
 */

export type TsqueryNode =
  | { op: 'lexeme'; lexeme: string; prefix: boolean; weighted: boolean }
  | { op: 'not'; arg: TsqueryNode }
  | { op: 'and' | 'or' | 'phrase'; left: TsqueryNode; right: TsqueryNode };

/**
 * Parses the text form of a tsquery as PostgreSQL prints it (`'a' & !( 'b' <-> 'c' ) | 'd':*`).
 * Null for the empty query (it matches nothing); throws on anything it does not know.
 * `spans`, when given, receives each node's text (start and end in `text`).
 */
export function parseTsquery(text: string, spans?: Map<TsqueryNode, [number, number]>): TsqueryNode | null {
  let i = 0;
  const spanned = <T extends TsqueryNode>(node: T, start: number): T => { spans?.set(node, [start, i]); return node; };
  const skipSpaces = () => { while (text[i] === ' ') i++; };
  const fail = (): never => { throw new Error(`unexpected tsquery text at ${i}: ${text}`); };

  function primary(): TsqueryNode {
    skipSpaces();
    const start = i;
    if (text[i] === '!') { i++; return spanned({ op: 'not', arg: primary() }, start); }
    if (text[i] === '(') {
      i++;
      const node = or();
      skipSpaces();
      if (text[i] !== ')') fail();
      i++;
      return node;
    }
    if (text[i] !== "'") fail();
    i++;
    let lexeme = '';
    for (;;) {
      if (i >= text.length) fail();
      if (text[i] === "'") {
        if (text[i + 1] === "'") { lexeme += "'"; i += 2; continue; }
        i++;
        break;
      }
      if (text[i] === '\\') fail(); // escaped backslashes: leave such rare lexemes to PostgreSQL
      lexeme += text[i++];
    }
    let prefix = false;
    let weighted = false;
    if (text[i] === ':') {
      i++;
      while (i < text.length && /[*ABCDabcd]/.test(text[i])) {
        if (text[i] === '*') prefix = true;
        else weighted = true;
        i++;
      }
    }
    return spanned({ op: 'lexeme', lexeme, prefix, weighted }, start);
  }

  function phrase(): TsqueryNode {
    skipSpaces();
    const start = i;
    let left = primary();
    for (;;) {
      skipSpaces();
      if (text[i] !== '<') return left;
      const close = text.indexOf('>', i);
      if (close < 0 || !/^<(-|\d+)>$/.test(text.slice(i, close + 1))) fail();
      i = close + 1;
      left = spanned({ op: 'phrase', left, right: primary() }, start);
    }
  }

  function and(): TsqueryNode {
    skipSpaces();
    const start = i;
    let left = phrase();
    for (;;) {
      skipSpaces();
      if (text[i] !== '&') return left;
      i++;
      left = spanned({ op: 'and', left, right: phrase() }, start);
    }
  }

  function or(): TsqueryNode {
    skipSpaces();
    const start = i;
    let left = and();
    for (;;) {
      skipSpaces();
      if (text[i] !== '|') return left;
      i++;
      left = spanned({ op: 'or', left, right: and() }, start);
    }
  }

  skipSpaces();
  if (i >= text.length) return null;
  const node = or();
  skipSpaces();
  if (i < text.length) fail();
  return node;
}

/** Rows as a bit set: bit r of word r >> 5. */
export type RowSet = Uint32Array;

export interface Postings {
  size: number;
  /** Rows that hold a lexeme, ascending; undefined when no row does. */
  rowsOf(lexeme: string): Int32Array | undefined;
  /** Every lexeme that starts with `prefix`. */
  lexemesStartingWith(prefix: string): Iterable<string>;
}

/**
 * What the postings can say of a tsquery: the rows that surely match it and the rows that may
 * (`possible` holds `sure`; the same array when the postings tell exactly).
 *
 * Word order and weights are not in the postings, so a phrase (`'a' <-> 'b'`, `<N>`) or a
 * weighted lexeme (`'a':A`) surely matches no row and may match the rows that hold all of its words
 * (inside a phrase a `!` may hold anywhere: every row). `!` swaps the two bounds, `&` and `|` apply
 * to each. PostgreSQL then has to check only the rows in `possible` but not in `sure`.
 */
export interface TsqueryBounds { sure: RowSet; possible: RowSet }

export function boundTsquery(node: TsqueryNode, postings: Postings): TsqueryBounds {
  const words = (postings.size + 31) >>> 5;
  const extra = words * 32 - postings.size; // no rows past the last one
  const mask = (set: RowSet) => { if (extra > 0) set[words - 1] &= 0xffffffff >>> extra; return set; };
  const complement = (set: RowSet) => { const out = new Uint32Array(words); for (let w = 0; w < words; w++) out[w] = ~set[w]; return mask(out); };
  const combine = (op: 'and' | 'or', a: RowSet, b: RowSet, into: RowSet = new Uint32Array(words)): RowSet => {
    if (op === 'and') for (let w = 0; w < words; w++) into[w] = a[w] & b[w];
    else for (let w = 0; w < words; w++) into[w] = a[w] | b[w];
    return into;
  };

  function lexemeRows(n: Extract<TsqueryNode, { op: 'lexeme' }>): RowSet {
    const set = new Uint32Array(words);
    const add = (lexeme: string) => {
      const rows = postings.rowsOf(lexeme);
      if (rows) for (let k = 0; k < rows.length; k++) set[rows[k] >>> 5] |= 1 << (rows[k] & 31);
    };
    if (n.prefix) for (const lexeme of postings.lexemesStartingWith(n.lexeme)) add(lexeme);
    else add(n.lexeme);
    return set;
  }

  /** Rows that may match `n` as a part of a phrase. */
  function inPhrase(n: TsqueryNode): RowSet {
    switch (n.op) {
      case 'lexeme': return lexemeRows(n);
      case 'not': return complement(new Uint32Array(words));
      case 'or': return combine('or', inPhrase(n.left), inPhrase(n.right));
      default: return combine('and', inPhrase(n.left), inPhrase(n.right)); // and, phrase
    }
  }

  function bound(n: TsqueryNode): TsqueryBounds {
    switch (n.op) {
      case 'lexeme': {
        const rows = lexemeRows(n);
        return n.weighted ? { sure: new Uint32Array(words), possible: rows } : { sure: rows, possible: rows };
      }
      case 'phrase': return { sure: new Uint32Array(words), possible: inPhrase(n) };
      case 'not': {
        const arg = bound(n.arg);
        const sure = complement(arg.possible);
        return arg.sure === arg.possible ? { sure, possible: sure } : { sure, possible: complement(arg.sure) };
      }
      default: {
        const a = bound(n.left);
        const b = bound(n.right);
        if (a.sure === a.possible && b.sure === b.possible) {
          const set = combine(n.op, a.sure, b.sure, a.sure);
          return { sure: set, possible: set };
        }
        return { sure: combine(n.op, a.sure, b.sure), possible: combine(n.op, a.possible, b.possible) };
      }
    }
  }

  return bound(node);
}

/** Whether the postings tell exactly which rows match `node` (no phrase, no weighted lexeme). */
function exact(node: TsqueryNode): boolean {
  switch (node.op) {
    case 'lexeme': return !node.weighted;
    case 'phrase': return false;
    case 'not': return exact(node.arg);
    default: return exact(node.left) && exact(node.right);
  }
}

/**
 * A tsquery, as text, that answers as `node` (which the postings cannot tell exactly) does on every
 * row that may but not surely match it (boundTsquery's `possible` but not `sure`): what PostgreSQL
 * has to check on those rows. `text` gives a node's text as parsed (parseTsquery's `spans`).
 *
 * Why: on those rows an exact operand of `|` is false (else the row would surely match), so it is
 * left out, down to a phrase or to an `|` whose operands are both inexact; an exact operand of `&`
 * is true there and stays (it costs little, and it lets PostgreSQL's text index narrow the rows it
 * reads); `!` keeps its operand's rows. `"death penalty" OR torture -children` then checks
 * `'death' <-> 'penalti' | …` on the rows holding both words, which the text index finds without
 * the rows of `torture -children`. Repeated OR branches (each language's reading of the same phrase)
 * are given once: a row matches a disjunction whatever the order and repeats of its branches.
 */
export function tsqueryToCheck(node: TsqueryNode, text: (node: TsqueryNode) => string): string {
  switch (node.op) {
    case 'not': return `!( ${tsqueryToCheck(node.arg, text)} )`;
    case 'and':
      if (exact(node.right)) return `( ${tsqueryToCheck(node.left, text)} ) & ( ${text(node.right)} )`;
      if (exact(node.left)) return `( ${text(node.left)} ) & ( ${tsqueryToCheck(node.right, text)} )`;
      return text(node);
    case 'or': {
      if (exact(node.right)) return tsqueryToCheck(node.left, text);
      if (exact(node.left)) return tsqueryToCheck(node.right, text);
      const branches: string[] = [];
      const collect = (n: TsqueryNode) => { if (n.op === 'or') { collect(n.left); collect(n.right); } else branches.push(`( ${text(n)} )`); };
      collect(node);
      return [...new Set(branches)].join(' | ');
    }
    default: return text(node);
  }
}

/** Rows that match `node`, exactly; null when the postings cannot tell (phrases, weights). */
export function evaluateTsquery(node: TsqueryNode, postings: Postings): RowSet | null {
  const { sure, possible } = boundTsquery(node, postings);
  if (sure === possible) return sure;
  for (let w = 0; w < sure.length; w++) if (sure[w] !== possible[w]) return null;
  return sure;
}

/** Postings built row by row (rows in ascending order), then frozen into one array. */
export class PostingsBuilder {
  private readonly codes = new Map<string, number>();
  private readonly lexemes: string[] = [];
  private rowCodes = new Int32Array(1 << 16);
  private rowOffsets: Int32Array;
  private used = 0;

  constructor(capacity: number) { this.rowOffsets = new Int32Array(capacity + 1); }

  /** The lexemes of row `row` (which must be the next row), joined by `separator`. */
  add(row: number, joined: string | null, separator: string) {
    if (joined) {
      for (const lexeme of joined.split(separator)) {
        let code = this.codes.get(lexeme);
        if (code === undefined) {
          code = this.lexemes.length;
          this.lexemes.push(lexeme);
          this.codes.set(lexeme, code);
        }
        if (this.used === this.rowCodes.length) {
          const grown = new Int32Array(this.rowCodes.length * 2);
          grown.set(this.rowCodes);
          this.rowCodes = grown;
        }
        this.rowCodes[this.used++] = code;
      }
    }
    this.rowOffsets[row + 1] = this.used;
  }

  build(size: number): FrozenPostings {
    const counts = new Int32Array(this.lexemes.length + 1);
    for (let k = 0; k < this.used; k++) counts[this.rowCodes[k] + 1]++;
    for (let c = 0; c < this.lexemes.length; c++) counts[c + 1] += counts[c];
    const offsets = counts.slice();
    const rows = new Int32Array(this.used);
    for (let row = 0; row < size; row++) {
      for (let k = this.rowOffsets[row], end = this.rowOffsets[row + 1]; k < end; k++) rows[counts[this.rowCodes[k]]++] = row;
    }
    return new FrozenPostings(size, this.codes, [...this.lexemes].sort(), offsets, rows);
  }
}

export class FrozenPostings implements Postings {
  constructor(readonly size: number, private readonly codes: Map<string, number>, private readonly sorted: string[],
    private readonly offsets: Int32Array, private readonly rows: Int32Array) {}

  has(lexeme: string): boolean {
    return this.codes.has(lexeme);
  }

  rowsOf(lexeme: string): Int32Array | undefined {
    const code = this.codes.get(lexeme);
    return code === undefined ? undefined : this.rows.subarray(this.offsets[code], this.offsets[code + 1]);
  }

  *lexemesStartingWith(prefix: string): Iterable<string> {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (this.sorted[mid] < prefix) lo = mid + 1; else hi = mid; }
    for (let k = lo; k < this.sorted.length && this.sorted[k].startsWith(prefix); k++) yield this.sorted[k];
  }

  bytes(): number {
    return this.offsets.byteLength + this.rows.byteLength;
  }

  get lexemeCount(): number {
    return this.sorted.length;
  }
}

/**
 * Rows patched in after the load, by lexeme, in the order they were written (ascending: rows are
 * only ever appended). Shared by every version of one index: a version reads the rows below its size.
 */
export class AddedPostings {
  readonly lists = new Map<string, number[]>();
  /** Lexemes the frozen postings do not hold, for prefix queries. */
  readonly fresh: string[] = [];
  private entries = 0;

  constructor(private readonly base: FrozenPostings) {}

  add(row: number, joined: string | null, separator: string) {
    if (!joined) return;
    for (const lexeme of joined.split(separator)) {
      const list = this.lists.get(lexeme);
      if (list) list.push(row);
      else {
        this.lists.set(lexeme, [row]);
        if (!this.base.has(lexeme)) this.fresh.push(lexeme);
      }
      this.entries++;
    }
  }

  /** Roughly: 8 bytes an entry, 64 a lexeme. */
  bytes(): number {
    return this.entries * 8 + this.lists.size * 64;
  }
}

/** One index version's postings: the frozen ones and the rows added below `size`. */
export class PatchedPostings implements Postings {
  constructor(readonly size: number, private readonly base: FrozenPostings, private readonly added: AddedPostings) {}

  rowsOf(lexeme: string): Int32Array | undefined {
    const base = this.base.rowsOf(lexeme);
    const list = this.added.lists.get(lexeme);
    if (!list) return base;
    let n = list.length;
    while (n > 0 && list[n - 1] >= this.size) n--; // rows added after this version
    if (n === 0) return base;
    const baseLength = base?.length ?? 0;
    const rows = new Int32Array(baseLength + n);
    if (base) rows.set(base);
    for (let k = 0; k < n; k++) rows[baseLength + k] = list[k];
    return rows;
  }

  *lexemesStartingWith(prefix: string): Iterable<string> {
    yield* this.base.lexemesStartingWith(prefix);
    for (const lexeme of this.added.fresh) if (lexeme.startsWith(prefix)) yield lexeme;
  }
}
