import { aliasKey } from './entities/alias-key.ts';
import { MAX_QUERY_LENGTH, parseQuery, QuerySyntaxError, type ParsedQuery, type Term } from './query-parser.ts';

/**
 * "Also search": a query that is, or contains, one spelling of a known entity can offer its other
 * spellings. These functions find the spellings a query may be searching for and write the query that
 * searches them all; which entities exist is the caller's business.
 */
export interface SpellingCandidate {
  /** aliasKey of the words, as entity_alias.key holds it. */
  key: string;
  /** Where the words are written in the query, quotes included. */
  start: number;
  end: number;
}

// A name is rarely longer than this many words written apart ("Abu Mahdi al Muhandis").
const MAX_NAME_TERMS = 6;
const MAX_CANDIDATES = 64;
const MAX_SPELLINGS = 12;
const QUOTE_CHARACTERS = /["\u201C\u201D\u201E]/g;

/**
 * Each word or phrase the query searches for, and each run of adjacent plain words (`Hadi al-Amiri`
 * typed without quotes), longest first. Prefixes, title-only terms, alternatives and exclusions are
 * not spellings of a name.
 */
export function spellingCandidates(input: string, query: ParsedQuery): SpellingCandidate[] {
  const found = new Map<string, SpellingCandidate & { words: number }>();
  const add = (terms: Term[]) => {
    const key = aliasKey(terms.flatMap((t) => t.tokens).join(' '));
    const words = key.split(' ').length;
    if (key !== '' && !found.has(key)) found.set(key, { key, start: terms[0]!.start, end: terms.at(-1)!.end, words });
  };
  let run: Term[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) for (let j = i + 2; j <= Math.min(run.length, i + MAX_NAME_TERMS); j++) add(run.slice(i, j));
    run = [];
  };
  for (const group of query.include) {
    const usable = group.filter((t) => !t.prefix && !t.titleOnly);
    usable.forEach((t) => add([t]));
    const term = group.length === 1 ? usable[0] : undefined;
    if (!term || term.quoted) {
      flush();
      continue;
    }
    const previous = run.at(-1);
    if (previous && input.slice(previous.end, term.start).trim() !== '') flush();
    run.push(term);
  }
  flush();
  return [...found.values()]
    .sort((a, b) => b.words - a.words || a.start - b.start)
    .slice(0, MAX_CANDIDATES)
    .map(({ key, start, end }) => ({ key, start, end }));
}

/** A spelling as a phrase of the query language: quote marks inside a name would end the phrase early. */
function asPhrase(spelling: string): string | null {
  const text = spelling.replace(QUOTE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return aliasKey(text) === '' ? null : `"${text}"`;
}

function parses(query: string): boolean {
  try {
    parseQuery(query);
    return true;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return false;
    throw error;
  }
}

/**
 * The query with the candidate's words replaced by the alternatives `"as typed" OR "other" OR …`, the
 * rest of the query kept. Spellings that would make the query too long are left out; null if none fit.
 */
export function searchAllQuery(input: string, candidate: SpellingCandidate, others: readonly string[]): string | null {
  const written = input.slice(candidate.start, candidate.end);
  const own = /^["\u201C\u201D\u201E]/.test(written) ? written : `"${written}"`;
  const phrases = others
    .map(asPhrase)
    .filter((p) => p !== null)
    .slice(0, MAX_SPELLINGS);
  for (let n = phrases.length; n > 0; n--) {
    const query = `${input.slice(0, candidate.start)}${[own, ...phrases.slice(0, n)].join(' OR ')}${input.slice(candidate.end)}`;
    if (query.length <= MAX_QUERY_LENGTH && parses(query)) return query;
  }
  return null;
}
