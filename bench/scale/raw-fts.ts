import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The baseline Trove's import is held to: the same passages inserted into a bare FTS5 table (text
 * stored in it, same tokenizer, same page size), in transactions of 1,000, in a database of its own.
 * The passages are read back from the Trove database first, so only the inserts are timed.
 */
export function rawFtsBaseline(troveDbPath: string, rawDbPath: string): { seconds: number; passages: number; bytes: number } {
  const passages = readPassages(troveDbPath);
  rmSync(rawDbPath, { force: true });
  rmSync(`${rawDbPath}-wal`, { force: true });
  const raw = new BetterSqlite3(rawDbPath);
  try {
    raw.pragma('page_size = 16384');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec(`create virtual table raw_fts using fts5(text, tokenize = 'unicode61 remove_diacritics 2')`);
    const insert = raw.prepare('insert into raw_fts (text) values (?)');
    const batch = raw.transaction((texts: string[]) => {
      for (const text of texts) insert.run(text);
    });
    const started = performance.now();
    for (let i = 0; i < passages.length; i += 1000) batch(passages.slice(i, i + 1000));
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = (performance.now() - started) / 1000;
    const bytes = (raw.prepare('select page_count * page_size from pragma_page_count(), pragma_page_size()').pluck().get() as number) ?? 0;
    return { seconds, passages: passages.length, bytes };
  } finally {
    raw.close();
  }
}

/** Each passage's text as `body.slice(start, end)`, whatever the schema stores beside the body. */
function readPassages(troveDbPath: string): string[] {
  const db = new BetterSqlite3(troveDbPath, { readonly: true });
  try {
    const texts: string[] = [];
    const bodies = db.prepare('select id, body from document order by id').raw().iterate() as Iterable<[number, string]>;
    const spans = db.prepare('select start, "end" from passage where document_id = ? order by ordinal').raw();
    for (const [id, body] of bodies) {
      for (const [start, end] of spans.all(id) as Array<[number, number]>) texts.push(body.slice(start, end));
    }
    return texts;
  } finally {
    db.close();
  }
}
