// Shapes of the OCR pipeline: engines read page images into words with boxes; the rest is text in, data out.
import type { PageWord } from '../extract/extract.types.ts';

/** Tesseract language codes Trove knows by name, for notes a person can act on. */
export const LANGUAGE_NAMES: Record<string, string> = { eng: 'English', fas: 'Persian' };

/** One page as OCR read it: its text, and its words with offsets into that text. */
export interface OcrPage {
  /** 1-based, in the source (image frame or PDF page). */
  number: number;
  width: number;
  height: number;
  text: string;
  words: PageWord[];
  /** Mean word confidence 0–100 (0 for a page without words). */
  confidence: number;
}

/** A page image to read: PNG, JPEG, TIFF or WebP bytes. */
export interface PageImage {
  number: number;
  bytes: Uint8Array;
}

export interface OcrEngine {
  readonly name: 'system' | 'wasm';
  /** Tesseract language codes this engine has data for. */
  languages(): Promise<Set<string>>;
  /** Tesseract TSV of one image; a multi-page TIFF gives one TSV page per frame where the engine reads frames. */
  recognizeTsv(image: Uint8Array, languages: string[], options?: { psm?: number }): Promise<string>;
  /** The script of the text on an image ('Latin', 'Arabic' …) where the engine can tell (Tesseract's OSD). */
  detectScript?(image: Uint8Array): Promise<string | undefined>;
  /** Whether the engine reads every frame of a multi-page TIFF. */
  readonly multiPageTiff: boolean;
  close(): Promise<void>;
}

/** Mean confidence under which a page is flagged as poorly read. */
export const LOW_CONFIDENCE = 60;

/** OCR the import asks for a document: queued, and run after the import (server/modules/ocr). */
export interface OcrWork {
  kind: 'image' | 'pdf';
  fileName: string;
  bytes: Uint8Array;
  /** PDF pages without a usable text layer; empty for an image (all of it). */
  pages: number[];
  /** Tesseract codes asked for (`--ocr-lang`), or undefined to decide per document. */
  languages?: string[];
}
