import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv';
import { across, fitLabel, labelEvery, niceTicks, scaleLength } from './scale';

describe('CSV of a chart', () => {
  it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('neutralises %j with a leading apostrophe', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary values alone, quotes what needs quoting', () => {
    expect(neutraliseCell('Ministerio de Educación')).toBe('Ministerio de Educación');
    expect(neutraliseCell('12')).toBe('12');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(toCsv([['label', 'count'], ['Niños, niñas "y" adolescentes', 3], ['=HYPERLINK("x")', 0]]))
      .toBe('label,count\r\n"Niños, niñas ""y"" adolescentes",3\r\n"\'=HYPERLINK(""x"")",0\r\n');
  });
});

describe('chart scaling', () => {
  it('rounds the axis up to nice whole ticks that cover the largest value', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(45)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    for (const max of [1, 9, 17, 99, 101, 2999, 300000]) {
      const ticks = niceTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it('maps values to lengths within the axis', () => {
    expect(scaleLength(50, 100, 300)).toBe(150);
    expect(scaleLength(0, 100, 300)).toBe(0);
    expect(scaleLength(5, 0, 300)).toBe(0);
    expect(scaleLength(150, 100, 300)).toBe(300);
    expect(scaleLength(-3, 100, 300)).toBe(0);
  });

  it('spaces axis labels so that they fit, and cuts long labels', () => {
    expect(labelEvery(9, 600, 60)).toBe(1);
    expect(labelEvery(40, 300, 60)).toBe(8);
    expect(fitLabel('Short', 200)).toBe('Short');
    expect(fitLabel('A very long label that does not fit', 75)).toBe('A very lo…');
  });
});

describe('charts in a right-to-left language', () => {
  it('draws from the right edge in Arabic, from the left in the other languages', () => {
    expect(across('ar', 400)(0)).toBe(400); // a bar's start, the value axis: at the right edge
    expect(across('ar', 400)(10, 50)).toBe(340); // a 50-pixel bar 10 pixels in: from 340 to 390
    expect(across('en', 400)(10, 50)).toBe(10);
    expect(across('es', 400)(0)).toBe(0);
  });
});
