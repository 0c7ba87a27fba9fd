// Legacy Word .doc (Word 97–2003 binary) through word-extractor, a pure-JS reader, so no
// antiword, catdoc or LibreOffice is needed where Trove runs. Properties come from the OLE
// summary property set, as for .xls.
import WordExtractor from 'word-extractor';
import type { ExtractResult } from '../extract.types.ts';
import { encryptedOffice, malformedOffice } from './office-error.helper.ts';
import { officeResult, toOfficeProps } from './office-props.helper.ts';
import { readOle, summaryProperties } from './ole.helper.ts';

const WHAT = 'Word document';
// FibBase flags at offset 10: fEncrypted (0x0100) and fObfuscated (0x8000) both mean a password.
const FIB_FLAGS_OFFSET = 10;
const FIB_PASSWORD_FLAGS = 0x0100 | 0x8000;

/** word-extractor ends each paragraph with one line break; Trove separates them by a blank line. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function labelled(label: string, text: string): string[] {
  return paragraphs(text).map((line) => `${label}: ${line}`);
}

export async function extractDoc(bytes: Uint8Array): Promise<ExtractResult> {
  const ole = readOle(bytes, WHAT);
  const fib = ole.stream('WordDocument');
  if (fib === undefined || fib.length < 12) throw malformedOffice(WHAT, 'it has no WordDocument stream');
  const flags = fib[FIB_FLAGS_OFFSET]! | (fib[FIB_FLAGS_OFFSET + 1]! << 8);
  if ((flags & FIB_PASSWORD_FLAGS) !== 0) throw encryptedOffice(WHAT);
  const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const blocks = [
    ...paragraphs(document.getBody()),
    ...paragraphs(document.getTextboxes({ includeHeadersAndFooters: false, includeBody: true })),
    ...labelled('Footnote', document.getFootnotes()),
    ...labelled('Endnote', document.getEndnotes()),
    ...labelled('Comment', document.getAnnotations()),
  ];
  const headers = paragraphs(document.getHeaders({ includeFooters: false }));
  const footers = paragraphs(document.getFooters());
  const extra: Record<string, unknown> = {};
  if (headers.length > 0) extra.headers = [...new Set(headers)];
  if (footers.length > 0) extra.footers = [...new Set(footers)];
  return officeResult(WHAT, blocks.join('\n\n'), toOfficeProps(summaryProperties(ole)), extra);
}
