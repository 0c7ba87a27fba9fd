import { describe, expect, it } from 'vitest';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';
import { linksQuery, quotedInQuery } from './quotes.repository.ts';

describe('quotes SQL', () => {
  it('reads the links of a report’s quotations with their sources, decided ones first', () => {
    const query = linksQuery(compiler).where('quote_link.quotation_id', 'in', [1, 2]).compile();
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([1, 2]);
  });

  it('reads where reports quote a document, leaving out rejected and orphaned links', () => {
    const query = quotedInQuery(compiler, 7).compile();
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([7, 'rejected', 0]);
  });
});
