// PDF text layers via pdf.js. Nothing may be fetched at run time: fonts, CMaps and wasm
// decoders all come from the installed pdfjs-dist package on disk.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocumentInitParameters, PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { cleanText } from '../clean-text.ts';
import { ExtractError, extractError } from './extract-error.ts';
import type { ExtractResult } from './extract.types.ts';
import { normaliseLanguage } from './record-fields.helper.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

// pdf.js is large; loading it lazily keeps it out of processes that never see a PDF.
let pdfjsModule: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

function assetDirectory(name: string): string {
  const packageJson = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  // pdf.js insists on a trailing slash and joins file names onto it.
  return join(dirname(packageJson), name) + '/';
}

function loadOptions(bytes: Uint8Array, pdfjs: PdfJs): DocumentInitParameters {
  return {
    // pdf.js takes ownership of (and may detach) the buffer it is given, and it rejects Node
    // Buffers outright, so it gets its own plain copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    standardFontDataUrl: assetDirectory('standard_fonts'),
    cMapUrl: assetDirectory('cmaps'),
    cMapPacked: true,
    wasmUrl: assetDirectory('wasm'),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
}

function openFailure(error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return extractError('extract.encrypted_pdf', 'The PDF is password-protected; remove the password and import it again.');
  }
  const detail = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
  return extractError('extract.malformed_pdf', `The PDF is damaged or not a PDF (${detail}); try re-saving or repairing it.`);
}

async function pageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue; // marked-content markers carry no text
      const textItem: TextItem = item;
      text += textItem.str + (textItem.hasEOL ? '\n' : '');
    }
    return text;
  } finally {
    page.cleanup();
  }
}

async function documentText(pdf: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber += 1) {
    pages.push(await pageText(pdf, pageNumber));
  }
  return pages.join('\n\n');
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
  const body = cleanText(await documentText(pdf));
  if (body === '') throw extractError('extract.no_text', 'The PDF has no text layer; run OCR on it first.');
  const { info } = await pdf.getMetadata();
  const { fields, metadata } = infoFields(info as Record<string, unknown>);
  return {
    documents: [{ ...definedOnly(fields), body, metadata: { ...definedOnly(metadata), pageCount: pdf.numPages } }],
    problems: [],
  };
}

export async function extractPdf(bytes: Uint8Array): Promise<ExtractResult> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(loadOptions(bytes, pdfjs));
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
