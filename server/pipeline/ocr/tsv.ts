// Tesseract's TSV output (level, page_num, block_num, par_num, line_num, word_num, left, top, width, height, conf, text)
// into page text and words: words of a line joined by a space, lines by a line break, paragraphs by a blank line.
import type { PageWord } from '../extract/extract.types.ts';
import type { OcrPage } from './ocr.types.ts';

// Whitespace, controls and replacement characters never belong inside a word of the body (see clean-text.ts).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNWANTED = /[\s\u0000-\u001F\u007F-\u009F\uFFFD\uD800-\uDFFF]/g;

interface Row {
  level: number;
  page: number;
  block: number;
  par: number;
  line: number;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

function parseRows(tsv: string): Row[] {
  const rows: Row[] = [];
  for (const line of tsv.split(/\r?\n/)) {
    const cells = line.split('\t');
    if (cells.length < 12 || cells[0] === 'level') continue;
    const n = cells.slice(0, 11).map(Number);
    if (n.some((value) => Number.isNaN(value))) continue;
    const [level, page, block, par, lineNum, , left, top, width, height, conf] = n as [number, ...number[]];
    rows.push({
      level,
      page: page!,
      block: block!,
      par: par!,
      line: lineNum!,
      left: left!,
      top: top!,
      width: width!,
      height: height!,
      conf: conf!,
      text: cells.slice(11).join('\t'),
    });
  }
  return rows;
}

function startPage(number: number, row: Row | undefined): OcrPage {
  return { number, width: row?.width ?? 0, height: row?.height ?? 0, text: '', words: [], confidence: 0 };
}

/** Pages in TSV order; `firstNumber` is the number of the TSV's first page (pages of a PDF are read one at a time). */
export function parseTsv(tsv: string, firstNumber = 1): OcrPage[] {
  const pages = new Map<number, OcrPage>();
  const lastKey = new Map<number, string>();
  for (const row of parseRows(tsv)) {
    let page = pages.get(row.page);
    if (page === undefined) {
      page = startPage(firstNumber + row.page - 1, row.level === 1 ? row : undefined);
      pages.set(row.page, page);
    }
    if (row.level === 1) {
      page.width = row.width;
      page.height = row.height;
      continue;
    }
    const word = row.text.normalize('NFC').replace(UNWANTED, '');
    if (row.level !== 5 || word === '' || row.conf < 0) continue;
    const paragraph = `${row.block}.${row.par}`;
    const key = `${paragraph}.${row.line}`;
    const previous = lastKey.get(row.page);
    if (previous !== undefined) page.text += previous === key ? ' ' : previous.startsWith(`${paragraph}.`) ? '\n' : '\n\n';
    lastKey.set(row.page, key);
    const start = page.text.length;
    page.text += word;
    const entry: PageWord = {
      text: word,
      start,
      end: page.text.length,
      x: row.left,
      y: row.top,
      w: row.width,
      h: row.height,
      confidence: Math.round(row.conf * 10) / 10,
    };
    page.words.push(entry);
  }
  for (const page of pages.values()) page.confidence = meanConfidence(page.words);
  return [...pages.values()];
}

export function meanConfidence(words: PageWord[]): number {
  if (words.length === 0) return 0;
  return Math.round((words.reduce((sum, w) => sum + w.confidence, 0) / words.length) * 10) / 10;
}
