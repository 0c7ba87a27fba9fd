import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';

/** A compiler without a connection: SQL snapshot tests pin the text, so a change to a query shows up as a diff. */
export const sqlCompiler = new Kysely<any>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** SQL on one line with single spaces, so snapshots do not depend on indentation. */
export const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();
