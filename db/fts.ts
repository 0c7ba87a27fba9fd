import type { ParsedQuery, Term } from '../server/pipeline/query-parser.ts';

/**
 * FTS5-specific pieces, kept here so another engine (PostgreSQL tsvector) can replace this file.
 * Terms arrive as folded word tokens ([\p{L}\p{N}]+ only), so quoting them cannot inject syntax;
 * the doubling of quotes is belt and braces.
 */
/** bm25 weights per FTS column, in the table's order (text, title): a word in the title counts four times. */
export const BM25_WEIGHTS = [1.0, 4.0] as const;

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

function renderTerm(term: Term): string {
  const phrase = term.prefix ? `${quote(term.tokens.join(' '))} *` : quote(term.tokens.join(' '));
  return term.titleOnly ? `title : ${phrase}` : phrase;
}

function renderGroup(group: Term[]): string {
  return group.length === 1 ? renderTerm(group[0]!) : `(${group.map(renderTerm).join(' OR ')})`;
}

/** The query's terms in the order FTS5 numbers the phrases of toFtsMatch's expression: the order they are written in. */
export function ftsPhrases(query: ParsedQuery): Term[] {
  return [...query.include.flat(), ...query.exclude];
}

/** Returns null when the query has nothing to match (a filter-only query). */
export function toFtsMatch(query: ParsedQuery): string | null {
  if (query.include.length === 0) return null;
  const include = query.include.map(renderGroup).join(' AND ');
  if (query.exclude.length === 0) return include;
  return `(${include}) NOT (${query.exclude.map(renderTerm).join(' OR ')})`;
}
