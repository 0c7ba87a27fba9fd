import { describe, expect, it } from 'vitest';
import { composeBody } from './compose.ts';
import { missingLanguageNote, parseLanguages } from './languages.ts';
import { isUsableTextLayer } from './text-layer.ts';
import { parseTsv } from './tsv.ts';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const row = (level: number, cells: number[], conf: number, text = '') => [level, ...cells, conf, text].join('\t');

const TSV = [
  HEADER,
  row(1, [1, 0, 0, 0, 0, 0, 0, 800, 600], -1),
  row(5, [1, 1, 1, 1, 1, 10, 10, 50, 20], 96, 'Embassy'),
  row(5, [1, 1, 1, 1, 2, 70, 10, 60, 20], 91.5, 'Tehran'),
  row(5, [1, 1, 1, 2, 1, 10, 40, 40, 20], 88, 'reports'),
  row(5, [1, 2, 1, 1, 1, 10, 90, 40, 20], 30, 'quiet'),
  row(5, [1, 2, 1, 1, 2, 60, 90, 40, 20], 95, ' '),
].join('\n');

describe('parseTsv', () => {
  it('joins words by spaces, lines by line breaks and blocks by blank lines, with offsets and boxes', () => {
    const [page] = parseTsv(TSV, 3);
    expect(page).toMatchObject({ number: 3, width: 800, height: 600, text: 'Embassy Tehran\nreports\n\nquiet' });
    for (const word of page!.words) expect(page!.text.slice(word.start, word.end)).toBe(word.text);
    expect(page!.words[1]).toMatchObject({ text: 'Tehran', x: 70, y: 10, w: 60, h: 20, confidence: 91.5 });
    expect(page!.confidence).toBe(76.4);
  });

  it('reads nothing from output that is not TSV', () => {
    expect(parseTsv('not\ttsv\n<html>')).toEqual([]);
  });
});

describe('composeBody', () => {
  it('keeps text-layer pages, adds OCR pages in order, moves word offsets into the body and flags low confidence', () => {
    const [ocr] = parseTsv(TSV, 2);
    const existing = {
      body: 'Page one.\n\nPage three.',
      pages: [
        { number: 1, start: 0, end: 9, source: 'text' as const },
        { number: 2, start: 9, end: 9, source: 'text' as const },
        { number: 3, start: 11, end: 22, source: 'text' as const },
      ],
    };
    const { body, pages, lowConfidence } = composeBody(existing, [ocr!]);
    expect(body).toBe('Page one.\n\nEmbassy Tehran\nreports\n\nquiet\n\nPage three.');
    expect(pages.map((p) => body.slice(p.start, p.end))).toEqual(['Page one.', 'Embassy Tehran\nreports\n\nquiet', 'Page three.']);
    for (const word of pages[1]!.words!) expect(body.slice(word.start, word.end)).toBe(word.text);
    expect(pages[1]).toMatchObject({ source: 'ocr', confidence: 76.4 });
    expect(lowConfidence).toEqual([]);
    expect(composeBody({ body: '' }, [{ ...ocr!, number: 1, confidence: 41 }]).lowConfidence).toEqual([1]);
  });
});

describe('languages', () => {
  it('reads eng+fas and refuses what is not a language code, in words', () => {
    expect(parseLanguages('eng+fas')).toEqual(['eng', 'fas']);
    expect(() => parseLanguages('english; rm -rf')).toThrow(
      '"english;" is not a Tesseract language code; use three-letter codes joined by +, such as eng+fas.',
    );
  });

  it('says what to install for Persian', () => {
    expect(missingLanguageNote(['fas'])).toMatch(
      /^Persian OCR needs the tesseract-ocr-fas package \(Debian\/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fas; macOS:/,
    );
  });
});

describe('isUsableTextLayer', () => {
  it('tells words from a junk layer', () => {
    expect(isUsableTextLayer('Embassy Tehran reports a quiet week.')).toBe(true);
    expect(isUsableTextLayer('گزارش جلسه بندر بوشهر')).toBe(true);
    expect(isUsableTextLayer('#$%& *+,- ;<=> @[ ]^')).toBe(false);
    expect(isUsableTextLayer('\uFFFD\uFFFD\uFFFD ab')).toBe(false);
    expect(isUsableTextLayer('12')).toBe(false);
    expect(isUsableTextLayer('')).toBe(false);
  });
});
