/**
 * A zip archive written as it is read: entries are compressed as their
 * content arrives, so a large document (a DOCX is a zip of XML parts) never
 * sits whole in memory. Reading pulls the next piece of content, which gives
 * natural backpressure.
 */
import { Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';

export interface ZipEntry {
  name: string;
  content: string | AsyncIterable<string>;
}

export function zipStream(entries: Iterable<ZipEntry>): Readable {
  return Readable.from(zipChunks(entries), { objectMode: false });
}

async function* zipChunks(entries: Iterable<ZipEntry>): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const encoder = new TextEncoder();
  const drain = function* () {
    if (failure) throw failure;
    yield* ready.splice(0);
  };
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    zip.add(file);
    if (typeof entry.content === 'string') {
      file.push(encoder.encode(entry.content), true);
    } else {
      for await (const piece of entry.content) {
        file.push(encoder.encode(piece));
        yield* drain();
      }
      file.push(new Uint8Array(0), true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
}
