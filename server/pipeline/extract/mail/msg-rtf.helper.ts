// The RTF body of an Outlook message (PidTagRtfCompressed), for messages that have no plain-text
// body. Outlook often wraps HTML or plain text in RTF (\fromhtml1, \fromtext); that is unwrapped
// first, and real RTF goes to the RTF extractor.
import { decompressRTF } from '@kenjiuno/decompressrtf';
import iconv from 'iconv-lite';
import { deEncapsulateSync } from 'rtf-stream-parser';
import { cleanText } from '../../clean-text.ts';
import { htmlToPlainText } from '../html.extractor.ts';
import { extractRtf } from '../office/rtf.extractor.ts';

function decompress(compressed: Uint8Array): Buffer | null {
  if (compressed.length < 16) return null;
  // The decompressor runs until the size the header declares, reading zeros past the end of the
  // input: a damaged or crafted size would make it write gigabytes.
  const declared = new DataView(compressed.buffer, compressed.byteOffset, compressed.byteLength).getUint32(0, true);
  if (declared + 4 > compressed.length) return null;
  try {
    return Buffer.from(decompressRTF(Array.from(compressed)));
  } catch {
    return null;
  }
}

function unwrap(rtf: Buffer): string | null {
  try {
    const { mode, text } = deEncapsulateSync(rtf, { decode: (buf, encoding) => iconv.decode(buf, encoding), mode: 'either' });
    const content = typeof text === 'string' ? text : text.toString('utf8');
    return mode === 'html' ? htmlToPlainText(content) : cleanText(content);
  } catch {
    return null;
  }
}

/** The text of the RTF body, or '' when there is none or it cannot be read. */
export function rtfBodyText(compressed: unknown): string {
  if (!(compressed instanceof Uint8Array)) return '';
  const rtf = decompress(compressed);
  if (rtf === null) return '';
  const unwrapped = unwrap(rtf);
  if (unwrapped !== null) return unwrapped;
  try {
    return extractRtf(new Uint8Array(rtf)).documents[0]?.body ?? '';
  } catch {
    return '';
  }
}
