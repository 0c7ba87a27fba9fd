// Plain text: the whole file is the body, and there is nothing else to know about it.
import { cleanText } from '../clean-text.ts';
import { decodeUtf8Text } from './decode-text.helper.ts';
import { extractError } from './extract-error.ts';
import type { ExtractResult } from './extract.types.ts';

export function extractText(bytes: Uint8Array): ExtractResult {
  const body = cleanText(decodeUtf8Text(bytes));
  if (body === '') throw extractError('extract.no_text', 'The file contains only whitespace, so there is no text to import.');
  return { documents: [{ body, metadata: {} }], problems: [] };
}
