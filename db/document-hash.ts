// A document's content hash is stored as its 32 bytes, not as 64 letters of hex (migration 0026), in the
// table and again in its unique index. Everything outside SQL keeps the hex: it is read through these, and
// written and looked up as hashBytes().
import { sql, type RawBuilder } from 'kysely';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The SQL for the hex hash of document `d` (a table alias). */
export function documentHashSql(d: string): string {
  return `lower(hex(${d}.sha256))`;
}

/** documentHashSql for Kysely queries. */
export function documentHash(d: string): RawBuilder<string> {
  return sql<string>`${sql.raw(documentHashSql(d))}`;
}

/** The stored form of a hex hash. Throws on anything else: Buffer.from would quietly make it empty. */
export function hashBytes(hex: string): Buffer {
  if (!SHA256_HEX.test(hex)) throw new Error(`Not a SHA-256 in hex: ${JSON.stringify(hex.slice(0, 80))}`);
  return Buffer.from(hex, 'hex');
}
