import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { linksQuery, quotedInQuery } from './quotes.repository.ts';

// A compiler without a connection: these tests pin the SQL text, so a change to a query shows up as a diff.
const compiler = new Kysely<any>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

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
