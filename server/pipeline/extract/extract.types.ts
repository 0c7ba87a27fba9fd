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
