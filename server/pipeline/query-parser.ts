import { parseDateBound } from './dates.ts';
import { aliasKey } from './entities/alias-key.ts';
import { checkFuzzyTokens, MAX_FUZZY_TERMS, splitFuzzy, type FuzzyEdits } from './fuzzy/fuzzy-syntax.ts';
import { fold, joinPersianAffixes, WORD } from './normalise.ts';

/**
 * The search query language, parsed into data. User input is never passed to FTS5 as syntax:
 * every term is reduced to folded word tokens here, and db/fts.ts quotes each of them.
 */
export const FILTER_FIELDS = [
  'kind',
  'origin',
  'language',
  'collection',
  'author',
  'classification',
  'ref',
  'year',
  'from',
  'to',
  'entity',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Filters = Partial<Record<FilterField, string[]>>;

export interface Term {
  /** Folded word tokens; more than one means a phrase. */
  tokens: string[];
  prefix: boolean;
  titleOnly: boolean;
  /** Where the term is written in the query, quotes included, so that a caller can rewrite just that part. */
  start: number;
  end: number;
  quoted: boolean;
  /** `word~1`: also close spellings, up to this many edits away (expanded by the search service). */
  fuzzy?: FuzzyEdits;
}

export interface ParsedQuery {
  /** Every group must match; the terms inside a group are alternatives (OR). */
  include: Term[][];
  exclude: Term[];
  filters: Filters;
}

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export const MAX_QUERY_LENGTH = 1000;
const MAX_TERMS = 64;
// Each entity: filter is a lookup and a condition on every hit; a handful is all a question needs.
const MAX_ENTITY_FILTERS = 8;
const KINDS = ['cable', 'report', 'document'];
const OPEN_QUOTES = '"\u201C\u201D\u201E';

interface Lexeme {
  text: string;
  position: number;
  end: number;
  quoted: boolean;
  negated: boolean;
  field?: string;
}

export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`The query is too long: keep it under ${MAX_QUERY_LENGTH} characters.`, MAX_QUERY_LENGTH);
  }
  const query: ParsedQuery = { include: [], exclude: [], filters: {} };
  // «می خواهیم» typed with a space is one word, as the index reads it (see normalise.ts).
  const source = joinPersianAffixes(input);
  const lexemes = lex(source);
  let joinNext = false;
  for (const [index, lexeme] of lexemes.entries()) {
    if (!lexeme.quoted && !lexeme.field && lexeme.text === 'OR') {
      const previous = lexemes[index - 1];
      const next = lexemes[index + 1];
      if (!previous || !next || previous.negated || next.negated || previous.field || next.field || isOr(previous) || isOr(next)) {
        throw new QuerySyntaxError(`OR at position ${lexeme.position + 1} must stand between two words or phrases.`, lexeme.position);
      }
      joinNext = true;
      continue;
    }
    if (!lexeme.quoted && !lexeme.field && lexeme.text === 'AND') continue;
    if (lexeme.field && lexeme.field !== 'title') {
      addFilter(query.filters, lexeme);
      continue;
    }
    const term = toTerm(lexeme, source);
    if (lexeme.negated) {
      if (term) query.exclude.push(term);
    } else if (joinNext && query.include.length > 0) {
      if (term) query.include[query.include.length - 1]!.push(term);
    } else if (term) {
      query.include.push([term]);
    }
    joinNext = false;
  }
  if (query.include.length === 0 && query.exclude.length > 0) {
    throw new QuerySyntaxError('A query cannot only exclude: add at least one word to search for.', 0);
  }
  if (query.include.flat().length + query.exclude.length > MAX_TERMS) {
    throw new QuerySyntaxError(`The query has too many terms: use at most ${MAX_TERMS}.`, 0);
  }
  if ([...query.include.flat(), ...query.exclude].filter((t) => t.fuzzy).length > MAX_FUZZY_TERMS) {
    throw new QuerySyntaxError(`The query has too many fuzzy~ words: use at most ${MAX_FUZZY_TERMS}.`, 0);
  }
  return query;
}

function isOr(lexeme: Lexeme): boolean {
  return !lexeme.quoted && !lexeme.field && lexeme.text === 'OR';
}

/**
 * The query with each term replaced by the terms `replace` returns for it, where it stands: inside its OR group
 * when included, among the excluded words when excluded.
 */
export function replaceTerms(query: ParsedQuery, replace: (term: Term) => Term[]): ParsedQuery {
  return { ...query, include: query.include.map((group) => group.flatMap(replace)), exclude: query.exclude.flatMap(replace) };
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.include.length === 0;
}

function lex(input: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    const position = i;
    let negated = false;
    if ((input[i] === '-' || input[i] === '\u2212') && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | undefined;
    const fieldMatch = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase();
      if (field !== 'title' && !(FILTER_FIELDS as readonly string[]).includes(field)) {
        throw new QuerySyntaxError(
          `Unknown field "${fieldMatch[1]}" at position ${i + 1}. Use one of: title, ${FILTER_FIELDS.join(', ')}.`,
          i,
        );
      }
      i += fieldMatch[0].length;
    }
    if (OPEN_QUOTES.includes(input[i]!)) {
      const close = findClosingQuote(input, i + 1);
      if (close < 0) throw new QuerySyntaxError(`The query has an unclosed quote at position ${i + 1}.`, i);
      lexemes.push({ text: input.slice(i + 1, close), position, end: close + 1, quoted: true, negated, field });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!) && !OPEN_QUOTES.includes(input[end]!)) end++;
    lexemes.push({ text: input.slice(i, end), position, end, quoted: false, negated, field });
    i = end;
  }
  return lexemes;
}

function findClosingQuote(input: string, from: number): number {
  for (let i = from; i < input.length; i++) if (OPEN_QUOTES.includes(input[i]!)) return i;
  return -1;
}

function toTerm(lexeme: Lexeme, source: string): Term | null {
  let text = lexeme.text;
  let prefix = false;
  let fuzzy: FuzzyEdits | undefined;
  if (!lexeme.quoted) {
    const split = splitFuzzy(text, source, lexeme.position + (lexeme.negated ? 1 : 0));
    if ('error' in split) throw new QuerySyntaxError(split.error, lexeme.position);
    ({ text, edits: fuzzy } = split);
  }
  if (!lexeme.quoted && text.endsWith('*')) {
    text = text.replace(/\*+$/, '');
    prefix = true;
    if (!/[\p{L}\p{N}]$/u.test(text)) {
      throw new QuerySyntaxError(`A * at position ${lexeme.position + lexeme.text.length} must follow a letter or digit.`, lexeme.position);
    }
  }
  if (!lexeme.quoted && text.includes('*')) {
    throw new QuerySyntaxError(`A * can only end a word (position ${lexeme.position + 1}).`, lexeme.position);
  }
  const tokens = fold(text).match(WORD) ?? [];
  const fuzzyError = fuzzy && checkFuzzyTokens(tokens, lexeme.text, fuzzy, lexeme.position);
  if (fuzzyError) throw new QuerySyntaxError(fuzzyError, lexeme.position);
  if (tokens.length === 0) return null;
  const term: Term = {
    tokens,
    prefix,
    titleOnly: lexeme.field === 'title',
    start: lexeme.position,
    end: lexeme.end,
    quoted: lexeme.quoted,
  };
  if (fuzzy) term.fuzzy = fuzzy;
  return term;
}

function addFilter(filters: Filters, lexeme: Lexeme): void {
  const field = lexeme.field as FilterField;
  const value = lexeme.text.trim();
  if (lexeme.negated) {
    throw new QuerySyntaxError(`Filters cannot be negated (position ${lexeme.position + 1}): use -word to exclude words.`, lexeme.position);
  }
  if (value === '') throw new QuerySyntaxError(`The filter ${field}: at position ${lexeme.position + 1} has no value.`, lexeme.position);
  if (field === 'kind' && !KINDS.includes(value.toLowerCase())) {
    throw new QuerySyntaxError(`kind must be one of ${KINDS.join(', ')} (position ${lexeme.position + 1}).`, lexeme.position);
  }
  if (field === 'year' && !/^\d{4}$/.test(value)) {
    throw new QuerySyntaxError(`year needs four digits, like year:2014 (position ${lexeme.position + 1}).`, lexeme.position);
  }
  if (field === 'entity') checkEntityFilter(filters, value, lexeme.position);
  if (field === 'from' || field === 'to') {
    // Either calendar; kept as the ISO Gregorian date (or prefix) that documents are filtered on.
    const bound = parseDateBound(value, field);
    if ('error' in bound) throw new QuerySyntaxError(`${field}: at position ${lexeme.position + 1}: ${bound.error}`, lexeme.position);
    (filters[field] ??= []).push(bound.iso);
    return;
  }
  (filters[field] ??= []).push(field === 'kind' ? value.toLowerCase() : value);
}

function checkEntityFilter(filters: Filters, value: string, position: number): void {
  if (aliasKey(value) === '') {
    throw new QuerySyntaxError(
      `entity: needs a name with letters or digits, like entity:"Hadi al-Amiri" (position ${position + 1}).`,
      position,
    );
  }
  if ((filters.entity?.length ?? 0) >= MAX_ENTITY_FILTERS) {
    throw new QuerySyntaxError(`The query has too many entity: filters: use at most ${MAX_ENTITY_FILTERS}.`, position);
  }
}
