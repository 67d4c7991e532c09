import { describe, expect, it } from 'vitest';
import { localUrl, readConfig } from './config';

describe('configuration', () => {
  it('links emails to the address the server prints when PUBLIC_URL is not set (its HOST and PORT)', () => {
    expect(readConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(readConfig({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ HOST: '::' }).publicUrl).toBe('http://[::1]:3000');
    expect(readConfig({ HOST: 'nmirf.internal' }).publicUrl).toBe('http://nmirf.internal:3000');
    expect(localUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(readConfig({ PUBLIC_URL: 'https://nmirf.example.org/', PORT: '8080' }).publicUrl).toBe('https://nmirf.example.org');
    // The From address needs a domain, not an IP literal.
    expect(readConfig({}).mailFrom).toBe('Open NMIRF <no-reply@localhost>');
    expect(readConfig({ PUBLIC_URL: 'https://nmirf.example.org' }).mailFrom).toBe('Open NMIRF <no-reply@nmirf.example.org>');
  });
});
