/**
 * The report as an editable Word document (Office Open XML), written as it is
 * read so that a report of thousands of recommendations never sits whole in
 * memory.
 *
 * Why by hand and not with a document library: the libraries build the whole
 * document tree in memory before writing it, and what a report needs is a
 * small, fixed part of WordprocessingML — built-in heading styles (so Word's
 * navigation pane and table of contents work), a TOC field Word fills in when
 * the document opens, a footer with a PAGE field, and tables for the matrix.
 *
 * Layout: title and subtitle, the table of contents, then each group heading
 * (Heading 1) with its sections (Heading 2: the document symbol and paragraph,
 * then the text, line by line), then the matrix in a landscape annex. The
 * sections are read twice, once for the text and once for the matrix: holding
 * the first pass for the annex would make memory grow with the report.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { zipStream } from '../../../platform/export/zip';
import type { LabelMaps } from '../../taxonomies/taxonomies.repository';
import type { DraftRow } from '../reports.repository';
import { documentSubtitle, MATRIX_COLUMNS, matrixHeaders, matrixRow, reportEntries, type MatrixColumn } from './report-source';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML text: escaped, without the control characters XML 1.0 forbids (they would make Word refuse the file). */
export function xmlText(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const run = (text: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
const paragraph = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${run(text)}</w:p>`;
/** Several lines in one paragraph (a table cell), separated by line breaks. */
const lines = (text: string, bold = false) => `<w:p>${text.split('\n').map((line) => run(line, bold)).join('<w:r><w:br/></w:r>')}</w:p>`;

/** A section's text: a line starting "- " is a list item, an indented line belongs to the item above. */
function sectionBody(text: string): string {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) =>
    line.startsWith('- ') ? paragraph(`• ${line.slice(2)}`, 'ListItem')
      : line.startsWith('  ') ? paragraph(line.trim(), 'ListDetail')
        : paragraph(line)).join('');
}

// Twentieths of a point. A4 portrait, and landscape for the matrix annex.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const pageSize = (landscape: boolean) => landscape
  ? `<w:pgSz w:w="${PAGE.height}" w:h="${PAGE.width}" w:orient="landscape"/>`
  : `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>`;
const sectionProperties = (landscape: boolean) =>
  `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>${pageSize(landscape)}<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;

/** Relative widths of the matrix's columns in the annex (the group column is left to the headings). */
const MATRIX_WIDTHS: Partial<Record<MatrixColumn, number>> = { citation: 9, recommendation: 24, source: 8, position: 7, themes: 9, institutions: 10, actions: 21, status: 9 };
const DOCX_MATRIX = MATRIX_COLUMNS.filter((c) => c in MATRIX_WIDTHS);

function matrixGrid(): string {
  const usable = PAGE.height - 2 * PAGE.margin;
  const total = DOCX_MATRIX.reduce((sum, c) => sum + MATRIX_WIDTHS[c]!, 0);
  return `<w:tblGrid>${DOCX_MATRIX.map((c) => `<w:gridCol w:w="${Math.floor((usable * MATRIX_WIDTHS[c]!) / total)}"/>`).join('')}</w:tblGrid>`;
}

async function* documentXml(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, today: string): AsyncGenerator<string> {
  const locale = draft.language as Locale;
  yield `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`;
  yield paragraph(draft.title, 'Title') + paragraph(documentSubtitle(draft, today), 'Subtitle');
  // The table of contents is a field: Word fills it from the headings (settings ask it to update fields on opening).
  yield paragraph(message('report_contents', locale), 'TOCHeading')
    + '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
    + `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(message('report_contents_hint', locale))}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
    + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

  let group: string | null | undefined;
  for await (const batch of reportEntries(pool, draft, maps, false)) {
    let xml = '';
    for (const entry of batch) {
      if (entry.groupHeading !== group && entry.groupHeading) xml += paragraph(entry.groupHeading, 'Heading1');
      group = entry.groupHeading;
      xml += paragraph(entry.heading, group ? 'Heading2' : 'Heading1') + sectionBody(entry.text);
    }
    yield xml;
  }

  // The annex starts a landscape section: the properties of the section that ends here go in its last paragraph.
  yield `<w:p><w:pPr>${sectionProperties(false)}</w:pPr></w:p>${paragraph(message('report_matrix', locale), 'Heading1')}`;
  const headers = matrixHeaders(locale);
  yield `<w:tbl><w:tblPr><w:tblStyle w:val="MatrixTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0020" w:firstRow="1"/></w:tblPr>${matrixGrid()}`
    + `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${DOCX_MATRIX.map((c) => `<w:tc>${lines(headers[c], true)}</w:tc>`).join('')}</w:tr>`;
  for await (const batch of reportEntries(pool, draft, maps, true)) {
    yield batch.map((entry) => {
      const row = matrixRow(entry, locale);
      return `<w:tr>${DOCX_MATRIX.map((c) => `<w:tc>${lines(row[c])}</w:tc>`).join('')}</w:tr>`;
    }).join('');
  }
  yield `</w:tbl><w:p/>${sectionProperties(true)}</w:body></w:document>`;
}

const heading = (id: string, name: string, level: number, size: number) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`
  + `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${level === 0 ? 360 : 240}" w:after="120"/><w:outlineLvl w:val="${level}"/></w:pPr>`
  + `<w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;

/** Built-in style names ("heading 1"…) so Word, LibreOffice and converters recognise the headings. */
const STYLES = `${XML}<w:styles xmlns:w="${W}">`
  + '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault>'
  + '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
  + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="404040"/><w:sz w:val="26"/></w:rPr></w:style>'
  + heading('Heading1', 'heading 1', 0, 32) + heading('Heading2', 'heading 2', 1, 26)
  + '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:ind w:left="220"/></w:pPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="ListItem"><w:name w:val="List Item"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="216"/></w:pPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="ListDetail"><w:name w:val="List Detail"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:ind w:left="576"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
  + '<w:style w:type="table" w:styleId="MatrixTable"><w:name w:val="Matrix Table"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
  + '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>'
  + '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
  + '</w:styles>';

const footer = (locale: Locale) => {
  const [before, after] = message('report_page', locale, { page: '\u0000' }).split('\u0000');
  return `${XML}<w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>${run(before)}`
    + `<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>${after ? run(after) : ''}</w:p></w:ftr>`;
};

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
  + '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
  + '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
  + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';

const PACKAGE_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>';

const DOCUMENT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
  + '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
  + '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
  + '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>';

// Word checks the order of these elements (the schema's sequence), not only their names.
const settings = (locale: Locale) => `${XML}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="709"/><w:updateFields w:val="true"/>`
  + '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
  + `<w:themeFontLang w:val="${locale}"/></w:settings>`;

const coreProperties = (draft: DraftRow) => `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
  + `<dc:title>${xmlText(draft.title)}</dc:title><dc:language>${draft.language}</dc:language>`
  + `<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created></cp:coreProperties>`;

export function reportDocx(pool: pg.Pool, draft: DraftRow, maps: LabelMaps, today: string): Readable {
  const locale = draft.language as Locale;
  return zipStream([
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: PACKAGE_RELS },
    { name: 'docProps/core.xml', content: coreProperties(draft) },
    { name: 'word/_rels/document.xml.rels', content: DOCUMENT_RELS },
    { name: 'word/styles.xml', content: STYLES },
    { name: 'word/settings.xml', content: settings(locale) },
    { name: 'word/footer1.xml', content: footer(locale) },
    { name: 'word/document.xml', content: documentXml(pool, draft, maps, today) },
  ]);
}
