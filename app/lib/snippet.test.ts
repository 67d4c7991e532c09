import { describe, expect, it } from 'vitest';
import { parseSnippet, unescapeBasicEntities } from './snippet';

describe('parseSnippet', () => {
  it('splits marked words from the rest', () => {
    expect(parseSnippet('Adopt measures to protect <mark>children</mark> and <mark>adolescents</mark>.')).toEqual([
      { text: 'Adopt measures to protect ', marked: false },
      { text: 'children', marked: true },
      { text: ' and ', marked: false },
      { text: 'adolescents', marked: true },
      { text: '.', marked: false },
    ]);
  });

  it('unescapes the five basic entities, once', () => {
    expect(unescapeBasicEntities('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;lt; &eacute;'))
      .toBe('a & b <c> "d" \'e\' &lt; &eacute;');
  });

  it('keeps escaped markup as text: it never becomes an element', () => {
    const segments = parseSnippet('&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;b&gt;</mark>');
    expect(segments).toEqual([
      { text: '<script>alert(1)</script> ', marked: false },
      { text: '<b>', marked: true },
    ]);
  });

  it('handles a snippet without marks, an empty one and an unclosed mark', () => {
    expect(parseSnippet('plain')).toEqual([{ text: 'plain', marked: false }]);
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet('<mark>open')).toEqual([{ text: 'open', marked: true }]);
  });
});
