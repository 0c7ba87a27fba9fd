// Whole-file failures. Callers branch on `code` (stable, part of the API); `message` is a
// sentence meant for the person importing the file and says what to do about it.

export type ExtractErrorCode =
  | 'extract.empty'
  | 'extract.binary'
  | 'extract.invalid_utf8'
  | 'extract.unsupported'
  | 'extract.malformed_json'
  | 'extract.malformed_front_matter'
  | 'extract.malformed_email'
  | 'extract.no_text'
  | 'extract.malformed_pdf'
  | 'extract.encrypted_pdf'
  | 'extract.malformed_office'
  | 'extract.encrypted_office'
  | 'extract.too_large';

export class ExtractError extends Error {
  override readonly name = 'ExtractError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Typed constructor so a misspelt code fails to compile rather than reaching the UI. */
export function extractError(code: ExtractErrorCode, message: string): ExtractError {
  return new ExtractError(code, message);
}
