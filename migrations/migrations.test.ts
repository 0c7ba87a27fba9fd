import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateDownAll, migrateTo, migrationNames } from '../db/migrate.ts';

async function tableNames(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' and name not like '%fts_%' order by name`.execute(
    db.writer,
  );
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  it('apply every prefix, roll back to nothing, and apply again', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    try {
      for (const name of migrationNames) {
        await migrateTo(db.writer, name);
        expect((await tableNames(db)).length).toBeGreaterThan(0);
      }
      const full = await tableNames(db);
      expect(full).toEqual(expect.arrayContaining(['collection', 'document', 'passage', 'passage_fts']));
      await migrateDownAll(db.writer);
      expect(await tableNames(db)).toEqual([]);
      await migrateTo(db.writer, migrationNames.at(-1)!);
      expect(await tableNames(db)).toEqual(full);
    } finally {
      await db.close();
    }
  });
});
