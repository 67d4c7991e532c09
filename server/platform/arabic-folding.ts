/**
 * Arabic written in any of its usual ways reads as one text: the folding that search applies to
 * texts and queries (nmirf_fold_arabic, migration 0040) and the text features apply before their
 * own folding (learning/text normalise). The two must stay the same: a test compares them on every
 * character of the Arabic block.
 *
 * - harakat (U+064B–U+065F: fatha, damma, kasra, tanwin, shadda, sukun, hamza marks…), the
 *   superscript alef (U+0670) and the tatweel (U+0640) are dropped;
 * - أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي;
 * - Arabic-Indic digits (٠–٩, ۰–۹) → 0–9, and the Arabic comma, semicolon, question mark and percent
 *   sign → , ; ? %, so that the database reads words and numbers alike whatever its locale's
 *   character classes (under the C locale every character outside ASCII counts as a letter).
 *
 * Each character becomes one character or none: a position in the folded text maps back to the text
 * as written (foldArabicMapped), so that search snippets mark the words as they were written.
 */

const REPLACED: Record<string, string> = {
  '\u0623': '\u0627', '\u0625': '\u0627', '\u0622': '\u0627', '\u0671': '\u0627',
  '\u0649': '\u064A', '\u0629': '\u0647', '\u0624': '\u0648', '\u0626': '\u064A',
  '\u060C': ',', '\u061B': ';', '\u061F': '?', '\u066A': '%',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x0660 + d), String(d)])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x06f0 + d), String(d)])),
};
const FOLDED = /[\u0622\u0623\u0624\u0625\u0626\u0629\u0649\u0671\u060C\u061B\u061F\u066A\u0660-\u0669\u06F0-\u06F9\u064B-\u065F\u0670\u0640]/g;
const HAS_FOLDED = new RegExp(FOLDED.source);

export function foldArabic(text: string): string {
  return HAS_FOLDED.test(text) ? text.replace(FOLDED, (char) => REPLACED[char] ?? '') : text;
}

/**
 * The folded text and, for each of its positions, the position in `text` it came from
 * (`from[folded.length]` is `text.length`). Null when folding changes nothing.
 */
export function foldArabicMapped(text: string): { folded: string; from: number[] } | null {
  if (!HAS_FOLDED.test(text)) return null;
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (!HAS_FOLDED.test(char)) {
      folded += char;
      from.push(i);
      continue;
    }
    const replacement = REPLACED[char];
    if (replacement !== undefined) {
      folded += replacement;
      from.push(i);
    }
  }
  from.push(text.length);
  return { folded, from };
}
