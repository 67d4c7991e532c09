/**
 * Right-to-left and mixed-direction paragraphs in the report's PDF (pdf-layout.worker.mjs). Plain
 * JavaScript, like the worker.
 *
 * PDFKit sets text through fontkit, which shapes Arabic (each letter in its isolated, initial,
 * medial or final form, lam-alef ligatures) but knows nothing of the Unicode bidirectional
 * algorithm: it lays a string out in the direction of the script of its first letter, and PDFKit
 * wraps lines over the order in which the text was typed. A paragraph with right-to-left letters
 * (or, in a right-to-left report, any paragraph but one written in left-to-right letters only) is
 * therefore laid out here:
 *   1. its base direction: in a right-to-left report, right to left; otherwise that of its first
 *      strong letter (UAX #9, P2–P3);
 *   2. its embedding levels (bidi-js, UAX #9);
 *   3. wrapped into lines over the typed order, each word measured as shaped;
 *   4. each line reordered for display (L1–L2, bidi-js), mirrored characters swapped (L4), and cut
 *      into runs of one level that fontkit lays out as they must read: a right-to-left run goes in
 *      typed order (fontkit shapes it, then reverses it), a left-to-right run (digits,
 *      "A/HRC/40/12", a Latin name) as it is; a run that fontkit would read the other way (only
 *      punctuation and spaces at a right-to-left level, Arabic-Indic digits at a left-to-right one,
 *      neither of which joins) goes already reversed. Each run is set at its own x; a right-to-left
 *      line is aligned right, a left-to-right one left.
 * Other paragraphs keep PDFKit's own wrapping (needsBidi is false): their output does not change.
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/** Scripts that fontkit lays out right to left (the ones that occur in practice). */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
/** Characters of no particular script (spaces, punctuation, European digits, combining marks). */
const NO_SCRIPT = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
/** PDFKit lays out a string given `features` in one piece (without, it splits it at spaces and caches each word). */
const WHOLE = { lineBreak: false, features: [] };

/** The direction fontkit would lay `char` out in: 'rtl', 'ltr', or null when its script says nothing. */
function scriptDirection(char) {
  if (NO_SCRIPT.test(char)) return null;
  return RTL_SCRIPT.test(char) ? 'rtl' : 'ltr';
}

/** 'ltr' or 'rtl' for the first strong letter of `text`, null when it has none. */
function firstStrong(text) {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return null;
}

/**
 * The paragraph's base direction when it must be laid out here, else null (PDFKit sets it).
 * `reportRtl`: the report's language is written right to left.
 */
export function bidiDirection(text, reportRtl) {
  if (!RTL_SCRIPT.test(text)) return reportRtl && firstStrong(text) !== 'ltr' ? 'rtl' : null;
  return reportRtl ? 'rtl' : (firstStrong(text) ?? 'ltr');
}

const reversed = (text) => [...text].reverse().join('');

/**
 * Lines of `text` (start inclusive, end exclusive, without the spaces between lines) no wider than
 * `width` in the current font: words go whole, and a word wider than a line is cut between characters.
 */
function wrap(doc, text, width) {
  const lines = [];
  let start = -1;
  let end = 0;
  let lineWidth = 0;
  for (const match of text.matchAll(/\S+/g)) {
    const wordEnd = match.index + match[0].length;
    let at = match.index;
    let wordWidth = doc.widthOfString(match[0]);
    if (start >= 0) {
      const joined = lineWidth + doc.widthOfString(text.slice(end, at)) + wordWidth;
      if (joined <= width) {
        lineWidth = joined;
        end = wordEnd;
        continue;
      }
      lines.push([start, end]);
      start = -1;
    }
    // A word wider than the line: as many characters as fit on each line.
    while (at < wordEnd && wordWidth > width) {
      let cut = at;
      let cutWidth = 0;
      for (const char of text.slice(at, wordEnd)) {
        const charWidth = doc.widthOfString(char);
        if (cut > at && cutWidth + charWidth > width) break;
        cut += char.length;
        cutWidth += charWidth;
      }
      lines.push([at, cut]);
      at = cut;
      wordWidth = doc.widthOfString(text.slice(at, wordEnd));
    }
    if (at < wordEnd) {
      start = at;
      end = wordEnd;
      lineWidth = wordWidth;
    }
  }
  if (start >= 0) lines.push([start, end]);
  return lines;
}

/** The code point starting or containing UTF-16 index `i`. */
function charAt(text, i) {
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return String.fromCodePoint(text.codePointAt(i - 1));
  return String.fromCodePoint(text.codePointAt(i));
}

/**
 * The runs of one line [start, end) in display order, left to right: each the string to give
 * fontkit so that it comes out as it must read.
 */
export function visualRuns(text, embedding, start, end) {
  const order = [];
  for (let i = start; i < end; i++) order.push(i);
  for (const [from, to] of bidi.getReorderSegments(text, embedding, start, end - 1)) {
    for (let a = from - start, b = to - start; a < b; a++, b--) [order[a], order[b]] = [order[b], order[a]];
  }
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels, start, end - 1);
  const runs = [];
  let run = null;
  for (const i of order) {
    const level = embedding.levels[i];
    const direction = scriptDirection(charAt(text, i));
    const follows = run && run.level === level && (level & 1 ? i === run.low - 1 : i === run.high + 1)
      && (direction === null || run.direction === null || direction === run.direction);
    if (follows) {
      if (level & 1) run.low = i;
      else run.high = i;
      run.direction ??= direction;
    } else {
      run = { level, low: i, high: i, direction };
      runs.push(run);
    }
  }
  return runs.map(({ level, low, high, direction }) => {
    let typed = '';
    for (let i = low; i <= high; i++) typed += mirrored.get(i) ?? text[i];
    const wanted = level & 1 ? 'rtl' : 'ltr';
    return (direction ?? 'ltr') === wanted ? typed : reversed(typed);
  });
}

/**
 * Sets `text` (one or more paragraphs) in the current font from doc.y down, in the box
 * [x, x + width], with base direction `direction` (bidiDirection): right-aligned when right to
 * left (or centred with `center`); `indent` narrows the box at the start of the line (the right
 * for right to left). Starts a new page when a line does not fit, as PDFKit does; leaves doc.y
 * below the last line and doc.x at x.
 */
export function bidiText(doc, text, direction, { x, width, indent = 0, center = false }) {
  const boxX = direction === 'rtl' ? x : x + indent;
  const boxWidth = width - indent;
  for (const paragraph of text.split('\n')) {
    const embedding = bidi.getEmbeddingLevels(paragraph, direction);
    for (const [start, end] of wrap(doc, paragraph, boxWidth)) {
      const lineHeight = doc.currentLineHeight(true);
      if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      const runs = visualRuns(paragraph, embedding, start, end).map((run) => ({ run, width: doc.widthOfString(run, WHOLE) }));
      const lineWidth = runs.reduce((sum, r) => sum + r.width, 0);
      let at = center ? boxX + (boxWidth - lineWidth) / 2 : direction === 'rtl' ? boxX + boxWidth - lineWidth : boxX;
      for (const { run, width: runWidth } of runs) {
        doc.text(run, at, y, WHOLE);
        at += runWidth;
      }
      doc.y = y + lineHeight;
    }
  }
  doc.x = x;
}
