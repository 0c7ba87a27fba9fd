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
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
};
// Marks, tatweel and Arabic harakat carry no meaning for search.
const DROPPED = /^[\p{Mn}\u0640\u200D\u00AD]$/u;

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
  else folded = ch.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().normalize('NFC');
  foldCache.set(ch, folded);
  return folded;
}

export function normalise(original: string): Normalised {
  const units: number[] = [];
  const origin: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < original.length; ) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path: most archive text is Latin and this keeps import above 8 MB/s.
      const isSpace = code === 32 || (code >= 9 && code <= 13);
      if (!(isSpace && lastWasSpace)) {
        units.push(isSpace ? 32 : code >= 65 && code <= 90 ? code + 32 : code);
        origin.push(i);
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
        units.push(folded.charCodeAt(k));
        origin.push(i);
      }
    }
    if (folded.length > 0) lastWasSpace = isSpace;
    i += ch.length;
  }
  origin.push(original.length);
  return { text: unitsToString(units), originIndex: Int32Array.from(origin) };
}

function unitsToString(units: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) {
    parts.push(String.fromCharCode(...units.slice(i, i + 8192)));
  }
  return parts.join('');
}

/** Maps a [start, end) range in folded text back to the original text. */
export function toOriginalRange(n: Normalised, start: number, end: number): { start: number; end: number } {
  return { start: n.originIndex[start]!, end: n.originIndex[end]! };
}

/** Folding for text that never needs mapping back: query terms and titles. */
export function fold(text: string): string {
  return normalise(text).text;
}
