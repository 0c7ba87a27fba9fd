// One place for the sentences an office file can fail with, so every format says the same thing
// the same way, and for the guard that turns a library's own exception into one of them.
import { ExtractError, extractError } from '../extract-error.ts';

function article(what: string): string {
  return /^(?:[aeiou]|RTF)/i.test(what) ? 'an' : 'a';
}

export function malformedOffice(what: string, detail?: string): ExtractError {
  const why = detail === undefined || detail === '' ? '' : ` (${detail.replace(/[.\s]+$/, '').slice(0, 120)})`;
  return extractError(
    'extract.malformed_office',
    `The ${what} is damaged, truncated or not really ${article(what)} ${what}${why}; open it in an office program, save it again and re-import it.`,
  );
}

export function encryptedOffice(what: string): ExtractError {
  return extractError(
    'extract.encrypted_office',
    `The ${what} is password-protected; open it with the password, save a copy without one and import that.`,
  );
}

export function noOfficeText(what: string): ExtractError {
  return extractError('extract.no_text', `The ${what} contains no text; if it holds only scanned images, run OCR on it first.`);
}

function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

/** Runs a reader and lets only ExtractError out: anything else a library throws means a damaged file. */
export async function guardOffice<T>(what: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    if (/password|encrypt/i.test(detailOf(error))) throw encryptedOffice(what);
    if (error instanceof RangeError && /allocation|array length|call stack/i.test(error.message)) {
      throw malformedOffice(what, 'it is too large or too deeply nested to read');
    }
    throw malformedOffice(what, detailOf(error));
  }
}
