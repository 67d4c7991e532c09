/** The public pages stay light: the JavaScript needed before the search page is usable, gzipped. */
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const BUDGET = 150 * 1024;

describe('page weight', () => {
  it(`loads less than ${BUDGET / 1024} KB of gzipped JavaScript before the search page is usable, in a production build`, async () => {
    const html = await (await fetch(`${baseUrl}/en/recommendations`)).text();
    const urls = [
      ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const url of urls) {
      const response = await fetch(new URL(url, baseUrl));
      expect(response.status, url).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      gzipped += gzipSync(body, { level: 9 }).length;
      // React's development build says this; the production one does not.
      expect(body.includes('Download the React DevTools'), `${url} is a development build`).toBe(false);
    }
    console.info(`initial JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${urls.length} file(s)`);
    expect(gzipped).toBeLessThan(BUDGET);
  });
});
