// OCR'd pages into the document body: pages in order, each page's text as read (a text-layer page keeps its own),
// joined by blank lines as the PDF extractor joins them, with every word's offsets moved into the body.
import { cleanText } from '../clean-text.ts';
import type { PageSpan } from '../extract/extract.types.ts';
import { LOW_CONFIDENCE, type OcrPage } from './ocr.types.ts';

export interface ComposedBody {
  body: string;
  pages: PageSpan[];
  /** Numbers of OCR'd pages read with low mean confidence (or no words at all). */
  lowConfidence: number[];
}

export function composeBody(existing: { body: string; pages?: PageSpan[] }, ocr: OcrPage[]): ComposedBody {
  const read = new Map(ocr.map((page) => [page.number, page]));
  const kept = new Map((existing.pages ?? []).map((page) => [page.number, page]));
  const numbers = [...new Set([...kept.keys(), ...read.keys()])].sort((a, b) => a - b);
  let body = '';
  const pages: PageSpan[] = [];
  const lowConfidence: number[] = [];
  for (const number of numbers) {
    const page = read.get(number);
    const old = kept.get(number);
    const text = page !== undefined ? pageText(page) : existing.body.slice(old!.start, old!.end);
    if (text !== '' && body !== '') body += '\n\n';
    const start = body.length;
    body += text;
    if (page === undefined) {
      pages.push({ ...old!, start, end: body.length });
      continue;
    }
    const words = text === page.text ? page.words.map((w) => ({ ...w, start: w.start + start, end: w.end + start })) : [];
    pages.push({
      number,
      start,
      end: body.length,
      width: page.width,
      height: page.height,
      source: 'ocr',
      confidence: page.confidence,
      words,
    });
    if (page.words.length === 0 || page.confidence < LOW_CONFIDENCE) lowConfidence.push(number);
  }
  return { body, pages, lowConfidence };
}

/** The page's text in body form; the parser already builds it so, and anything else is cleaned (and loses its boxes). */
function pageText(page: OcrPage): string {
  return cleanText(page.text);
}
