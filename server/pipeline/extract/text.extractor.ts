// Plain text: the whole file is the body; the only thing to know about it is how it was encoded.
import { cleanText } from '../clean-text.ts';
import { decodeText, encodingMetadata } from './decode-text.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractResult } from './extract.types.ts';

export function extractText(bytes: Uint8Array): ExtractResult {
  const decoded = decodeText(bytes);
  const body = cleanText(decoded.text);
  if (body === '') throw extractError('extract.no_text', 'The file contains only whitespace, so there is no text to import.');
  return { documents: [{ body, metadata: encodingMetadata(decoded) }], problems: [] };
}
