// The canonical form of every stored document body. Search offsets, passage hashes and the
// highlight sentinels (U+0002/U+0003) all assume this exact normalisation, so any change here
// changes what is stored — treat it as a data-format change.

const LEADING_BOM = /^\uFEFF/;
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
// Form feed and vertical tab separate pages or lines in legacy text dumps; dropping them would
// glue the words on either side together, so they become line breaks instead.
const PAGE_BREAKS = /[\f\v]/g;
// All remaining C0 controls except \t and \n, DEL, and the C1 block. This is what guarantees
// the highlighter's U+0002/U+0003 sentinels can never occur inside a body.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL_CHARS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
// Lone surrogates can come from JSON escapes such as "\ud800"; they are not encodable as UTF-8,
// so they would break storage further down the line.
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TRAILING_SPACE = /[^\S\n]+$/gm;
const EXTRA_BLANK_LINES = /\n{3,}/g;

/**
 * Normalises raw extracted text into the stored body form.
 * Bidi controls (U+202A–U+202E, U+2066–U+2069) are deliberately kept: they are part of the
 * evidence, and the UI renders bodies as isolated plain text.
 */
export function cleanText(raw: string): string {
  return raw
    .replace(LEADING_BOM, '')
    .replace(LINE_BREAKS, '\n')
    .replace(PAGE_BREAKS, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(LONE_SURROGATES, '\uFFFD')
    .normalize('NFC')
    .replace(TRAILING_SPACE, '')
    .replace(EXTRA_BLANK_LINES, '\n\n')
    .trim();
}
