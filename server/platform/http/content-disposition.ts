/**
 * `Content-Disposition: attachment` for a download (RFC 6266): the file name
 * as a plain token when it is one, quoted otherwise, with an ISO-8859-1
 * fallback and the exact UTF-8 name in `filename*` (RFC 8187) when it has
 * characters beyond Latin-1. (The content-disposition package does this too,
 * but its current major asks for Node 22.)
 */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const NOT_LATIN1 = /[^\x20-\x7e\xa0-\xff]/g;

export function attachment(fileName: string): string {
  const name = fileName.replace(/^.*[/\\]/, '') || 'download';
  const fallback = name.replace(NOT_LATIN1, '?');
  const plain = TOKEN.test(fallback) ? fallback : `"${fallback.replace(/["\\]/g, '\\$&')}"`;
  if (fallback === name) return `attachment; filename=${plain}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename=${plain}; filename*=UTF-8''${encoded}`;
}
