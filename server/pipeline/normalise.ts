/**
 * Folding used for both indexing and querying, so that "Müller", "MULLER" and "muller" meet, and so
 * do curly and straight quotes. Every output character remembers which input character it came
 * from: highlights found in folded text are mapped back onto the original body (offsets are sacred).
 */
export interface Normalised {
  text: string;
  /** originIndex[i] is the offset in the original of folded character i; one extra entry holds the original length. */
  originIndex: Int32Array;
}

const PERSIAN_LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh → Persian yeh
  '\u0649': '\u06CC', // alef maksura → Persian yeh
  '\u0643': '\u06A9', // Arabic kaf → keheh
  '\u0629': '\u0647', // teh marbuta → heh
};
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
// Marks, tatweel and Arabic harakat carry no meaning for search.
const DROPPED = /^(?:\p{Mn}|\u0640|\u200D|\u00AD)$/u;

/** What counts as a word once text is folded; it mirrors FTS5's unicode61 tokenizer (letters, numbers, private use). */
export const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

const foldCache = new Map<string, string>();

function foldCodePoint(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let folded: string;
  if (/^\s$/u.test(ch) || ch === '\u200C') folded = ' ';
  else if (DROPPED.test(ch)) folded = '';
  else if (QUOTES[ch]) folded = QUOTES[ch];
  else if (PERSIAN_LETTERS[ch]) folded = PERSIAN_LETTERS[ch];
  else if (/^[\u06F0-\u06F9]$/u.test(ch)) folded = String(ch.charCodeAt(0) - 0x06f0);
  else if (/^[\u0660-\u0669]$/u.test(ch)) folded = String(ch.charCodeAt(0) - 0x0660);
  else
    folded = ch
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .normalize('NFC');
  foldCache.set(ch, folded);
  return folded;
}

export function normalise(original: string): Normalised {
  // Folding never more than triples a code unit, so fixed buffers avoid growing arrays on the hot path.
  const units = new Uint16Array(original.length * 3);
  const origin = new Int32Array(original.length * 3 + 1);
  let n = 0;
  let lastWasSpace = true;
  for (let i = 0; i < original.length;) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path: most archive text is Latin.
      const isSpace = code === 32 || (code >= 9 && code <= 13);
      if (!(isSpace && lastWasSpace)) {
        units[n] = isSpace ? 32 : code >= 65 && code <= 90 ? code + 32 : code;
        origin[n++] = i;
      }
      lastWasSpace = isSpace;
      i += 1;
      continue;
    }
    const ch = String.fromCodePoint(original.codePointAt(i)!);
    const folded = foldCodePoint(ch);
    const isSpace = folded === ' ';
    if (!(isSpace && lastWasSpace)) {
      for (let k = 0; k < folded.length; k++) {
        units[n] = folded.charCodeAt(k);
        origin[n++] = i;
      }
    }
    if (folded.length > 0) lastWasSpace = isSpace;
    i += ch.length;
  }
  origin[n] = original.length;
  return { text: utf16.decode(units.subarray(0, n)), originIndex: origin.subarray(0, n + 1) };
}

const utf16 = new TextDecoder('utf-16le');

/** Maps a [start, end) range in folded text back to the original text. */
export function toOriginalRange(n: Normalised, start: number, end: number): { start: number; end: number } {
  return { start: n.originIndex[start]!, end: n.originIndex[end]! };
}

/** Folding without the offset map, for the index and for query terms; always equal to normalise(text).text. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text))
    return text
      .replace(/[\t-\r ]+/g, ' ')
      .replace(/^ /, '')
      .toLowerCase();
  return normalise(text).text;
}
