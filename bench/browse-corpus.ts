import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../db/client.ts';

/**
 * A browsing archive of `documents` rows written straight in SQL: browsing reads document rows,
 * never passages or the search index, so the bench needs a million rows, not a million imports.
 * Deterministic: the date, kind and collection of row i are functions of i. About 3% of dates are
 * unknown; collections are 80% public, 15% internal and 5% restricted.
 */
export async function buildBrowseDatabase(path: string, documents: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = await openDatabase(building, { readers: 0 });
  try {
    await db.writer
      .insertInto('collection')
      .values([
        { name: 'Cables', visibility: 'public' },
        { name: 'Memos', visibility: 'internal' },
        { name: 'Sources', visibility: 'restricted' },
      ])
      .execute();
    const c = db.writerConnection;
    const insert = c.prepare(`
      with recursive n(i) as (select ? union all select i + 1 from n where i < ?)
      insert into document (collection_id, ref, kind, title, date, date_text, language, origin, sha256, body_packed)
      select case when i % 20 < 16 then 1 when i % 20 < 19 then 2 else 3 end,
        printf('BR-%08d', i),
        case i % 7 when 0 then 'report' when 1 then 'document' else 'cable' end,
        printf('Browsing document %d', i),
        case when i % 33 = 0 then null else date('1990-01-01', printf('+%d days', (i * 2654435761) % 10957)) end,
        null, case when i % 9 = 0 then 'fa' else 'en' end,
        case i % 5 when 0 then 'Baghdad' when 1 then 'Basra' when 2 then 'Najaf' when 3 then 'Erbil' else 'Mosul' end,
        unhex(printf('%064x', i)), ''
      from n`);
    const batch = 100_000;
    for (let from = 1; from <= documents; from += batch) {
      c.transaction(() => insert.run(from, Math.min(documents, from + batch - 1)))();
    }
    // The import's writer keeps collection.document_count; rows written in SQL are counted here.
    c.exec('update collection set document_count = (select count(*) from document d where d.collection_id = collection.id)');
    c.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await db.close();
  }
  renameSync(building, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
}
