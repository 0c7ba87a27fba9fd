// Document-level consistency: a cover name, once a cable has introduced it (`codenamed Walnut`, `Walnut
// (Source 509318)`), is a code name wherever else that document writes it — `Walnut said`, `Walnut's
// reporting`, a header's `WALNUT`. Only whole words, in the introduced spelling, its capitals, and (for a
// name introduced in capitals) its Title Case; never lower case, where a name like "Orchard" is a noun.
import type { FoundMention } from '../entity.types.ts';
import { ruleMention } from './rule-mention.ts';

// Shorter spellings are too often abbreviations or ordinary words to spread.
const MIN_LENGTH = 3;
const MAX_SEARCHED_ONE_BY_ONE = 32;
// A ZWNJ glues a Persian suffix on (`باغ‌ها`, "gardens"): the word goes on there.
const WORD_PART = /[\p{L}\p{M}\p{N}\u200C]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const FIRST_WORD = /^[\p{L}\p{M}\p{N}]+/u;

/** Every whole-word occurrence of the introduced names that no code name already covers. */
export function spreadCodenames(text: string, introduced: readonly FoundMention[]): FoundMention[] {
  const byFirstWord = spellingsByFirstWord(introduced);
  if (byFirstWord.size === 0) return [];
  const taken = new Set(introduced.map((m) => m.start));
  const added: FoundMention[] = [];
  const take = (at: number, spelling: string): void => {
    taken.add(at);
    added.push(ruleMention('codename', text, at, at + spelling.length));
  };
  const isWordAt = (at: number, spelling: string): boolean =>
    !taken.has(at) && !WORD_PART.test(text[at - 1] ?? '') && !WORD_PART.test(text[at + spelling.length] ?? '');
  const spellings = [...byFirstWord.values()].flat();
  if (spellings.length <= MAX_SEARCHED_ONE_BY_ONE) {
    // A few names (the usual cable): a native search for each beats looking at every word.
    for (const spelling of spellings) {
      for (let at = text.indexOf(spelling); at !== -1; at = text.indexOf(spelling, at + 1)) if (isWordAt(at, spelling)) take(at, spelling);
    }
    return added.sort((a, b) => a.start - b.start);
  }
  // Many names: one pass over the words instead of one search per name.
  for (const word of text.matchAll(WORD)) {
    const spelling = byFirstWord.get(word[0])?.find((s) => text.startsWith(s, word.index) && isWordAt(word.index, s));
    if (spelling !== undefined) take(word.index, spelling);
  }
  return added;
}

/** The spellings to look for, longest first under their first word. */
function spellingsByFirstWord(introduced: readonly FoundMention[]): Map<string, string[]> {
  const byFirstWord = new Map<string, string[]>();
  for (const m of introduced) {
    // Numbered sources (they carry a value) are found wherever they are written anyway.
    if (m.value !== undefined || m.text.length < MIN_LENGTH) continue;
    for (const spelling of forms(m.text)) {
      const first = FIRST_WORD.exec(spelling)?.[0];
      if (first === undefined) continue;
      const list = byFirstWord.get(first) ?? [];
      if (!list.includes(spelling)) list.push(spelling);
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.length - a.length);
  return byFirstWord;
}

function forms(name: string): string[] {
  const upper = name.toUpperCase();
  if (upper === name.toLowerCase()) return [name];
  if (name !== upper) return [name, upper];
  return [name, name.toLowerCase().replace(/(^|[ -])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())];
}
