import { describe, expect, it } from 'vitest';
import { boundTsquery, evaluateTsquery, parseTsquery, PostingsBuilder, tsqueryToCheck, type TsqueryNode } from './recommendations.text-index';

const rows = (set: Uint32Array | null) => {
  if (!set) return null;
  const out: number[] = [];
  for (let row = 0; row < set.length * 32; row++) if (set[row >>> 5] & (1 << (row & 31))) out.push(row);
  return out;
};

describe('tsquery over postings', () => {
  // Rows 0..3: lexemes separated by |
  const builder = new PostingsBuilder(4);
  ['educ|child', 'child|traffick', "o'brien|back\\slash", ''].forEach((joined, row) => builder.add(row, joined || null, '|'));
  const postings = builder.build(4);
  const match = (text: string) => rows(evaluateTsquery(parseTsquery(text)!, postings));

  it('parses what PostgreSQL prints: quotes, operators, precedence, parentheses, prefixes and weights', () => {
    expect(parseTsquery('')).toBeNull();
    expect(parseTsquery("'a' & !'b' | 'c'")).toEqual({ op: 'or', left: { op: 'and', left: { op: 'lexeme', lexeme: 'a', prefix: false, weighted: false }, right: { op: 'not', arg: { op: 'lexeme', lexeme: 'b', prefix: false, weighted: false } } }, right: { op: 'lexeme', lexeme: 'c', prefix: false, weighted: false } });
    expect(parseTsquery("'o''brien':*AB")).toEqual({ op: 'lexeme', lexeme: "o'brien", prefix: true, weighted: true });
    expect(parseTsquery("!( 'a' <-> 'b' ) & 'c' <2> 'd'")).toMatchObject({ op: 'and', left: { op: 'not', arg: { op: 'phrase' } }, right: { op: 'phrase' } });
    expect(() => parseTsquery("'a' &")).toThrow();
    expect(() => parseTsquery("'back\\\\slash'")).toThrow(); // left to PostgreSQL
  });

  it('evaluates and, or, not and prefixes exactly, and leaves phrases and weights to PostgreSQL', () => {
    expect(match("'child'")).toEqual([0, 1]);
    expect(match("'child' & !'traffick'")).toEqual([0]);
    expect(match("!'child'")).toEqual([2, 3]); // rows without text too, as PostgreSQL
    expect(match("'educ' | 'traffick'")).toEqual([0, 1]);
    expect(match("'chi':*")).toEqual([0, 1]);
    expect(match("'o''brien'")).toEqual([2]);
    expect(match("'nothing'")).toEqual([]);
    expect(match("'child' <-> 'educ'")).toBeNull();
    expect(match("'child':A")).toBeNull();
    expect(match("!( 'child' <-> 'educ' )")).toBeNull();
  });

  it('bounds phrases and weights: no row surely matches, the rows with all their words may', () => {
    const bounds = (text: string) => {
      const { sure, possible } = boundTsquery(parseTsquery(text)!, postings);
      return { sure: rows(sure), possible: rows(possible) };
    };
    expect(bounds("'child' <-> 'educ'")).toEqual({ sure: [], possible: [0] });
    expect(bounds("'child' <2> 'child'")).toEqual({ sure: [], possible: [0, 1] });
    expect(bounds("'child':A")).toEqual({ sure: [], possible: [0, 1] });
    // `!` swaps the bounds: a row without both words surely matches.
    expect(bounds("!( 'child' <-> 'educ' )")).toEqual({ sure: [1, 2, 3], possible: [0, 1, 2, 3] });
    expect(bounds("'child' <-> 'traffick' | 'educ'")).toEqual({ sure: [0], possible: [0, 1] });
    expect(bounds("'child' <-> 'traffick' & !'educ'")).toEqual({ sure: [], possible: [1] });
    // A `!` inside a phrase may hold at any position: every row may match.
    expect(bounds("'child' <-> !'educ'")).toEqual({ sure: [], possible: [0, 1] });
    // Exact queries: the same rows in both.
    expect(bounds("'child' & !'traffick'")).toEqual({ sure: [0], possible: [0] });
  });

  it('gives PostgreSQL the part of a query that can still change the answer of the rows that may match', () => {
    const check = (text: string) => {
      const spans = new Map<TsqueryNode, [number, number]>();
      const node = parseTsquery(text, spans)!;
      return tsqueryToCheck(node, (n) => text.slice(...spans.get(n)!));
    };
    // An exact operand of `|` is false on those rows: left out, repeated branches once.
    expect(check("'death' <-> 'penalti' | 'death' <-> 'penalty' | 'death' <-> 'penalty' | ( 'tortur' | 'torture' ) & !( 'childr' | 'children' )"))
      .toBe("( 'death' <-> 'penalti' ) | ( 'death' <-> 'penalty' )");
    expect(check("'educ' | 'child' <2> 'right':*")).toBe("'child' <2> 'right':*");
    // An exact operand of `&` is true there: it stays, for the text index to narrow the rows.
    expect(check("'death' <-> 'penalti' & !'childr'")).toBe("( 'death' <-> 'penalti' ) & ( !'childr' )");
    expect(check("( 'a' <-> 'b' | 'c' ) & 'd'")).toBe("( 'a' <-> 'b' ) & ( 'd' )");
    // `!` keeps its operand's rows; weights are read by PostgreSQL; two inexact operands stay whole.
    expect(check("!( 'a' <-> 'b' | 'c' )")).toBe("!( 'a' <-> 'b' )");
    expect(check("'a':AB | 'c'")).toBe("'a':AB");
    expect(check("'a' <-> 'b' & 'c':B")).toBe("'a' <-> 'b' & 'c':B");
    expect(check("'a' <-> ( 'b' | 'c' )")).toBe("'a' <-> ( 'b' | 'c' )");
  });
});
