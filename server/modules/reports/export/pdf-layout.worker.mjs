/**
 * Lays out the report's PDF in a worker thread (see pdf.ts). Plain JavaScript
 * so that Node runs it as it is, under the app and under the test runner.
 *
 * In: `workerData` (title, subtitle, language, its direction, page label, font files), then
 * messages `{ entries }` (a batch of sections) and finally `{ end: true }`.
 * Out: `{ chunk }` (bytes of the PDF, in order), `{ done: true }` after each
 * batch, and `{ done: true, end: true }` once the file is complete.
 */
import { parentPort, workerData } from 'node:worker_threads';
import PDFDocument from 'pdfkit';
import { bidiDirection, bidiText } from './pdf-bidi.mjs';

const { title, subtitle, language, direction, pageLabel, fonts } = workerData;
const reportRtl = direction === 'rtl';
const doc = new PDFDocument({
  size: 'A4', margins: { top: 64, bottom: 64, left: 64, right: 64 }, lang: language, displayTitle: true,
  info: { Title: title, Subject: subtitle },
});
doc.registerFont('regular', fonts.regular);
doc.registerFont('bold', fonts.bold);
doc.on('data', (chunk) => {
  // A copy with its own buffer, handed over without another copy.
  const bytes = new Uint8Array(chunk);
  parentPort.postMessage({ chunk: bytes }, [bytes.buffer]);
});
doc.on('end', () => parentPort.postMessage({ done: true, end: true }));

/** Characters PDF text cannot carry (controls) are dropped rather than drawn as boxes. */
// eslint-disable-next-line no-control-regex
const printable = (text) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');

/**
 * PDFKit caches the shaped layout of every distinct string it sets, for the
 * life of the document (`EmbeddedFont.layoutCache`, internal to PDFKit 0.17).
 * Turning it off makes setting text five times slower; emptying it every few
 * sections keeps what is common and lets the rest go.
 */
function forgetLayouts() {
  for (const font of Object.values(doc._fontFamilies ?? {})) if (font.layoutCache) font.layoutCache = Object.create(null);
}

// The page number goes below the bottom margin: lifting the margin for that one line keeps PDFKit from starting a new page.
let page = 0;
function numberPage() {
  page += 1;
  const { x, y } = doc;
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font('regular').fontSize(8).fillColor('#404040');
  const label = pageLabel.replace('{page}', String(page));
  const box = { x: doc.page.margins.left, width: doc.page.width - doc.page.margins.left - doc.page.margins.right };
  const labelDirection = bidiDirection(label, reportRtl);
  if (labelDirection) {
    doc.y = doc.page.height - 40;
    bidiText(doc, label, labelDirection, { ...box, center: true });
  } else doc.text(label, box.x, doc.page.height - 40, { width: box.width, align: 'center', lineBreak: false });
  doc.page.margins.bottom = bottom;
  doc.x = x;
  doc.y = y;
}
numberPage();
doc.on('pageAdded', numberPage);

const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

/**
 * One paragraph in the current font, from the left margin (`indent` further in, on the right for
 * right-to-left text): right-to-left and mixed text through pdf-bidi.mjs, the rest as PDFKit sets it.
 */
function paragraph(text, indent = 0) {
  const left = doc.page.margins.left;
  const textDirection = bidiDirection(text, reportRtl);
  if (textDirection) bidiText(doc, text, textDirection, { x: left, width, indent });
  else doc.text(text, left + indent, undefined, { width: width - indent });
}

doc.font('bold').fontSize(20).fillColor('black');
paragraph(printable(title));
doc.moveDown(0.3).font('regular').fontSize(11).fillColor('#404040');
paragraph(printable(subtitle));
doc.moveDown(1);

let group;
let groupOutline = doc.outline;
let written = 0;

function write(entry) {
  if (entry.groupHeading !== group && entry.groupHeading) {
    doc.moveDown(0.8).font('bold').fontSize(15).fillColor('#1F3864');
    paragraph(printable(entry.groupHeading));
    groupOutline = doc.outline.addItem(entry.groupHeading);
  }
  group = entry.groupHeading;
  if (!group) groupOutline = doc.outline;
  doc.moveDown(0.5).font('bold').fontSize(12).fillColor('#1F3864');
  paragraph(printable(entry.heading));
  groupOutline.addItem(entry.heading);
  doc.moveDown(0.2).font('regular').fontSize(10).fillColor('black');
  for (const line of entry.text.split('\n')) {
    if (line.trim() === '') doc.moveDown(0.3);
    else if (line.startsWith('- ')) paragraph(`• ${printable(line.slice(2))}`, 12);
    else if (line.startsWith('  ')) paragraph(printable(line.trim()), 24);
    else paragraph(printable(line));
  }
  doc.x = doc.page.margins.left;
  if (++written % 20 === 0) forgetLayouts();
}

parentPort.on('message', (message) => {
  if (message.entries) {
    for (const entry of message.entries) write(entry);
    parentPort.postMessage({ done: true });
  } else if (message.end) {
    doc.end();
  }
});
