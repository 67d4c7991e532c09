/**
 * The report as a PDF, for circulating a version that will not change: title,
 * then each group and section with its text, bookmarks for every heading and
 * page numbers.
 *
 * The layout runs in a worker thread with a capped heap
 * (pdf-layout.worker.mjs): setting thousands of sections of text is CPU work
 * that would otherwise hold the request thread, and PDFKit's garbage, left to
 * V8's own pace in a long run, made peak memory grow with the report. This
 * thread reads the sections batch by batch, hands each batch over, and passes
 * the bytes on as the worker produces them; the next batch goes only once the
 * reader has taken the bytes of the last (backpressure).
 *
 * The text is set in DejaVu Sans, embedded (subset) in the file: the PDF
 * standard fonts cover Western European letters only, and a report quotes
 * names and texts from any language. Arabic is shaped and set right to left
 * (pdf-bidi.mjs, decision 0022): a paragraph in Arabic wherever it occurs,
 * every paragraph of a report in a language written right to left.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { Locale } from '../../../platform/http/locale';
import { writingDirection } from '../../../../shared/i18n/languages';
import { message } from '../../../platform/http/messages';
import type { LabelMaps } from '../../taxonomies/taxonomies.repository';
import type { DraftRow } from '../reports.repository';
import { documentSubtitle, reportEntries } from './report-source';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
/** Enough for PDFKit, its fonts and one batch; a cap makes V8 collect as it goes instead of growing. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

type WorkerMessage = { chunk: Uint8Array } | { done: true; end?: true };

/** The worker's messages as an async queue; a crash or an early exit rejects the next read. */
function inbox(worker: Worker) {
  const queue: WorkerMessage[] = [];
  let waiting: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    if (waiting) {
      waiting.resolve(m);
      waiting = null;
    } else queue.push(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PDF layout worker stopped (exit code ${code})`)));
  return {
    next(): Promise<WorkerMessage> {
      const m = queue.shift();
      if (m) return Promise.resolve(m);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => { waiting = { resolve, reject }; });
    },
  };
}

async function* pdfBytes(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, today: string): AsyncGenerator<Uint8Array> {
  const locale = draft.language as Locale;
  const worker = new Worker(new URL('./pdf-layout.worker.mjs', import.meta.url), {
    workerData: {
      title: draft.title, subtitle: documentSubtitle(draft, today), language: locale, direction: writingDirection(locale),
      pageLabel: message('report_page', locale, { page: '{page}' }), fonts: FONTS,
    },
    resourceLimits: WORKER_LIMITS,
  });
  const messages = inbox(worker);
  /** The bytes of one step, up to the worker's `done`. */
  async function* untilDone(): AsyncGenerator<Uint8Array, boolean> {
    for (;;) {
      const m = await messages.next();
      if ('chunk' in m) yield m.chunk;
      else return Boolean(m.end);
    }
  }
  try {
    for await (const batch of reportEntries(pool, draft, maps, false)) {
      worker.postMessage({ entries: batch.map(({ groupHeading, heading, text }) => ({ groupHeading, heading, text })) });
      yield* untilDone();
    }
    worker.postMessage({ end: true });
    while (!(yield* untilDone()));
  } finally {
    await worker.terminate();
  }
}

export function reportPdf(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, today: string): Readable {
  return Readable.from(pdfBytes(pool, draft, maps, today), { objectMode: false });
}
