// Which imported files need OCR: images of the types Tesseract reads, and PDFs with pages that have no usable text.
import { extractError } from '../extract/extract-error.ts';
import type { ExtractResult } from '../extract/extract.types.ts';
import type { PreparedDocument } from '../prepare-document.ts';
import type { OcrWork } from './ocr.types.ts';

export const OCR_IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp'];

function extensionOf(name: string): string {
  const base = name.split(/!\/|[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function isOcrImage(name: string): boolean {
  return OCR_IMAGE_EXTENSIONS.includes(extensionOf(name));
}

export function isTiff(name: string): boolean {
  return ['.tif', '.tiff'].includes(extensionOf(name));
}

const starts = (bytes: Uint8Array, offset: number, signature: number[]) => signature.every((b, i) => bytes[offset + i] === b);

/** 'PNG', 'JPEG', 'TIFF' or 'WebP' from the first bytes, or undefined. */
export function imageType(bytes: Uint8Array): string | undefined {
  if (starts(bytes, 0, [0x89, 0x50, 0x4e, 0x47])) return 'PNG';
  if (starts(bytes, 0, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (starts(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (starts(bytes, 0, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, 8, [0x57, 0x45, 0x42, 0x50])) return 'WebP';
  return undefined;
}

/** An image imported as a document whose text OCR will write; until then its body is empty. */
export function imageDocument(name: string, bytes: Uint8Array): ExtractResult {
  if (bytes.length === 0) throw extractError('extract.empty', 'The file is empty.');
  const type = imageType(bytes);
  if (type === undefined) {
    throw extractError('extract.unsupported', `The file is named ${extensionOf(name)} but does not hold a PNG, JPEG, TIFF or WebP image.`);
  }
  return { documents: [{ body: '', metadata: { imageType: type, ocr: 'queued' } }], problems: [] };
}

/** The OCR a prepared document needs, if any. */
export function ocrWorkFor(name: string, bytes: Uint8Array, document: PreparedDocument, languages?: string[]): OcrWork | undefined {
  const base = { fileName: name.split(/!\/|[\\/]/).pop() ?? name, bytes, ...(languages ? { languages } : {}) };
  if (isOcrImage(name)) return { kind: 'image', pages: [], ...base };
  if (extensionOf(name) !== '.pdf') return undefined;
  const blank = (document.pages ?? []).filter((page) => page.start === page.end).map((page) => page.number);
  return blank.length === 0 ? undefined : { kind: 'pdf', pages: blank, ...base };
}
