// What the import does with a file, decided from its name (and, for a type Trove does not read, its first bytes):
// read it as a document (scans too: they are OCR'd), unpack it as an archive, or list it as ignored with the type it looks like.
import { isArchiveName } from '../archive/index.ts';
import { OCR_IMAGE_EXTENSIONS } from '../ocr/ocr-work.ts';
import { SUPPORTED_EXTENSIONS } from './extract.ts';

export type FileKind = { kind: 'document' } | { kind: 'archive' } | { kind: 'ignored'; reason: string };

/** How many leading bytes `classifyFile` looks at to say what an unsupported file looks like. */
export const HEAD_BYTES = 512;

export const HIDDEN_SYSTEM_FILE = 'hidden system file';
/** Image types Tesseract is not given (.gif, .bmp, .heic); the others are OCR'd. */
export const IMAGE_NEEDS_OCR = 'image (needs OCR)';
export const UNSUPPORTED_TYPE = 'unsupported type';

// Files the operating system leaves beside people's files; never documents, whatever they hold.
const HIDDEN_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
const HIDDEN_FOLDERS = new Set(['__macosx']);
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp', '.gif', '.bmp', '.heic']);

// Signatures of the binary types a leak most often carries besides documents: [offset, bytes, what it looks like].
const SIGNATURES: Array<[number, number[], string]> = [
  [0, [0x4d, 0x5a], 'a Windows executable'],
  [0, [0x7f, 0x45, 0x4c, 0x46], 'a Linux executable (ELF)'],
  [0, [0xcf, 0xfa, 0xed, 0xfe], 'a macOS executable (Mach-O)'],
  [0, [0xca, 0xfe, 0xba, 0xbe], 'a Java class or macOS universal binary'],
  [0, [0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [0, [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Office document)'],
  [0, [0x1f, 0x8b], 'gzip-compressed data'],
  [0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [0, [0x42, 0x5a, 0x68], 'bzip2-compressed data'],
  [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data'],
  [257, [0x75, 0x73, 0x74, 0x61, 0x72], 'a tar archive'],
  [0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a legacy Microsoft Office file (Word, Excel or Outlook)'],
  [0, [0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
  [0, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
  [0, [0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [0, [0xff, 0xd8, 0xff], 'a JPEG image'],
  [0, [0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [0, [0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [0, [0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [0, [0x49, 0x44, 0x33], 'an MP3 audio file'],
  [0, [0x4f, 0x67, 0x67, 0x53], 'an Ogg audio or video file'],
  [0, [0x66, 0x4c, 0x61, 0x43], 'a FLAC audio file'],
  [4, [0x66, 0x74, 0x79, 0x70], 'an MP4, MOV or HEIC media file'],
  [0, [0x1a, 0x45, 0xdf, 0xa3], 'a Matroska or WebM video'],
  [0, [0x52, 0x49, 0x46, 0x46], 'a RIFF media file (WAV, AVI or WebP)'],
  [0, [0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x42, 0x45, 0x47, 0x49, 0x4e], 'a PEM key or certificate'],
  [0, [0x21, 0x42, 0x44, 0x4e], 'an Outlook data file (PST)'],
];

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function startsWith(head: Uint8Array, offset: number, bytes: number[]): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

/** Text without control characters other than tab and line breaks, in UTF-8 (a cut-off last character is fine). */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  return true;
}

/** What the bytes of a file Trove does not read look like, in words. */
export function describeBytes(head: Uint8Array | undefined): string | undefined {
  if (head === undefined) return undefined;
  if (head.length === 0) return 'an empty file';
  const found = SIGNATURES.find(([offset, bytes]) => startsWith(head, offset, bytes));
  if (found) return found[2];
  return looksLikeText(head) ? 'text' : 'binary data';
}

/**
 * Classifies a file by its name: a path on disk or inside an archive (`/`, `\` or `!/` separated). `head`, the first
 * HEAD_BYTES bytes, only sharpens the reason given for a type Trove does not read.
 */
export function classifyFile(name: string, head?: Uint8Array): FileKind {
  const parts = name.split(/!\/|[\\/]/).filter((part) => part !== '');
  const base = parts.at(-1) ?? '';
  const lower = base.toLowerCase();
  // `._name` files are the macOS resource forks copied to disks and archives beside each file.
  if (HIDDEN_NAMES.has(lower) || lower.startsWith('._') || parts.slice(0, -1).some((part) => HIDDEN_FOLDERS.has(part.toLowerCase()))) {
    return { kind: 'ignored', reason: HIDDEN_SYSTEM_FILE };
  }
  if (isArchiveName(base)) return { kind: 'archive' };
  const extension = extensionOf(base);
  if (SUPPORTED_EXTENSIONS.includes(extension) || OCR_IMAGE_EXTENSIONS.includes(extension)) return { kind: 'document' };
  if (IMAGE_EXTENSIONS.has(extension)) return { kind: 'ignored', reason: IMAGE_NEEDS_OCR };
  const looks = describeBytes(head);
  const named = extension === '' ? 'no extension' : extension;
  return { kind: 'ignored', reason: looks ? `${UNSUPPORTED_TYPE}: looks like ${looks} (${named})` : `${UNSUPPORTED_TYPE}: ${named}` };
}
