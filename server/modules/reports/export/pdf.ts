/**
 * The report as a PDF, for circulating a version that will not change: title,
 * then each group and section with its text, bookmarks for every heading and
 * page numbers. Pages are written out as they fill (PDFKit keeps no finished
 * page), so memory stays flat however long the report is.
 *
 * The text is set in DejaVu Sans, embedded (subset) in the file: the PDF
 * standard fonts cover Western European letters only, and a report quotes
 * names and texts from any language.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type pg from 'pg';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import type { LabelMaps } from '../../taxonomies/taxonomies.repository';
import type { DraftRow } from '../reports.repository';
import { documentSubtitle, reportEntries } from './report-source';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** Characters PDF text cannot carry (controls) are dropped rather than drawn as boxes. */
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');

/**
 * PDFKit caches the shaped layout of every distinct string it sets, for the
 * life of the document: over thousands of sections that cache, not the pages,
 * is what grows. Turning it off (`fontLayoutCache: false`) makes setting text
 * five times slower, so it is emptied every few sections instead. The cache is
 * internal to PDFKit 0.17 (`EmbeddedFont.layoutCache`); if a later version
 * drops it, this does nothing and the bench's memory figures will say so.
 */
function forgetLayouts(doc: PDFKit.PDFDocument) {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(fonts)) if (font.layoutCache) font.layoutCache = Object.create(null);
}

export function reportPdf(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, today: string): Readable {
  const locale = draft.language as Locale;
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 64, bottom: 64, left: 64, right: 64 }, lang: locale, displayTitle: true,
    info: { Title: draft.title, Subject: documentSubtitle(draft, today) },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);

  // The page number goes below the bottom margin: lifting the margin for that one line keeps PDFKit from starting a new page.
  let page = 0;
  const numberPage = () => {
    page += 1;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#404040')
      .text(message('report_page', locale, { page }), doc.page.margins.left, doc.page.height - 40, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.x = x;
    doc.y = y;
  };
  numberPage();
  doc.on('pageAdded', numberPage);

  const write = async () => {
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.font('bold').fontSize(20).fillColor('black').text(printable(draft.title), { width });
    doc.moveDown(0.3).font('regular').fontSize(11).fillColor('#404040').text(printable(documentSubtitle(draft, today)), { width }).moveDown(1);
    let group: string | null | undefined;
    let written = 0;
    let groupOutline = doc.outline;
    for await (const batch of reportEntries(pool, draft, maps, false)) {
      for (const entry of batch) {
        if (entry.groupHeading !== group && entry.groupHeading) {
          doc.moveDown(0.8).font('bold').fontSize(15).fillColor('#1F3864').text(printable(entry.groupHeading), { width });
          groupOutline = doc.outline.addItem(entry.groupHeading);
        }
        group = entry.groupHeading;
        if (!group) groupOutline = doc.outline;
        doc.moveDown(0.5).font('bold').fontSize(12).fillColor('#1F3864').text(printable(entry.heading), { width });
        groupOutline.addItem(entry.heading);
        doc.moveDown(0.2).font('regular').fontSize(10).fillColor('black');
        for (const line of entry.text.split('\n')) {
          if (line.trim() === '') doc.moveDown(0.3);
          else if (line.startsWith('- ')) doc.text(`• ${printable(line.slice(2))}`, doc.page.margins.left + 12, undefined, { width: width - 12 });
          else if (line.startsWith('  ')) doc.text(printable(line.trim()), doc.page.margins.left + 24, undefined, { width: width - 24 });
          else doc.text(printable(line), doc.page.margins.left, undefined, { width });
        }
        doc.x = doc.page.margins.left;
        // PDFKit pushes pages out without waiting for the reader: let the reader catch up, so finished pages do not pile up in memory.
        while (doc.readableLength > doc.readableHighWaterMark && !doc.destroyed) await new Promise((resolve) => setImmediate(resolve));
        if (++written % 20 === 0) {
          forgetLayouts(doc);
          // Setting text is CPU work with no I/O: yield now and then so other requests (and the collector) get their turn.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    doc.end();
  };
  write().catch((error) => doc.destroy(error));
  return doc;
}
