import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../types';
import { detectDelimiter, headerIndex, headerKey, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads CR, LF and CRLF line endings, mixed in one file', () => {
    expect(parseCsv('a,b\rc,d\ne,f\r\ng,h')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
      { line: 4, cells: ['g', 'h'] },
    ]);
  });

  it('gives the line on which a record starts, across quoted multi-line cells', () => {
    const text = 'h1,h2\n"one\ntwo\r\nthree",x\n"four\rfive",y\nlast,z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['one\ntwo\r\nthree', 'x'] },
      { line: 5, cells: ['four\rfive', 'y'] },
      { line: 7, cells: ['last', 'z'] },
    ]);
  });

  it('handles doubled quotes, delimiters in quotes and empty cells', () => {
    expect(parseCsv('"He said ""yes"", then left",,"a,b",\n')).toEqual([
      { line: 1, cells: ['He said "yes", then left', '', 'a,b', ''] },
    ]);
  });

  it('skips blank lines and rows of empty cells but counts their lines', () => {
    expect(parseCsv('a,b\n\n,\r\n  ,\nc,d')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 5, cells: ['c', 'd'] },
    ]);
  });

  it('removes a BOM', () => {
    expect(parseCsv('\ufeffmechanism,text\nCRC,x')[0].cells).toEqual(['mechanism', 'text']);
  });

  it('is lenient with stray quotes, like spreadsheet programs', () => {
    // csv-parse's relax_quotes reads a quoted cell followed by more text as an unquoted cell: its quotes are kept.
    expect(parseCsv('a 12" screen,"quoted"tail,x')).toEqual([{ line: 1, cells: ['a 12" screen', '"quoted"tail', 'x'] }]);
  });

  it('uses the given delimiter', () => {
    expect(parseCsv('a;b,c\t1\n"x;y";z', ';')).toEqual([
      { line: 1, cells: ['a', 'b,c\t1'] },
      { line: 2, cells: ['x;y', 'z'] },
    ]);
  });

  it('reports an unclosed quote as a file error naming the line where the cell starts', () => {
    expect(() => parseCsv('a,b\nc,"unclosed\nmore')).toThrow(ImportFileError);
    expect(() => parseCsv('a,b\nc,"unclosed\nmore')).toThrow(/quoted cell that starts on line 2/);
    expect(() => parseCsv('a,b\n"c\r\nd","unclosed\nmore')).toThrow(/quoted cell that starts on line 3/);
  });

  it('parses 50,000 rows with the right line numbers (speed is for bench/, not here)', () => {
    const row = '"Afghanistan","Enact legislation, and ""protect"" women","Austria",Accepted,5,"Justice,Women\'s rights",5\r';
    const text = `To,Text,From,Response,Action,Issue,Session\r${row.repeat(50_000)}`;
    const rows = parseCsv(text);
    expect(rows).toHaveLength(50_001);
    expect(rows[50_000]).toEqual({
      line: 50_001,
      cells: ['Afghanistan', 'Enact legislation, and "protect" women', 'Austria', 'Accepted', '5', "Justice,Women's rights", '5'],
    });
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter of the header line', () => {
    expect(detectDelimiter('mechanism,country,text\n')).toBe(',');
    expect(detectDelimiter('mechanism;country;text\r\nCRC;PRY;"a, b, c, d"')).toBe(';');
    expect(detectDelimiter('mechanism\tcountry\ttext')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
    expect(detectDelimiter('text')).toBe(',');
  });
});

describe('headerKey', () => {
  it('normalises header names', () => {
    expect(headerKey(' External ID ')).toBe('external_id');
    expect(headerKey('To-Rgrp')).toBe('to_rgrp');
    expect(headerKey('\ufeffMechanism')).toBe('mechanism');
    expect([...headerIndex(['Text', 'text', 'Affected persons'])]).toEqual([
      ['text', 0],
      ['affected_persons', 2],
    ]);
  });
});
