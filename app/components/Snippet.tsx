import { parseSnippet } from '../lib/snippet';

/** A search snippet with its highlighted words in <mark>, built from text nodes only. */
export function Snippet({ html, lang, className }: { html: string; lang?: string; className?: string }) {
  return (
    <p className={className} lang={lang}>
      {parseSnippet(html).map((segment, index) =>
        segment.marked ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </p>
  );
}
