/**
 * The instance's logo, checked before it is stored.
 *
 * A raster image (PNG, JPEG, WebP) is recognised on its bytes, never on a
 * declared type or name, and its width and height are read from its header and
 * kept within limits. An SVG is rebuilt from an allow-list: only drawing
 * elements and presentation attributes pass; scripts, event handlers,
 * foreignObject, styles, links and every reference outside the document
 * (href, url(), xml:base) are dropped, and a document type or entity makes the
 * file refused (entity expansion). The result is plain drawing, which is also
 * served with a policy that forbids scripts.
 */
import { createHash } from 'node:crypto';
import he from 'he';
import { LOGO_LIMITS, type LogoType } from '../../../shared/settings';
import { badRequest } from '../../platform/http/errors';

export interface CheckedLogo {
  mediaType: LogoType;
  data: Buffer;
  width: number | null;
  height: number | null;
  digest: string;
}

/** Checks (raster) or sanitises (SVG) a logo; a 400 with the reason when it is not one. */
export function checkLogo(bytes: Buffer): CheckedLogo {
  if (bytes.length === 0) throw badRequest('logo_not_image');
  if (bytes.length > LOGO_LIMITS.bytes) throw badRequest('logo_too_large', { max: `${LOGO_LIMITS.bytes / 1024} KB` });
  const raster = rasterSize(bytes);
  let logo: Omit<CheckedLogo, 'digest'>;
  if (raster) {
    const { width, height } = raster;
    if (width > LOGO_LIMITS.maxPixels || height > LOGO_LIMITS.maxPixels || width < LOGO_LIMITS.minPixels || height < LOGO_LIMITS.minPixels) {
      throw badRequest('logo_dimensions', { min: LOGO_LIMITS.minPixels, max: LOGO_LIMITS.maxPixels, width, height });
    }
    logo = { mediaType: raster.type, data: bytes, width, height };
  } else {
    const svg = sanitiseSvg(bytes.toString('utf8'));
    if (!svg) throw badRequest('logo_not_image');
    logo = { mediaType: 'image/svg+xml', data: Buffer.from(svg, 'utf8'), width: null, height: null };
  }
  return { ...logo, digest: createHash('sha256').update(logo.data).digest('hex').slice(0, 16) };
}

/** The type and size of a PNG, JPEG or WebP image, read from its header; null when the bytes are none of these. */
export function rasterSize(b: Buffer): { type: LogoType; width: number; height: number } | null {
  // PNG: signature, then the IHDR chunk first; the file must end with IEND.
  if (b.length >= 33 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (b.toString('latin1', 12, 16) !== 'IHDR') return null;
    if (b.toString('latin1', b.length - 8, b.length - 4) !== 'IEND') return null;
    return { type: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  // JPEG: SOI, then segments up to the first start-of-frame, which holds the size.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let at = 2;
    while (at + 9 < b.length) {
      if (b[at] !== 0xff) return null;
      const marker = b[at + 1];
      if (marker === 0xff) { at += 1; continue; }
      const length = b.readUInt16BE(at + 2);
      if (length < 2) return null;
      const startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (startOfFrame) return { type: 'image/jpeg', height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
      at += 2 + length;
    }
    return null;
  }
  // WebP: a RIFF container of type WEBP whose first chunk is VP8, VP8L or VP8X.
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    if (b.readUInt32LE(4) + 8 !== b.length) return null;
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
      return { type: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    }
    if (chunk === 'VP8L' && b[20] === 0x2f) {
      const bits = b.readUInt32LE(21);
      return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') {
      return { type: 'image/webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    }
    return null;
  }
  return null;
}

/** Drawing elements kept (lower-case names as SVG spells them). */
const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs', 'title', 'desc',
  'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'symbol', 'use',
]);
/** Elements removed with everything inside them (anything else unknown is removed the same way). */
const ATTRIBUTES = new Set([
  'viewbox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'fx', 'fy',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'transform', 'id', 'class', 'offset', 'stop-color',
  'stop-opacity', 'gradientunits', 'gradienttransform', 'spreadmethod', 'clip-path', 'clip-rule', 'mask', 'font-family',
  'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'preserveaspectratio',
  'xmlns', 'version', 'role', 'aria-label', 'aria-hidden', 'dx', 'dy', 'display', 'visibility', 'clippathunits',
  'maskunits', 'maskcontentunits', 'href', 'xlink:href', 'xmlns:xlink',
]);

const NAME = '[A-Za-z_][\\w.:-]*';
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<![^>]*>|<\\?[\\s\\S]*?\\?>|</\\s*(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|([^<]+)|(<)`,
  'g',
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');

/** An attribute value that points outside the document, or could run something. */
function unsafeValue(name: string, value: string): boolean {
  const v = he.decode(value).replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  if (name === 'href' || name === 'xlink:href') return !/^#[\w.-]+$/.test(v);
  if (name === 'xmlns') return v !== 'http://www.w3.org/2000/svg';
  if (name === 'xmlns:xlink') return v !== 'http://www.w3.org/1999/xlink';
  // url(#id) points inside the document; any other url(), or a script scheme, is dropped.
  const urls = [...v.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1].replace(/["']/g, ''));
  return urls.some((u) => !u.startsWith('#')) || /javascript:|data:|expression\(|@import/.test(v);
}

/**
 * The SVG rebuilt from the allow-list, or null when it is not an SVG document
 * (no root <svg>, unbalanced tags, a DOCTYPE or entity declaration).
 */
export function sanitiseSvg(source: string): string | null {
  const text = source.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  const out: string[] = [];
  const open: { name: string; kept: boolean }[] = [];
  let dropping = 0; // depth inside a removed element
  let sawRoot = false;
  let closedRoot = false;
  for (const m of text.matchAll(TOKEN)) {
    const [token, closing, opening, attributes, selfClosing, chars, stray] = m;
    if (stray) return null;
    if (chars !== undefined) {
      if (!sawRoot || closedRoot) {
        if (chars.trim()) return null;
        continue;
      }
      if (!dropping) out.push(he.escape(he.decode(chars)));
      continue;
    }
    if (closing) {
      const top = open.pop();
      if (!top || top.name !== closing) return null;
      if (!top.kept) dropping -= 1;
      else if (!dropping) out.push(`</${top.name}>`);
      if (open.length === 0) closedRoot = true;
      continue;
    }
    if (opening) {
      if (closedRoot) return null;
      if (!sawRoot && opening !== 'svg') return null;
      sawRoot = true;
      const kept = !dropping && ELEMENTS.has(opening.toLowerCase());
      if (kept) {
        const safe: string[] = [];
        for (const a of (attributes ?? '').matchAll(ATTRIBUTE)) {
          const name = a[1];
          const value = a[2] ?? a[3] ?? '';
          if (!ATTRIBUTES.has(name.toLowerCase()) || unsafeValue(name.toLowerCase(), value)) continue;
          safe.push(` ${name}="${he.escape(he.decode(value))}"`);
        }
        if (opening === 'svg' && open.length === 0 && !safe.some((s) => s.startsWith(' xmlns='))) safe.unshift(' xmlns="http://www.w3.org/2000/svg"');
        out.push(`<${opening}${safe.join('')}${selfClosing ? '/' : ''}>`);
      }
      if (!selfClosing) {
        open.push({ name: opening, kept });
        if (!kept) dropping += 1;
      } else if (open.length === 0) {
        closedRoot = true;
      }
      continue;
    }
    // Comments, CDATA, processing instructions and the XML declaration are left out.
    void token;
  }
  if (!sawRoot || open.length > 0) return null;
  return out.join('');
}
