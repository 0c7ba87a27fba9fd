// Words of folded text (normalise()), with what the gazetteer needs to know about each: its variant
// key, where it is, whether it may continue a name begun by the word before, and whether it is an article.
import { isArticle, variantKey } from './variant-key.ts';

export interface Token {
  /** The folded word, for exact-spelling preference. */
  word: string;
  key: string;
  /** Offsets in the folded text. */
  start: number;
  end: number;
  /** Only spaces or hyphens (or the point of an initial) separate it from the word before. */
  joinsPrevious: boolean;
  /** Start of an article right before it ("al-" in "al-Amiri"), or -1. */
  articleStart: number;
}

const SPACE = 32;
const HYPHENS = new Set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x5f]);
const APOSTROPHE = 0x27;
// English clitics after an apostrophe are not part of a name: Amiri's, don't.
const CLITICS = new Set(['s', 't', 'd', 'll', 're', 've', 'm']);

const wordCharCache = new Int8Array(0x10000).fill(-1);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Co}]$/u;

function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  // Surrogates: astral letters (rare in archive text) count as word characters, astral symbols do not matter here.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let cached = wordCharCache[code]!;
  if (cached < 0) {
    cached = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
    wordCharCache[code] = cached;
  }
  return cached === 1;
}

// Keys are cached per word: archive vocabulary repeats, and the variant rules cost a dozen regexes.
const KEY_CACHE_LIMIT = 200_000;
let keyCache = new Map<string, string>();

function keyOf(word: string): string {
  let key = keyCache.get(word);
  if (key === undefined) {
    key = variantKey(word);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache = new Map();
    keyCache.set(word, key);
  }
  return key;
}

function wordEnd(text: string, from: number): number {
  let end = from;
  for (;;) {
    while (end < text.length && isWordUnit(text.charCodeAt(end))) end += 1;
    // Ja'far, Mu'tasim: an apostrophe inside a name joins it, unless an English clitic follows.
    if (text.charCodeAt(end) !== APOSTROPHE || !isWordUnit(text.charCodeAt(end + 1))) return end;
    let next = end + 1;
    while (next < text.length && isWordUnit(text.charCodeAt(next))) next += 1;
    if (CLITICS.has(text.slice(end + 1, next))) return end;
    end = next;
  }
}

function gapJoins(text: string, from: number, to: number, previous: Token | undefined): boolean {
  if (previous === undefined) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || HYPHENS.has(code)) continue;
    // "H. al-Amiri": the point after a one-letter initial.
    if (code === 0x2e && previous.end - previous.start === 1 && i === previous.end) continue;
    return false;
  }
  return true;
}

/** The words of a folded text, articles left out (they are recorded on the word they introduce). */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previous: Token | undefined;
  let article: { start: number; joins: boolean } | null = null;
  let gapStart = 0;
  for (let i = 0; i < text.length;) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const end = wordEnd(text, i);
    const word = text.slice(i, end);
    const joins = gapJoins(text, gapStart, i, previous);
    const next = text.charCodeAt(end);
    const followedBy = next === SPACE || HYPHENS.has(next);
    if (isArticle(word, HYPHENS.has(next)) && followedBy && isWordUnit(text.charCodeAt(end + 1))) {
      // The article is skipped; the word after it inherits its joining and its start.
      article = { start: i, joins };
      gapStart = end;
      i = end;
      continue;
    }
    const token: Token = {
      word,
      key: keyOf(word),
      start: i,
      end,
      joinsPrevious: article ? article.joins : joins,
      articleStart: article ? article.start : -1,
    };
    tokens.push(token);
    previous = token;
    article = null;
    gapStart = end;
    i = end;
  }
  return tokens;
}
