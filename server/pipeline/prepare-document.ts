import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parseDate } from './dates.ts';
import type { DocumentKind, ExtractedDocument } from './extract/extract.ts';
import type { PageSpan } from './extract/extract.types.ts';
import type { OcrWork } from './ocr/ocr.types.ts';
import { fold } from './normalise.ts';
import { segment } from './segment.ts';
import { translationClaims, type TranslationClaim } from './translation/translation-claims.ts';

/** A document ready to store: canonical text, passages with their folded index text, and its identity. */
export interface PreparedDocument {
  ref: string;
  /** True when the ref was made up from the file name rather than given by the source. */
  refDerived: boolean;
  kind: DocumentKind;
  title: string | null;
  date: string | null;
  dateText: string | null;
  language: string | null;
  origin: string | null;
  author: string | null;
  classification: string | null;
  sourceFile: string;
  sha256: string;
  body: string;
  metadata: Record<string, unknown>;
  indexTitle: string;
  passages: Array<{ ordinal: number; start: number; end: number; text: string; indexText: string }>;
  /** What the document says about its original or translations, kept until the counterpart arrives. */
  translationClaims: TranslationClaim[];
  /** Pages of a paged source (PDF, scan), offsets into body; empty when the source has none. */
  pages?: PageSpan[];
  /** OCR to queue for it (scans, PDF pages without text), server/pipeline/ocr. */
  ocr?: OcrWork;
  /** For an attachment: the sha256 of the document that carried it (stored before it, in the same import). */
  parentSha256?: string;
  /** The file it came from, already in the originals store (server/modules/originals). */
  original?: OriginalFile;
}

/** A file in the originals store: its content hash, name, media type and size, and the archive that held it. */
export interface OriginalFile {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  containerSha256?: string;
}

export interface SourceContext {
  /** Path as shown to people (relative to where the import started). */
  file: string;
  /** Whole-file bytes' hash, used as identity when the file holds a single document. */
  fileSha256: string;
  /** Number of documents the file produced: records of a JSON file need their own identity. */
  siblings: number;
  index: number;
  defaultKind?: DocumentKind;
}

export const MAX_REF_LENGTH = 200;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function prepareDocument(doc: ExtractedDocument, source: SourceContext): PreparedDocument {
  const refDerived = !doc.ref?.trim();
  const stem = basename(source.file, extname(source.file));
  const fallbackFor = (index: number) => (source.siblings > 1 ? `${stem}-${doc.line ?? index + 1}` : stem);
  // A translation split off a record without a ref follows its original, whose made-up ref it extends.
  const previous = doc.metadata.translation_of_previous === true ? cleanRef(fallbackFor(source.index - 1)) : null;
  const fallbackRef = previous !== null ? `${previous}-${(doc.language ?? 'tr').toUpperCase()}` : fallbackFor(source.index);
  const ref = cleanRef(refDerived ? fallbackRef : doc.ref!);
  const metadata = previous === null ? doc.metadata : withOriginal(doc.metadata, previous);
  const isoHint = typeof doc.metadata.date_iso === 'string' ? doc.metadata.date_iso : undefined;
  const title = doc.title?.trim() || null;
  return {
    ref,
    refDerived,
    kind: doc.kind ?? source.defaultKind ?? 'document',
    title,
    date: parseDate(isoHint ?? doc.dateText),
    dateText: doc.dateText?.trim() || null,
    language: doc.language?.trim() || null,
    origin: doc.origin?.trim() || null,
    author: doc.author?.trim() || null,
    classification: doc.classification?.trim() || null,
    sourceFile: source.file,
    sha256: source.siblings > 1 ? sha256(JSON.stringify([doc.ref, doc.title, doc.dateText, doc.body, doc.metadata])) : source.fileSha256,
    body: doc.body,
    metadata,
    indexTitle: fold(title ?? ''),
    passages: segment(doc.body).map((p) => ({ ...p, indexText: fold(p.text) })),
    ...(doc.pages === undefined ? {} : { pages: doc.pages }),
    translationClaims: translationClaims(ref, metadata),
  };
}

function withOriginal(metadata: Record<string, unknown>, original: string): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== 'translation_of_previous'));
  return { ...rest, translation_of: original };
}

function cleanRef(ref: string): string {
  return ref.replace(/\s+/g, ' ').trim().slice(0, MAX_REF_LENGTH);
}
