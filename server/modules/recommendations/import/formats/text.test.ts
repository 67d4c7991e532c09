import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import {
  collapseWhitespace,
  cycleFromSession,
  cycleNumber,
  decodeText,
  decodeUnicode,
  excelSerialToIsoDate,
  htmlToText,
  isoDate,
  looksLikeStateName,
  positionFromLabel,
  positionFromLabels,
  sdgCode,
  sdgCodes,
  sessionNumber,
  splitDashList,
  splitParagraph,
  splitStateList,
  stripDashPrefix,
  trailingParentheticals,
} from './text';

const DATA = new URL('../../../../../../shared/data/', import.meta.url).pathname;

describe('stripDashPrefix and splitDashList', () => {
  it('removes the UHRI "- " prefix once and trims', () => {
    expect(stripDashPrefix('- UPR')).toBe('UPR');
    expect(stripDashPrefix('  -  SR Torture ')).toBe('SR Torture');
    expect(stripDashPrefix('- 16 - PEACE, JUSTICE')).toBe('16 - PEACE, JUSTICE');
    expect(stripDashPrefix('Peru')).toBe('Peru');
    expect(stripDashPrefix('- IE  Albinism')).toBe('IE Albinism');
    expect(stripDashPrefix('- ')).toBe('');
    expect(stripDashPrefix(' Rights\u00a0of the  child ')).toBe('Rights of the child');
  });

  it('keeps a hyphen that is part of the value', () => {
    expect(stripDashPrefix('CRC-OP-SC')).toBe('CRC-OP-SC');
    expect(stripDashPrefix('-5 degrees')).toBe('-5 degrees');
  });

  it('splits a multi-value cell on any line break, dropping blanks and duplicates', () => {
    expect(splitDashList('- Peru\r\n- Chile\n\n- Peru\r- Bolivia (Plurinational State of)')).toEqual([
      'Peru',
      'Chile',
      'Bolivia (Plurinational State of)',
    ]);
    expect(splitDashList('')).toEqual([]);
    expect(splitDashList('- Single value')).toEqual(['Single value']);
  });
});

describe('htmlToText', () => {
  it('strips tags, decodes entities and collapses whitespace', () => {
    expect(htmlToText('<p>136.1&nbsp;Ratify the <b>Convention</b> &#40;Chile&#41;;</p><p>Second&amp;third</p>')).toBe(
      '136.1 Ratify the Convention (Chile); Second&third',
    );
  });

  it('treats block tags as word breaks, not inline tags, and keeps a lone "<" of running text', () => {
    expect(htmlToText('one<br/>two<BR>three<div class="x">four</div>')).toBe('one two three four');
    expect(htmlToText('<span>inter</span><em>national</em> <a href="x">law</a>')).toBe('international law');
    expect(htmlToText('children aged < 18 & older')).toBe('children aged < 18 & older');
  });

  it('does not turn decoded entities into tags', () => {
    expect(htmlToText('&lt;p&gt; is a tag')).toBe('<p> is a tag');
  });

  it('removes comments, scripts, zero-width characters and soft hyphens', () => {
    expect(htmlToText('a<!-- note -->b<script>x()</script>c zero\u200bwidth soft\u00adhyphen')).toBe('a b c zerowidth softhyphen');
  });

  it('collapses no-break spaces and line breaks', () => {
    expect(collapseWhitespace('  a\u00a0\u00a0b\n\n c\t')).toBe('a b c');
  });
});

describe('splitParagraph', () => {
  const cases: [string, string | null, string][] = [
    // UPR working group reports
    ['136.1 Ratify the Optional Protocol (Chile);', '136.1', 'Ratify the Optional Protocol (Chile);'],
    ['136.1. Ratify the Optional Protocol', '136.1', 'Ratify the Optional Protocol'],
    ['26.49 Continue its efforts', '26.49', 'Continue its efforts'],
    ['115.3.1 Consider ratifying', '115.3.1', 'Consider ratifying'],
    // treaty bodies
    ['49. The Committee recommends', '49', 'The Committee recommends'],
    ['41.The Committee is concerned', '41', 'The Committee is concerned'],
    ['8.  (a) Adopt a law', '8 (a)', 'Adopt a law'],
    ['49 (b) Ensure that', '49 (b)', 'Ensure that'],
    ['49(b) Ensure that', '49 (b)', 'Ensure that'],
    ['49. (iv) Ensure that', '49 (iv)', 'Ensure that'],
    ['12. “Welcomes” the adoption', '12', '“Welcomes” the adoption'],
    // "para. N: M" references
    ['para. 96: 21 The Special Rapporteur recommends', '96: 21', 'The Special Rapporteur recommends'],
    ['Para 96: The Special Rapporteur recommends', '96', 'The Special Rapporteur recommends'],
    ['paras. 12.3: 4) Establish a mechanism', '12.3: 4', 'Establish a mechanism'],
    // numbers that are not paragraph numbers
    ['2030 Agenda for Sustainable Development', null, '2030 Agenda for Sustainable Development'],
    ['16 Days of Activism against Gender-Based Violence', null, '16 Days of Activism against Gender-Based Violence'],
    ['2.5 million children lack birth registration', null, '2.5 million children lack birth registration'],
    ['3. the lower-case text is not a paragraph', null, '3. the lower-case text is not a paragraph'],
    ['1000. Too many digits', null, '1000. Too many digits'],
    ['Ratify the Convention (Chile);', null, 'Ratify the Convention (Chile);'],
    ['', null, ''],
    ['12.', '12', ''],
    ['136.1', '136.1', ''],
  ];
  it.each(cases)('%j → paragraph %j', (input, paragraph, text) => {
    const split = splitParagraph(input);
    expect(split.paragraph).toBe(paragraph);
    expect(split.text).toBe(text);
  });

  it('removes a section heading that comes before the paragraph number (UHRI treaty-body records)', () => {
    expect(splitParagraph('Rural women 49.The Committee notes with concern')).toEqual({
      paragraph: '49',
      text: 'The Committee notes with concern',
      heading: 'Rural women',
    });
    expect(splitParagraph('J.Special protection measures (arts. 22, 30, 37 (b)–(d) and 38–40) 43. The Committee welcomes').paragraph).toBe('43');
    expect(splitParagraph('Excessive use of force in spring 2021 and autumn 2022 8.The Committee notes').paragraph).toBe('8');
    // Plural nouns end real headings; the singular is a reference ("recommendation 12").
    expect(splitParagraph('Discriminatory laws 12. The Committee urges').paragraph).toBe('12');
    expect(splitParagraph('Sustainable Development Goals 4. The Committee draws').paragraph).toBe('4');
  });

  it('does not take a number inside a sentence for a paragraph', () => {
    const notHeadings = [
      'The Committee recommends raising the minimum age of marriage to 18. The State party should act.',
      'Ratify ILO Convention No. 189. It should also ensure',
      'Implement recommendation 12. The Committee also urges',
      'Recalling article 4. The State party should',
      'The Committee is concerned. In 2019, 45. Others were detained',
      'Take all measures, including 12. Those measures',
      'Ratify ILO Convention 189. It should also',
    ];
    for (const text of notHeadings) {
      expect(splitParagraph(text), text).toEqual({ paragraph: null, text, heading: null });
    }
  });

  it('does not treat a long preamble as a heading', () => {
    const text = `${'word '.repeat(60)}12. The Committee`;
    expect(splitParagraph(text).paragraph).toBeNull();
  });

  describe.skipIf(!existsSync(`${DATA}uhri-labeled-examples/rule-of-law.json`))(
    'on real UHRI texts (needs ../shared/data/uhri-labeled-examples)',
    () => {
      it('finds the paragraph of every labelled UHRI example, heading or not', () => {
        const data = JSON.parse(readFileSync(`${DATA}uhri-labeled-examples/rule-of-law.json`, 'utf8')) as {
          examples: { text: string }[];
        };
        expect(data.examples.length).toBeGreaterThan(0);
        for (const { text } of data.examples) {
          const plain = collapseWhitespace(text);
          const split = splitParagraph(plain);
          expect(split.paragraph, plain.slice(0, 80)).toMatch(/^\d{1,3}$/);
          expect(split.text).toMatch(/^[\p{Lu}(]/u);
          expect(plain.endsWith(split.text)).toBe(true);
          // What was removed is the heading (if any) and the number, nothing else.
          const removed = plain.slice(0, plain.length - split.text.length);
          expect(removed.replace(/\s+/g, '')).toBe(`${split.heading ?? ''}${split.paragraph}.`.replace(/\s+/g, ''));
        }
      });
    },
  );
});

describe('sdgCode', () => {
  it('reads targets and goals from UHRI and OHCHR labels', () => {
    expect(sdgCode('16.2 - Protect children from abuse, exploitation, trafficking and violence')).toBe('16.2');
    expect(sdgCode('16 - PEACE, JUSTICE AND STRONG INSTITUTIONS')).toBe('16');
    expect(sdgCode('- 1.4 - Equal rights to economic resources')).toBe('1.4');
    expect(sdgCode('4.a - Build and upgrade education facilities')).toBe('4.a');
    expect(sdgCode('10.A - Special treatment')).toBe('10.a');
    expect(sdgCode('SDG 5')).toBe('5');
    expect(sdgCode('Goal 17: Partnerships')).toBe('17');
    expect(sdgCode('16.10')).toBe('16.10');
    expect(sdgCode('5')).toBe('5');
  });

  it('refuses labels without a valid code', () => {
    expect(sdgCode('PEACE, JUSTICE AND STRONG INSTITUTIONS')).toBeNull();
    expect(sdgCode('18 - No such goal')).toBeNull();
    expect(sdgCode('0.1 - nothing')).toBeNull();
    expect(sdgCode('2030 Agenda')).toBeNull();
    expect(sdgCode('')).toBeNull();
  });

  it('collects codes once and reports the labels it cannot read', () => {
    expect(sdgCodes(['16.2 - A', '16.2 - A again', '5 - B', 'nonsense'])).toEqual({ codes: ['16.2', '5'], invalid: ['nonsense'] });
  });

  describe.skipIf(!existsSync(`${DATA}sdg/sdg_targets.csv`))('on the real SDG list (needs ../shared/data/sdg)', () => {
    it('reads the code of every goal and target labelled "<code> - <title>"', () => {
      const codes = (file: string) =>
        readFileSync(`${DATA}sdg/${file}`, 'utf8')
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((line) => line.split(',')[0]);
      const goals = codes('sdg_goals.csv');
      const targets = codes('sdg_targets.csv');
      expect(goals).toHaveLength(17);
      expect(targets.length).toBeGreaterThan(150);
      for (const code of [...goals, ...targets]) expect(sdgCode(`${code} - Some title, with commas`)).toBe(code);
    });
  });
});

describe('excelSerialToIsoDate', () => {
  it('converts Excel 1900-system serials', () => {
    expect(excelSerialToIsoDate(44927)).toBe('2023-01-01');
    expect(excelSerialToIsoDate(46078)).toBe('2026-02-25');
    expect(excelSerialToIsoDate(46125.4996282407)).toBe('2026-04-13'); // the time of day is dropped
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(2958465)).toBe('9999-12-31');
  });

  it('refuses serials that are not dates', () => {
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(excelSerialToIsoDate(60)).toBeNull(); // Excel's phantom 29 February 1900
    expect(excelSerialToIsoDate(-5)).toBeNull();
    expect(excelSerialToIsoDate(Number.NaN)).toBeNull();
    expect(excelSerialToIsoDate(3_000_000)).toBeNull();
  });
});

describe('isoDate', () => {
  it('accepts YYYY-MM-DD, with an optional time that is dropped without time-zone shifts', () => {
    expect(isoDate('2025-02-12')).toBe('2025-02-12');
    expect(isoDate('2025-02-12T00:00:00')).toBe('2025-02-12');
    expect(isoDate('2025-03-03T10:53:45.827')).toBe('2025-03-03');
    expect(isoDate('2025-03-03T23:30:00-05:00')).toBe('2025-03-03');
    expect(isoDate('2025-03-03 10:00')).toBe('2025-03-03');
  });

  it('refuses other shapes and impossible dates', () => {
    expect(isoDate('12/02/2025')).toBeNull();
    expect(isoDate('2025-2-12')).toBeNull();
    expect(isoDate('2025-02-30')).toBeNull();
    expect(isoDate('2023-02-29')).toBeNull();
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate('2025-02-12T00:00:00', false)).toBeNull();
  });
});

describe('UPR sessions, cycles and positions', () => {
  it('derives the cycle from the session at the documented boundaries', () => {
    expect([1, 12, 13, 26, 27, 40, 41, 48].map(cycleFromSession)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(cycleFromSession(0)).toBeNull();
    expect(cycleFromSession(2.5)).toBeNull();
  });

  it('reads session and cycle labels', () => {
    expect(sessionNumber('36th Session')).toBe(36);
    expect(sessionNumber('- 1st Session')).toBe(1);
    expect(sessionNumber('22nd session')).toBe(22);
    expect(sessionNumber(' 43 ')).toBe(43);
    expect(sessionNumber(20)).toBe(20);
    expect(sessionNumber('Session 5')).toBe(5);
    expect(sessionNumber('spring session')).toBeNull();
    expect(sessionNumber('0')).toBeNull();
    expect(cycleNumber('3rd cycle')).toBe(3);
    expect(cycleNumber(4)).toBe(4);
    expect(cycleNumber('- Cycle 2')).toBe(2);
    expect(cycleNumber('third')).toBeNull();
  });

  it('maps position labels', () => {
    expect(positionFromLabel('Supported')).toBe('supported');
    expect(positionFromLabel('- Noted')).toBe('noted');
    expect(positionFromLabel('Accepted')).toBe('supported');
    expect(positionFromLabel('supported in part')).toBe('supported_in_part');
    expect(positionFromLabel('Supported/Noted')).toBe('supported_in_part');
    expect(positionFromLabel('Tomada nota')).toBe('noted');
    expect(positionFromLabel('Apoyada')).toBe('supported');
    expect(positionFromLabel('')).toBeNull();
    expect(positionFromLabel('Pending')).toBeUndefined();
  });

  it('combines several positions: both → supported in part', () => {
    expect(positionFromLabels(['Supported'])).toEqual({ position: 'supported', unknown: [] });
    expect(positionFromLabels(['Noted'])).toEqual({ position: 'noted', unknown: [] });
    expect(positionFromLabels(['Supported', 'Noted'])).toEqual({ position: 'supported_in_part', unknown: [] });
    expect(positionFromLabels([])).toEqual({ position: null, unknown: [] });
    expect(positionFromLabels(['Supported', 'Maybe'])).toEqual({ position: 'supported', unknown: ['Maybe'] });
  });
});

describe('recommending States in parentheses', () => {
  it('splits a list of States on commas and semicolons outside parentheses', () => {
    expect(splitStateList('Senegal, Sierra Leone, Venezuela (Bolivarian Republic of),Peru, Uruguay')).toEqual([
      'Senegal',
      'Sierra Leone',
      'Venezuela (Bolivarian Republic of)',
      'Peru',
      'Uruguay',
    ]);
    expect(splitStateList('Chile; Peru')).toEqual(['Chile', 'Peru']);
    expect(splitStateList('United Kingdom of Great Britain and Northern Ireland')).toEqual([
      'United Kingdom of Great Britain and Northern Ireland',
    ]);
  });

  it('finds the trailing parenthetical groups of a recommendation', () => {
    expect(trailingParentheticals('Ratify the Convention (Slovakia) (Spain) (North Macedonia);')).toEqual([
      'Slovakia',
      'Spain',
      'North Macedonia',
    ]);
    expect(trailingParentheticals('Ratify the ICRMW (ICRMW) (Iran (Islamic Republic of));')).toEqual([
      'ICRMW',
      'Iran (Islamic Republic of)',
    ]);
    expect(trailingParentheticals('Establish a procedure (Costa Rica).')).toEqual(['Costa Rica']);
    expect(trailingParentheticals('No State here.')).toEqual([]);
    expect(trailingParentheticals('Unbalanced State here)')).toEqual([]);
  });

  it('tells State names from treaty acronyms and convention numbers', () => {
    expect(looksLikeStateName('Iran (Islamic Republic of)')).toBe(true);
    expect(looksLikeStateName('the former Yugoslav Republic of Macedonia')).toBe(true);
    expect(looksLikeStateName('Côte d’Ivoire')).toBe(true);
    expect(looksLikeStateName('ICRMW')).toBe(false);
    expect(looksLikeStateName('OP-CAT')).toBe(false);
    expect(looksLikeStateName('No. 29')).toBe(false);
    expect(looksLikeStateName('')).toBe(false);
  });
});

describe('decodeText', () => {
  it('reads valid UTF-8 as UTF-8 and removes the BOM', () => {
    expect(decodeText(Buffer.from('\ufeffCôte d’Ivoire', 'utf8'), 'macintosh')).toEqual({ text: 'Côte d’Ivoire', encoding: 'utf-8' });
  });

  it('falls back to MacRoman when the bytes are not UTF-8', () => {
    const bytes = iconv.encode('Côte d’Ivoire – réunion', 'macintosh');
    expect(decodeText(bytes, 'macintosh')).toEqual({ text: 'Côte d’Ivoire – réunion', encoding: 'macintosh' });
    expect(decodeUnicode(bytes)).toBeNull();
  });

  it('reads UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('mechanism,text', 'utf16le')]);
    expect(decodeUnicode(le)).toEqual({ text: 'mechanism,text', encoding: 'utf-16le' });
  });
});

describe.skipIf(!existsSync(`${DATA}un-mechanisms/uhri_mechanisms.csv`))(
  'UHRI body labels (needs ../shared/data/un-mechanisms)',
  () => {
    it('strips the "- " prefix of all 75 real UHRI Recommending Body labels to the documented label', () => {
      const rows = parseCsv(readFileSync(`${DATA}un-mechanisms/uhri_mechanisms.csv`, 'utf8')).slice(1);
      expect(rows.length).toBe(75);
      for (const { cells } of rows) {
        const [raw, label] = cells;
        expect(raw.startsWith('- ')).toBe(true);
        expect(stripDashPrefix(raw)).toBe(label);
      }
    });
  },
);
