// The gazetteer layer: every confirmed entity's names and aliases, found in any text.
//
// Text and names are folded by normalise() (case, diacritics, Persian/Arabic letter variants,
// digits), cut into words, and each word is replaced by its transliteration variant key
// (variant-key.ts); articles (al-, el-, Al …) are optional. Names are then found as sequences of word
// keys with a trie over keys: the goto function of Aho–Corasick with words, not characters, as the
// alphabet. No library is used, and no failure links are needed, because of what the matching must do:
// - whole words only: a match can start only at a word, so the walk restarts at each word instead of
//   following failure links through the middle of one, and a name never matches inside a longer word;
// - variants change a word's length (ou → u, dropped articles), so a character-level matcher (such as
//   modern-ahocorasick) would need a second text and offset map of variant keys, and would then report
//   matches inside words that have to be thrown away;
// - leftmost-longest, non-overlapping: at each word the walk follows the trie as far as the text allows
//   (names are a few words long, so this costs at most a few map look-ups per word) and keeps the
//   longest name that ends there, then continues after it.
// Offsets go back to the original text through normalise()'s originIndex.
import type { FoundMention, GazetteerEntry } from '../entity.types.ts';
import { normalise, type Normalised } from '../../normalise.ts';
import { tokenise, type Tokens } from './tokens.ts';

interface Candidate {
  entityId: number;
  type: string;
  /** The folded words of the name, to prefer the entity spelled exactly as the text when keys collide. */
  exact: string;
}

interface TrieNode {
  children: Map<string, TrieNode> | null;
  candidates: Candidate[] | null;
}

// Longer "names" are sentences pasted by mistake; they would only slow every look-up.
const MAX_NAME_WORDS = 12;

function newNode(): TrieNode {
  return { children: null, candidates: null };
}

export class Gazetteer {
  readonly #root: TrieNode;
  readonly #size: number;

  private constructor(root: TrieNode, size: number) {
    this.#root = root;
    this.#size = size;
  }

  /** Builds the matcher; entries whose names have no words (or too many) are skipped. */
  static build(entries: readonly GazetteerEntry[]): Gazetteer {
    const root = newNode();
    let size = 0;
    for (const entry of entries) {
      const folded = normalise(entry.name).text;
      const tokens = tokenise(folded);
      if (tokens.length === 0 || tokens.length > MAX_NAME_WORDS) continue;
      let node = root;
      for (const key of tokens.keys) {
        node.children ??= new Map();
        let child = node.children.get(key);
        if (child === undefined) {
          child = newNode();
          node.children.set(key, child);
        }
        node = child;
      }
      node.candidates ??= [];
      const exact = exactWords(folded, tokens, 0, tokens.length - 1);
      if (node.candidates.some((candidate) => candidate.entityId === entry.entityId && candidate.exact === exact)) continue;
      node.candidates.push({ entityId: entry.entityId, type: entry.type, exact });
      size += 1;
    }
    return new Gazetteer(root, size);
  }

  /** The number of distinct spellings indexed. */
  get size(): number {
    return this.#size;
  }

  /** Every name found in `text`, leftmost first, longest at each place, never overlapping. */
  find(text: string): FoundMention[] {
    if (text === '' || this.#root.children === null) return [];
    const folded = normalise(text);
    const tokens = tokenise(folded.text);
    const found: FoundMention[] = [];
    for (let i = 0; i < tokens.length;) {
      const match = this.#longestAt(tokens, i);
      if (match === null) {
        i += 1;
        continue;
      }
      const mention = toMention(text, folded, tokens, i, match.last, match.node.candidates!);
      if (mention) found.push(mention);
      i = match.last + 1;
    }
    return found;
  }

  #longestAt(tokens: Tokens, first: number): { last: number; node: TrieNode } | null {
    let node = this.#root;
    let best: { last: number; node: TrieNode } | null = null;
    for (let j = first; j < tokens.length && j - first < MAX_NAME_WORDS; j++) {
      if (j > first && tokens.joins[j] === 0) break;
      const child = node.children?.get(tokens.keys[j]!);
      if (child === undefined) break;
      node = child;
      if (node.candidates !== null) best = { last: j, node };
    }
    return best;
  }
}

// Invisible characters that normalise() drops but that should not end a mention.
const TRAILING_IGNORABLE = /[\u00AD\u0640\u200B-\u200D\u2060\uFEFF]/;

function exactWords(folded: string, tokens: Tokens, first: number, last: number): string {
  const words: string[] = [];
  for (let j = first; j <= last; j++) words.push(folded.slice(tokens.starts[j], tokens.ends[j]));
  return words.join(' ');
}

function toMention(
  text: string,
  folded: Normalised,
  tokens: Tokens,
  first: number,
  last: number,
  candidates: Candidate[],
): FoundMention | null {
  const articleStart = tokens.articleStarts[first]!;
  const start = folded.originIndex[articleStart >= 0 ? articleStart : tokens.starts[first]!]!;
  let end = folded.originIndex[tokens.ends[last]!]!;
  while (end > start && TRAILING_IGNORABLE.test(text[end - 1]!)) end -= 1;
  if (end <= start) return null;
  // The exact spelling only decides between entities that share a key.
  const exact = candidates.length > 1 ? exactWords(folded.text, tokens, first, last) : '';
  const chosen = candidates.find((candidate) => candidate.exact === exact) ?? candidates[0]!;
  return { type: chosen.type, start, end, text: text.slice(start, end), source: 'gazetteer', entityId: chosen.entityId };
}
