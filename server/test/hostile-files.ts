/**
 * Hostile import files, made on the fly (never committed): a workbook whose
 * one cell unpacks to 150 MB, a ZIP bomb, a CSV with one 100 MB line. Each is
 * built a chunk at a time, so making one takes little memory. Used by the
 * import tests and by bench/hostile-files.ts.
 */
import zlib from 'node:zlib';

const MB = 1024 * 1024;

/**
 * An entry's content: text, or `repeat` copies of a block. A repeated block
 * is deflated once and its compressed form repeated (each copy a
 * sync-flushed, non-final deflate block), so a 1 GB entry takes a second to
 * make, not a minute.
 */
type Content = string | { head: string; block: string; repeat: number; tail: string };

function deflated(content: Content): { data: Buffer; crc: number; size: number } {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 };
  if (typeof content === 'string') {
    const raw = Buffer.from(content);
    return { data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
  }
  const head = Buffer.from(content.head);
  const block = Buffer.from(content.block);
  const tail = Buffer.from(content.tail);
  const packedBlock = zlib.deflateRawSync(block, flush);
  let crc = zlib.crc32(head);
  for (let i = 0; i < content.repeat; i++) crc = zlib.crc32(block, crc);
  crc = zlib.crc32(tail, crc);
  const data = Buffer.concat([
    zlib.deflateRawSync(head, flush),
    ...Array.from({ length: content.repeat }, () => packedBlock),
    zlib.deflateRawSync(tail), // the final block
  ]);
  return { data, crc, size: head.length + block.length * content.repeat + tail.length };
}

/** A ZIP archive of deflated entries (sizes over 4 GB not supported: no ZIP64). */
function zipOf(entries: Record<string, Content>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const { data, crc, size } = deflated(content);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time and date
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    local.copy(header, 8, 6, 30); // flags … extra length, as in the local header
    header.writeUInt32LE(offset, 42);
    central.push(header, fileName);
    parts.push(local, fileName, data);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The parts every workbook needs, around the given worksheet and shared strings. */
function workbook(sheet: Content, sharedStrings: Content): Buffer {
  return zipOf({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      + '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
      + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/sharedStrings.xml': sharedStrings,
    'xl/worksheets/sheet1.xml': sheet,
  });
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const STRINGS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
/** The generic table's header (shared strings 0–6) and one record (7–12, its text 13). */
const HEADER_CELLS = ['mechanism', 'country', 'language', 'date', 'paragraph', 'symbol', 'text'];
const RECORD_CELLS = ['UPR', 'PRY', 'es', '2021-03-01', '1', 'A/HRC/48/9'];
const row = (r: number, strings: number[]) =>
  `<row r="${r}">${strings.map((s, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="s"><v>${s}</v></c>`).join('')}</row>`;
const sharedStringItems = (texts: string[]) => texts.map((s) => `<si><t>${s}</t></si>`).join('');
const blocks = (bytes: number, unit: string) => ({ block: unit.repeat(Math.floor(MB / unit.length)), repeat: Math.ceil(bytes / MB) });

/** A workbook (about 155 KB) whose one text cell unpacks to `cellBytes` (150 MB). */
export function xlsxWithHugeCell(cellBytes = 150 * MB): Buffer {
  return workbook(
    `${SHEET_HEAD}${row(1, [0, 1, 2, 3, 4, 5, 6])}${row(2, [7, 8, 9, 10, 11, 12, 13])}${SHEET_TAIL}`,
    { head: `${STRINGS_HEAD}${sharedStringItems([...HEADER_CELLS, ...RECORD_CELLS])}<si><t>`, ...blocks(cellBytes, 'a'), tail: '</t></si></sst>' },
  );
}

/** A ZIP bomb: a workbook whose worksheet unpacks to `sheetBytes` (1 GB) of empty rows, about 1000 times its packed size. */
export function xlsxZipBomb(sheetBytes = 1024 * MB): Buffer {
  return workbook(
    { head: `${SHEET_HEAD}${row(1, [0, 1, 2, 3, 4, 5, 6])}`, ...blocks(sheetBytes, '<row/>'), tail: SHEET_TAIL },
    `${STRINGS_HEAD}${sharedStringItems(HEADER_CELLS)}</sst>`,
  );
}

/** A small, ordinary workbook of the generic table: `rows` records. */
export function xlsxNormal(rows: number): Buffer {
  const strings: string[] = [...HEADER_CELLS];
  const sheet: string[] = [row(1, [0, 1, 2, 3, 4, 5, 6])];
  for (let r = 2; r <= rows + 1; r++) {
    const first = strings.length;
    strings.push('UPR', 'PRY', 'es', '2021-03-01', String(r), 'A/HRC/48/9', `Garantizar el derecho a la educación número ${r} en todo el territorio`);
    sheet.push(row(r, [0, 1, 2, 3, 4, 5, 6].map((i) => first + i)));
  }
  return workbook(`${SHEET_HEAD}${sheet.join('')}${SHEET_TAIL}`, `${STRINGS_HEAD}${sharedStringItems(strings)}</sst>`);
}

/** A generic CSV whose second line is `lineBytes` long (100 MB). */
export function csvWithHugeLine(lineBytes = 100 * MB): Buffer {
  const head = Buffer.from('mechanism,country,language,date,paragraph,symbol,text\nUPR,PRY,es,2021-03-01,1,A/HRC/48/9,');
  return Buffer.concat([head, Buffer.alloc(lineBytes, 'x'), Buffer.from('\n')]);
}
