// A single-part message that declares no charset but is not UTF-8 (old mail clients wrote Persian
// and Arabic in Windows-1256 without saying so): postal-mime would read it as UTF-8 and put U+FFFD
// in place of every letter, so its body is decoded the way a text file is, by detection.
import type { Email } from 'postal-mime';
import { decodeText, encodingMetadata, firstInvalidUtf8Offset } from '../decode-text.helper.ts';
import { headerValue } from './mail-headers.helper.ts';

export interface UndeclaredBody {
  text: string;
  html: boolean;
  metadata: { encoding: string; replacement_characters?: number };
}

function bodyStart(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i += 1) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** The body read by detection, or null when the message declares its charset or is UTF-8 anyway. */
export function undeclaredCharsetBody(bytes: Uint8Array, email: Email): UndeclaredBody | null {
  const contentType = headerValue(email.headers, 'content-type') ?? 'text/plain';
  if (!/^\s*text\/(?:plain|html)\b/i.test(contentType) || /\bcharset\s*=/i.test(contentType)) return null;
  // Base64 and quoted-printable bodies are left to postal-mime, which undoes them.
  const transfer = headerValue(email.headers, 'content-transfer-encoding')?.toLowerCase();
  if (transfer === 'base64' || transfer === 'quoted-printable') return null;
  const start = bodyStart(bytes);
  if (start === -1) return null;
  const body = bytes.subarray(start);
  if (firstInvalidUtf8Offset(body) === -1) return null;
  try {
    const decoded = decodeText(body);
    return { text: decoded.text, html: /^\s*text\/html/i.test(contentType), metadata: encodingMetadata(decoded) };
  } catch {
    return null;
  }
}
