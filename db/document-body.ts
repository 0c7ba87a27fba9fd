// A document's text is stored packed (db/body-packing.mjs, migration 0022): SQL reads it only through these.
import { sql, type RawBuilder } from 'kysely';

/** The SQL for the whole text of document `d` (a table alias). */
export function documentBodySql(d: string): string {
  return `unpack_body(${d}.body_packed)`;
}

/** documentBodySql for Kysely queries. */
export function documentBody(d: string): RawBuilder<string> {
  return sql<string>`${sql.raw(documentBodySql(d))}`;
}

/** The SQL for `body.slice(start, end)` of document `d`, with JavaScript string offsets (SQL expressions). */
export function bodySliceSql(d: string, start: string, end: string): string {
  return `body_slice(${d}.body_packed, ${start}, ${end})`;
}
