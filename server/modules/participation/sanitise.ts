/**
 * What people write is kept as plain text, never markup: on the way in it is
 * normalised (NFC), stripped of control characters and of the bidirectional
 * overrides and isolates that can make text display differently from what it
 * is, and capped in length; links must be http(s). On the way out the same
 * cleaning runs again, so rows written any other way are shown alike. Nothing
 * is ever interpreted as HTML: the web app renders text nodes only.
 */
import { badRequest } from '../../platform/http/errors';

// C0 and C1 controls except tab and line feed (carriage returns are folded into line feeds first).
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidirectional embeddings, overrides and isolates, the Arabic letter mark, and invisible formatting that hides text.
const BIDI_AND_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Multi-line text: paragraphs kept (at most one blank line between them), trimmed, at most `max` characters. */
export function cleanText(input: string, max: number): string {
  return input.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max)
    .trim();
}

/** One line (names, titles): line breaks and tabs become spaces, runs of spaces one. */
export function cleanLine(input: string, max: number): string {
  return cleanText(input.replace(/[\r\n\t]+/g, ' '), max * 2).replace(/ {2,}/g, ' ').slice(0, max).trim();
}

/** Like cleanText, refusing text that is empty once cleaned (400 in the caller's language). */
export function requiredText(input: string, max: number, line = false): string {
  const clean = line ? cleanLine(input, max) : cleanText(input, max);
  if (!clean) throw badRequest('text_empty');
  return clean;
}

/** An http(s) address, normalised by the URL parser; anything else (javascript:, data:, …) is refused. */
export function cleanUrl(input: string): string {
  const raw = cleanLine(input, 2000);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('link_not_http');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('link_not_http');
  if (url.username || url.password) throw badRequest('link_not_http');
  return url.href;
}
