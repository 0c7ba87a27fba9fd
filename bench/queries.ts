import { toFtsMatch } from '../db/fts.ts';
import { parseQuery } from '../server/pipeline/query-parser.ts';

export const QUERIES = [
  'meeting',
  'ministry',
  'recruitment source',
  '"transfer of funds"',
  '"safe house"',
  'recruit*',
  'deleg*',
  'weapons OR oil',
  'militia -election',
  'kind:cable payment',
  'origin:"Basra station" border',
  'year:2014 courier',
  'title:expense',
  'colonel rashid',
  '"deputy minister" cash',
  'w123',
  'w5* guards',
  'interpreter OR courier OR liaison',
  'samira nouri',
  'checkpoint schedule -prayer',
];

/**
 * Words the corpus generator draws from the far tail of its Zipfian vocabulary (w<rank>): a handful of
 * hits each, so FTS5 answers in a fraction of a millisecond and what HTTP adds is the fixed cost of a request.
 */
export const RARE_QUERIES = ['w15877', 'w16543', 'w17321', 'w18111', 'w19002'];

// The raw baseline: the same MATCH, top 20 passages by the same bm25 weights, with FTS5's own snippet().
const RAW_FILTERS: Record<string, string> = {
  kind: "d.kind = 'cable'",
  origin: "d.origin = 'Basra station'",
  year: "substr(d.date, 1, 4) = '2014'",
};

export function rawSql(query: string): { sql: string; match: string } {
  const parsed = parseQuery(query);
  const filters = Object.keys(parsed.filters).map((f) => RAW_FILTERS[f]!);
  const join = filters.length ? 'join passage p on p.id = f.rowid join document d on d.id = p.document_id' : '';
  const where = filters.length ? `and ${filters.join(' and ')}` : '';
  return {
    match: toFtsMatch(parsed)!,
    sql: `select f.rowid, snippet(passage_fts, 1, char(2), char(3), '…', 24) as s from passage_fts f ${join}
          where passage_fts match ? ${where} order by bm25(passage_fts, 4.0, 1.0) limit 20`,
  };
}
