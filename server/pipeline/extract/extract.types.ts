// Shared shapes of the extraction pipeline. `extract.ts` re-exports these; import from there.

export type DocumentKind = 'cable' | 'report' | 'document';

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['cable', 'report', 'document'];

export interface ExtractedDocument {
  /** Archive identifier if the file states one. */
  ref?: string;
  kind?: DocumentKind;
  title?: string;
  /** The date as written in the source; `parseDate` turns it into ISO. */
  dateText?: string;
  /** ISO 639-1 code such as 'en' or 'fa', when known. */
  language?: string;
  origin?: string;
  author?: string;
  classification?: string;
  /** The document text, already passed through cleanText(). */
  body: string;
  /** Every other field or header, JSON-serialisable. */
  metadata: Record<string, unknown>;
  /** 1-based line for records from .jsonl. */
  line?: number;
  /** For paged sources (PDFs, scans): where each page's text lies in `body`, in page order. */
  pages?: PageSpan[];
}

/** A word read by OCR: its place in the body and its box on the page image. */
export interface PageWord {
  text: string;
  /** Offsets into the document body: body.slice(start, end) === text. */
  start: number;
  end: number;
  /** Box in pixels of the page image at the page's width × height. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0–100. */
  confidence: number;
}

/** One page of a document: body.slice(start, end) is its text (empty for a page with none). */
export interface PageSpan {
  /** 1-based. */
  number: number;
  start: number;
  end: number;
  /** Size in pixels of the page image the word boxes refer to (PDF points for a text layer). */
  width?: number;
  height?: number;
  source: 'text' | 'ocr';
  /** Mean word confidence 0–100, OCR only. */
  confidence?: number;
  words?: PageWord[];
}

export interface ExtractProblem {
  line?: number;
  reason: string;
}

/** A file carried inside a document (an e-mail attachment): imported as its own document whose parent is `documents[parentIndex]`. */
export interface EmbeddedFile {
  name: string;
  bytes: Uint8Array;
  parentIndex: number;
}

export interface ExtractResult {
  documents: ExtractedDocument[];
  problems: ExtractProblem[];
  attachments?: EmbeddedFile[];
}

export type Extractor = (bytes: Uint8Array) => ExtractResult | Promise<ExtractResult>;

/** The named fields of a document, without body and metadata. */
export type DocumentFields = Omit<ExtractedDocument, 'body' | 'metadata' | 'line'>;
