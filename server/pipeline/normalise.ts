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

/**
 * Changes whenever folding changes what the index holds: a database indexed under another version
 * is re-indexed when it is opened (db/folded-index.ts). 2: Persian half-spaces and affixes join words.
 */
export const FOLD_VERSION = 2;

const PERSIAN_LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh → Persian yeh
  '\u0626': '\u06CC', // yeh with hamza → Persian yeh
  '\u06C0': '\u0647', // heh with yeh above (the ezafe of خانۀ) → heh
  '\u06D5': '\u0647', // ae → heh
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
// Marks, tatweel and Arabic harakat carry no meaning for search. The zero-width non-joiner is
// dropped rather than read as a space: Persian writes one word three ways, with a half-space
// (می‌خواهیم), with a space (می خواهیم) or joined (میخواهیم), and all three must meet.
const DROPPED = /^(?:\p{Mn}|\u0640|\u200C|\u200D|\u00AD)$/u;

// The Persian verb prefixes and plural, comparative and indefinite suffixes that writers attach
// with a space as often as with a half-space (the set Persian normalisers such as hazm join).
const YEH = '[\u06CC\u064A\u0649]';
const ARABIC_LETTER = '[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]';
const SPACE_RUN = '[ \u00A0]+';
const PREFIX_SPACE = new RegExp(String.raw`(?<![\p{L}\p{N}\p{M}])\u0646?\u0645${YEH}(${SPACE_RUN})(?=${ARABIC_LETTER})`, 'gu');
const SUFFIX_SPACE = new RegExp(
  String.raw`(?<=${ARABIC_LETTER}\p{M}*)(${SPACE_RUN})(?:\u0647\u0627${YEH}{0,2}|\u0627${YEH}{1,2}|\u062A\u0631(?:${YEH}\u0646)?)(?![\p{L}\p{N}\p{M}])`,
  'gu',
);
// The ezafe after a final heh, written as a separate yeh (خانه‌ی, خانه ی) or in the letter (خانۀ): folded away.
const EZAFE = new RegExp(String.raw`(?<=\u0647)([\u200C \u00A0]+${YEH})(?![\p{L}\p{N}\p{M}])`, 'gu');
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** Offsets folding skips: spaces between a Persian word and its prefix or suffix, and a separate ezafe; null when there are none. */
function affixSpaces(original: string): Set<number> | null {
  if (!ARABIC_SCRIPT.test(original)) return null;
  let spaces: Set<number> | null = null;
  for (const pattern of [PREFIX_SPACE, SUFFIX_SPACE, EZAFE]) {
    for (const match of original.matchAll(pattern)) {
      const run = match[1]!;
      const at = match.index + match[0].indexOf(run);
      spaces ??= new Set();
      for (let k = 0; k < run.length; k++) spaces.add(at + k);
    }
  }
  return spaces;
}

/**
 * The same text with those spaces written as half-spaces, position for position: a query typed as
 * «می خواهیم» then reads as one word, as the index does.
 */
export function joinPersianAffixes(text: string): string {
  const spaces = affixSpaces(text);
  if (spaces === null) return text;
  return text
    .split('')
    .map((unit, i) => (spaces.has(i) ? '\u200C' : unit))
    .join('');
}

/** What counts as a word once text is folded; it mirrors FTS5's unicode61 tokenizer (letters, numbers, private use). */
export const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

const foldCache = new Map<string, string>();

function foldCodePoint(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let folded: string;
  if (/^\s$/u.test(ch)) folded = ' ';
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
  const joined = affixSpaces(original);
  for (let i = 0; i < original.length;) {
    if (joined?.has(i)) {
      i += 1;
      continue;
    }
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
