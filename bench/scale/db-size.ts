import BetterSqlite3 from 'better-sqlite3';
import { registerBodyFunctions } from '../../db/body-packing.mjs';

export interface TableSize {
  table: string;
  bytes: number;
}

/**
 * Bytes on disk per table, its indexes and (for FTS5) its shadow tables counted with it, from SQLite's
 * `dbstat`; and the archive's text (UTF-8 bytes of every document body), the size it is compared to.
 */
export function sizeByTable(dbPath: string): { tables: TableSize[]; totalBytes: number; textBytes: number } {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  registerBodyFunctions(db);
  try {
    const owners = new Map<string, string>();
    const schema = db.prepare(`select name, tbl_name, type, sql from sqlite_schema`).all() as Array<{
      name: string;
      tbl_name: string;
      type: string;
      sql: string | null;
    }>;
    const virtual = schema.filter((s) => s.type === 'table' && /create virtual table/i.test(s.sql ?? '')).map((s) => s.name);
    for (const s of schema) {
      const shadowOf = virtual.find((v) => s.name.startsWith(`${v}_`));
      owners.set(s.name, shadowOf ?? s.tbl_name);
    }
    const bySize = new Map<string, number>();
    for (const row of db.prepare(`select name, sum(pgsize) as bytes from dbstat group by name`).all() as Array<{
      name: string;
      bytes: number;
    }>) {
      const owner = owners.get(row.name) ?? row.name;
      bySize.set(owner, (bySize.get(owner) ?? 0) + row.bytes);
    }
    const tables = [...bySize].map(([table, bytes]) => ({ table, bytes })).sort((a, b) => b.bytes - a.bytes);
    const totalBytes = tables.reduce((n, t) => n + t.bytes, 0);
    const textBytes = db.prepare('select sum(length(cast(unpack_body(body_packed) as blob))) from document').pluck().get() as number;
    return { tables, totalBytes, textBytes };
  } finally {
    db.close();
  }
}
