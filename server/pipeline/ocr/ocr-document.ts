// One document's OCR: its page images, the languages to read them in, the engine that has those languages,
// and the words read. An engine or language that is missing gives a note to act on, never an exception.
import { fromDocumentLanguage, fromScript, missingLanguageNote } from './languages.ts';
import { LOW_CONFIDENCE, type OcrEngine, type OcrPage, type PageImage } from './ocr.types.ts';
import type { PdfRenderer } from './render-pdf.ts';
import { parseTsv } from './tsv.ts';

export interface OcrEngines {
  system?: OcrEngine;
  wasm?: OcrEngine;
  renderPdf: PdfRenderer;
  /** Cleans a noisy page image for a second reading (cleanup.ts); undefined when it cannot. Without it, no cleanup. */
  clean?: (image: Uint8Array) => Promise<Uint8Array | undefined>;
  /** A multi-page TIFF's frames as images, for an engine that reads only the first frame of a TIFF. */
  splitTiff?: (tiff: Uint8Array) => Promise<PageImage[]>;
}

export interface OcrRequest {
  kind: 'image' | 'pdf';
  bytes: Uint8Array;
  /** For a PDF, the pages to read (1-based). */
  pages: number[];
  /** Asked for (`--ocr-lang`); otherwise the document's language, otherwise detection. */
  languages?: string[];
  documentLanguage?: string | null;
  /** A .tif/.tiff file, whose frames are pages. */
  tiff?: boolean;
  /** 'auto' (default): a page read poorly is cleaned and read again, the better reading kept; 'off' and 'always' compare (bench:ocr). */
  cleanup?: 'auto' | 'off' | 'always';
}

export type OcrOutcome =
  | { status: 'done'; engine: 'system' | 'wasm'; languages: string[]; pages: OcrPage[]; notes: string[] }
  | { status: 'pending'; languages: string[]; note: string };

async function chooseLanguages(request: OcrRequest, engines: OcrEngines, first: PageImage | undefined): Promise<string[]> {
  if (request.languages !== undefined && request.languages.length > 0) return request.languages;
  const declared = fromDocumentLanguage(request.documentLanguage);
  if (declared !== undefined) return [declared];
  if (first === undefined) return ['eng'];
  const script = fromScript(await engines.system?.detectScript?.(first.bytes));
  return [script ?? (await byLetters(engines, first)) ?? 'eng'];
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;

/** When OSD cannot tell (too little text), a first read in English and Persian together: whichever script's letters win. */
async function byLetters(engines: OcrEngines, first: PageImage): Promise<string | undefined> {
  for (const engine of [engines.system, engines.wasm]) {
    if (engine === undefined) continue;
    const has = await engine.languages();
    if (!has.has('eng') || !has.has('fas')) continue;
    const text = parseTsv(await engine.recognizeTsv(first.bytes, ['eng', 'fas']), 1)
      .map((page) => page.text)
      .join(' ');
    const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
    const latin = text.match(LATIN_LETTER)?.length ?? 0;
    return arabic > latin ? 'fas' : 'eng';
  }
  return undefined;
}

async function chooseEngine(engines: OcrEngines, languages: string[]): Promise<OcrEngine | { missing: string[] }> {
  const candidates = [engines.system, engines.wasm].filter((engine): engine is OcrEngine => engine !== undefined);
  const known = new Set<string>();
  for (const engine of candidates) {
    const has = await engine.languages();
    if (languages.every((language) => has.has(language))) return engine;
    for (const language of has) known.add(language);
  }
  const missing = languages.filter((language) => !known.has(language));
  return { missing: missing.length > 0 ? missing : languages };
}

// Words of two letters or more, weighted by confidence: how much of a page a reading got right, roughly.
const score = (pages: OcrPage[]) =>
  pages.reduce((n, page) => n + page.words.filter((w) => w.text.length > 1).reduce((m, w) => m + w.confidence, 0), 0);

const readWell = (pages: OcrPage[]) =>
  pages.reduce((n, page) => n + page.words.length, 0) >= 3 && pages.every((page) => page.confidence >= LOW_CONFIDENCE);

/**
 * Reads one image. Tesseract's automatic layout mistakes a noisy or skewed page for pictures; when it reads little
 * or reads it poorly, the page is read again as one block of text and the better reading kept.
 */
async function readBytes(engine: OcrEngine, bytes: Uint8Array, number: number, languages: string[]): Promise<OcrPage[]> {
  const auto = parseTsv(await engine.recognizeTsv(bytes, languages), number);
  if (readWell(auto)) return auto;
  const block = parseTsv(await engine.recognizeTsv(bytes, languages, { psm: 6 }), number);
  return score(block) > score(auto) ? block : auto;
}

/** A page still read poorly is cleaned (grey, Otsu, specks cleared) and read again; the better reading is kept. */
async function readImage(engine: OcrEngine, image: PageImage, request: OcrRequest, engines: OcrEngines, languages: string[]) {
  const mode = engines.clean === undefined ? 'off' : (request.cleanup ?? 'auto');
  const cleaned = mode === 'always' ? await engines.clean!(image.bytes) : undefined;
  const first = await readBytes(engine, cleaned ?? image.bytes, image.number, languages);
  if (mode !== 'auto' || readWell(first)) return first;
  const clean = await engines.clean!(image.bytes).catch(() => undefined);
  if (clean === undefined) return first;
  const second = await readBytes(engine, clean, image.number, languages);
  return score(second) > score(first) ? second : first;
}

export async function ocrDocument(request: OcrRequest, engines: OcrEngines): Promise<OcrOutcome> {
  const images: PageImage[] =
    request.kind === 'pdf' ? await engines.renderPdf(request.bytes, request.pages) : [{ number: 1, bytes: request.bytes }];
  const languages = await chooseLanguages(request, engines, images[0]);
  const engine = await chooseEngine(engines, languages);
  if ('missing' in engine) {
    const anyEngine = engines.system !== undefined || engines.wasm !== undefined;
    const note = anyEngine
      ? missingLanguageNote(engine.missing)
      : 'OCR needs Tesseract: install tesseract-ocr (or run npm install to get the WebAssembly engine), then run npx trove ocr --all.';
    return { status: 'pending', languages, note };
  }
  const notes: string[] = [];
  const frames = request.tiff && !engine.multiPageTiff ? await tiffFrames(request.bytes, engines) : undefined;
  if (request.tiff && !engine.multiPageTiff && frames === undefined)
    notes.push('Only the first frame of this TIFF was read; the system Tesseract (tesseract-ocr) reads every frame.');
  const pages: OcrPage[] = [];
  for (const image of frames ?? images) pages.push(...(await readImage(engine, image, request, engines, languages)));
  return { status: 'done', engine: engine.name, languages, pages, notes };
}

/** The frames of a TIFF one image each, or undefined when they cannot be split (the engine then reads the first). */
async function tiffFrames(bytes: Uint8Array, engines: OcrEngines): Promise<PageImage[] | undefined> {
  if (!engines.splitTiff) return undefined;
  return engines.splitTiff(bytes).catch(() => undefined);
}
