// Words of folded text (normalise()), with what the gazetteer needs to know about each: its variant
// key, where it is, whether it may continue a name begun by the word before, and whether it is an article.
import { isArticle, variantKey } from './variant-key.ts';

/**
 * The words of a text as parallel arrays (one entry per word; no object per word, which on a long text
 * left the garbage collector most of the work). Offsets are in the folded text.
 */
export interface Tokens {
  length: number;
  /** The variant key of each word. */
  keys: string[];
  starts: number[];
  ends: number[];
  /** 1 when only spaces or hyphens (or the point of an initial) separate the word from the one before. */
  joins: number[];
  /** Start of an article right before the word ("al-" in "al-Amiri"), or -1. */
  articleStarts: number[];
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

function gapJoins(text: string, from: number, to: number, previousLength: number): boolean {
  if (previousLength === 0) return false;
  if (to - from === 1 && text.charCodeAt(from) === SPACE) return true;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || HYPHENS.has(code)) continue;
    // "H. al-Amiri": the point after a one-letter initial.
    if (code === 0x2e && previousLength === 1 && i === from) continue;
    return false;
  }
  return true;
}

/** The words of a folded text, articles left out (they are recorded on the word they introduce). */
export function tokenise(text: string): Tokens {
  const tokens: Tokens = { length: 0, keys: [], starts: [], ends: [], joins: [], articleStarts: [] };
  let previousLength = 0;
  let articleStart = -1;
  let articleJoins = false;
  let gapStart = 0;
  for (let i = 0; i < text.length;) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const end = wordEnd(text, i);
    const joins = gapJoins(text, gapStart, i, previousLength);
    const next = text.charCodeAt(end);
    const hyphen = HYPHENS.has(next);
    if (end - i <= 3 && (next === SPACE || hyphen) && isWordUnit(text.charCodeAt(end + 1)) && isArticle(text.slice(i, end), hyphen)) {
      // The article is skipped; the word after it inherits its joining and its start.
      articleStart = i;
      articleJoins = joins;
      gapStart = end;
      i = end;
      continue;
    }
    tokens.keys.push(keyOf(text.slice(i, end)));
    tokens.starts.push(i);
    tokens.ends.push(end);
    tokens.joins.push((articleStart >= 0 ? articleJoins : joins) ? 1 : 0);
    tokens.articleStarts.push(articleStart);
    tokens.length += 1;
    previousLength = end - i;
    articleStart = -1;
    gapStart = end;
    i = end;
  }
  return tokens;
}
