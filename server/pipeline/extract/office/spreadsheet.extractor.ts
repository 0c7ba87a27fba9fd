// Spreadsheets (.xlsx, .xls, .ods) through SheetJS. Per sheet: a heading line with its name,
// then its rows as cells joined by ' | ', twenty rows to a block so each block is a passage.
// SheetJS unpacks zips itself and trusts no size limit, so a zip package is first unpacked here
// under the zip-bomb cap and handed over again uncompressed.
import * as XLSX from '@e965/xlsx';
import { zipSync, type Zippable } from 'fflate';
import { extractError } from '../extract-error.ts';
import type { ExtractResult } from '../extract.types.ts';
import { encryptedOffice, malformedOffice } from './office-error.helper.ts';
import {
  CELL_SEPARATOR,
  NO_PROPS,
  odfProps,
  officeResult,
  ooxmlProps,
  rowBlocks,
  toOfficeProps,
  type OfficeProps,
} from './office-props.helper.ts';
import { isEncryptedPackage, isOle, readOle, summaryProperties } from './ole.helper.ts';
import { walkXml } from './xml-walk.helper.ts';
import { isZip, readZipParts } from './zip-parts.helper.ts';

const WHAT = 'spreadsheet';
// Pictures, embedded files, printer settings and macros (.bin) are never read for text.
const NOT_FOR_TEXT = /^(xl\/(media|embeddings|printerSettings)|Pictures|Thumbnails)\/|\.bin$/;

// OpenDocument can repeat a filled cell across columns and rows with two attributes, and SheetJS
// writes out every copy: a few bytes can claim seventeen billion cells. The claim is counted first.
const MAX_FILLED_CELLS = 2_000_000;

function repeat(value: string | undefined): number {
  const count = Number(value ?? 1);
  return Number.isSafeInteger(count) && count > 0 ? count : 1;
}

function checkOdsRepeats(content: Uint8Array): void {
  let rows = 1;
  let columns = 1;
  let filled = false;
  let total = 0;
  walkXml(content, 'content.xml', WHAT, {
    open(name, attributes) {
      if (name === 'table-row') rows = repeat(attributes['number-rows-repeated']);
      else if (name === 'table-cell' || name === 'covered-table-cell') {
        columns = repeat(attributes['number-columns-repeated']);
        filled = attributes['value-type'] !== undefined;
      } else if (name === 'p') filled = true;
    },
    close(name) {
      if ((name !== 'table-cell' && name !== 'covered-table-cell') || !filled) return;
      total += rows * columns;
      filled = false;
      if (total > MAX_FILLED_CELLS) {
        throw extractError(
          'extract.too_large',
          `The spreadsheet repeats its cells into more than ${MAX_FILLED_CELLS.toLocaleString('en')} filled cells, which looks like a bomb; Trove did not read it.`,
        );
      }
    },
  });
}

interface Source {
  data: Uint8Array;
  props: OfficeProps;
}

function fromZip(bytes: Uint8Array): Source {
  const parts = readZipParts(bytes, WHAT, (name) => !NOT_FOR_TEXT.test(name) && !name.endsWith('/'));
  if (parts.has('META-INF/manifest.xml') && /encryption-data/.test(new TextDecoder().decode(parts.get('META-INF/manifest.xml')))) {
    throw encryptedOffice(WHAT);
  }
  const content = parts.get('content.xml');
  if (content !== undefined) checkOdsRepeats(content);
  const props = parts.has('meta.xml') ? odfProps(parts, WHAT) : ooxmlProps(parts, WHAT);
  const stored: Zippable = {};
  for (const [name, data] of parts) stored[name] = [data, { level: 0 }];
  return { data: zipSync(stored), props };
}

function source(bytes: Uint8Array): Source {
  if (isZip(bytes)) return fromZip(bytes);
  if (isOle(bytes)) {
    const ole = readOle(bytes, WHAT);
    if (isEncryptedPackage(ole)) throw encryptedOffice(WHAT);
    return { data: bytes, props: toOfficeProps(summaryProperties(ole)) };
  }
  // Excel also saves "spreadsheets" as HTML tables or SpreadsheetML XML under an .xls name.
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) return { data: bytes, props: NO_PROPS };
  throw malformedOffice(WHAT, 'it is neither a zip package nor an OLE compound file');
}

// SheetJS reports oddities it works around (number formats, odd records) on the console. They say
// nothing a person importing can act on, so they are silenced for the read, which is synchronous:
// no other code can run, and log, while the console is swapped.
function quietly<T>(read: () => T): T {
  const { error, warn, log } = console;
  console.error = console.warn = console.log = () => undefined;
  try {
    return read();
  } finally {
    Object.assign(console, { error, warn, log });
  }
}

function readWorkbook(data: Uint8Array): XLSX.WorkBook {
  return quietly(() => XLSX.read(data, { type: 'array', dense: true, cellHTML: false, cellFormula: false, bookVBA: false, WTF: false }));
}

// A sheet's range can claim a million rows by sixteen thousand columns for two cells, so rows are
// read from the cells that exist (SheetJS's dense storage), never by walking the range. Runs of
// empty columns keep their place up to a point; a wider gap becomes one empty cell.
const MAX_KEPT_GAP = 20;

function rowLine(row: readonly (XLSX.CellObject | undefined)[]): string {
  const cells: string[] = [];
  let last = -1;
  row.forEach((cell, column) => {
    const text =
      cell === undefined
        ? ''
        : XLSX.utils
            .format_cell(cell)
            .replace(/\s*[\r\n]+\s*/g, ' ')
            .trim();
    if (text === '') return;
    const gap = column - last - 1;
    for (let index = 0; index < (gap > MAX_KEPT_GAP ? 1 : gap); index += 1) cells.push('');
    cells.push(text);
    last = column;
  });
  return cells.join(CELL_SEPARATOR);
}

function sheetLines(sheet: XLSX.WorkSheet): string[] {
  const lines: string[] = [];
  // forEach skips the holes of a sparse array, so a row far down costs nothing for those above it.
  (sheet['!data'] ?? []).forEach((row) => {
    const line = row === undefined ? '' : rowLine(row);
    if (line !== '') lines.push(line);
  });
  return lines;
}

export function extractSpreadsheet(bytes: Uint8Array): ExtractResult {
  const { data, props } = source(bytes);
  const workbook = readWorkbook(data);
  const hidden = workbook.SheetNames.filter((_, index) => (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0);
  const sections: string[] = [];
  let rowCount = 0;
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    const lines = sheet === undefined ? [] : sheetLines(sheet);
    if (lines.length === 0) continue;
    rowCount += lines.length;
    const heading = `Sheet: ${name}${hidden.includes(name) ? ' (hidden)' : ''}`;
    sections.push(`${heading}\n${rowBlocks(lines, heading.length + 1).join('\n\n')}`);
  }
  const extra: Record<string, unknown> = { sheets: workbook.SheetNames, row_count: rowCount };
  if (hidden.length > 0) extra.hidden_sheets = hidden;
  return officeResult(WHAT, sections.join('\n\n'), props, extra);
}
