// PDF text layers via pdf.js (opened as everywhere else in Trove, see open-pdf.ts).
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { cleanText } from '../clean-text.ts';
import { ExtractError, extractError } from './extract-error.ts';
import type { ExtractResult, PageSpan } from './extract.types.ts';
import { isUsableTextLayer } from '../ocr/text-layer.ts';
import { normaliseLanguage } from './record-fields.helper.ts';
import { openPdf } from './open-pdf.ts';

function openFailure(error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return extractError('extract.encrypted_pdf', 'The PDF is password-protected; remove the password and import it again.');
  }
  const detail = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
  return extractError('extract.malformed_pdf', `The PDF is damaged or not a PDF (${detail}); try re-saving or repairing it.`);
}

interface RawPage {
  text: string;
  width: number;
  height: number;
}

async function readPage(pdf: PDFDocumentProxy, pageNumber: number): Promise<RawPage> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue; // marked-content markers carry no text
      const textItem: TextItem = item;
      text += textItem.str + (textItem.hasEOL ? '\n' : '');
    }
    const { width, height } = page.getViewport({ scale: 1 });
    return { text, width: Math.round(width), height: Math.round(height) };
  } finally {
    page.cleanup();
  }
}

/**
 * The body and where each page lies in it. Each page is cleaned on its own and pages are joined by a
 * blank line, so the body is already in cleanText form and page offsets need no mapping; a page whose
 * text layer is empty or not words (a scan with a junk layer) has an empty span and is left to OCR.
 */
export async function documentPages(pdf: PDFDocumentProxy): Promise<{ body: string; pages: PageSpan[] }> {
  let body = '';
  const pages: PageSpan[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const raw = await readPage(pdf, number);
    const cleaned = cleanText(raw.text);
    const text = isUsableTextLayer(cleaned) ? cleaned : '';
    if (text !== '' && body !== '') body += '\n\n';
    const start = body.length;
    body += text;
    pages.push({ number, start, end: body.length, width: raw.width, height: raw.height, source: 'text' });
  }
  return { body, pages };
}

const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/;

/** "D:20141103120000+03'30'" → "2014-11-03T12:00:00+03:30"; as precise as the source. */
export function pdfDateToIso(raw: string): string {
  const match = PDF_DATE.exec(raw.trim());
  if (!match) return raw;
  const [, year, month, day, hour, minute, second, zone] = match;
  let iso = [year, month, day].filter((part) => part !== undefined).join('-');
  if (hour !== undefined) iso += `T${hour}:${minute ?? '00'}:${second ?? '00'}`;
  if (hour !== undefined && zone !== undefined) iso += zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return iso;
}

function infoFields(info: Record<string, unknown>) {
  const text = (key: string) => (typeof info[key] === 'string' && info[key].trim() !== '' ? info[key].trim() : undefined);
  const created = text('CreationDate');
  const fields = {
    title: text('Title'),
    author: text('Author'),
    dateText: created === undefined ? undefined : pdfDateToIso(created),
    language: normaliseLanguage(text('Language')),
  };
  const metadata = {
    subject: text('Subject'),
    keywords: text('Keywords'),
    creator: text('Creator'),
    producer: text('Producer'),
    creationDate: created,
    modificationDate: text('ModDate'),
  };
  return { fields, metadata };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

async function readPdf(pdf: PDFDocumentProxy): Promise<ExtractResult> {
  const { body, pages } = await documentPages(pdf);
  const { info } = await pdf.getMetadata();
  const { fields, metadata } = infoFields(info as Record<string, unknown>);
  return {
    documents: [{ ...definedOnly(fields), body, metadata: { ...definedOnly(metadata), pageCount: pdf.numPages }, pages }],
    problems: [],
  };
}

export async function extractPdf(bytes: Uint8Array): Promise<ExtractResult> {
  const task = await openPdf(bytes);
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw openFailure(error);
    });
    return await readPdf(pdf).catch((error: unknown) => {
      throw error instanceof ExtractError ? error : openFailure(error);
    });
  } finally {
    await task.destroy();
  }
}
