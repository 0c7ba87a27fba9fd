import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { registerBodyFunctions } from '../../db/body-packing.mjs';
import { passageIdRange } from '../../db/passage-id.ts';

/**
 * The baseline Trove's import is held to: the same passages inserted into a bare FTS5 table (text
 * stored in it, same tokenizer, same page size), in transactions of 1,000, in a database of its own.
 * The passages are read back from the Trove database first, so only the inserts are timed.
 */
export function rawFtsBaseline(troveDbPath: string, rawDbPath: string): { seconds: number; passages: number; bytes: number } {
  rmSync(rawDbPath, { force: true });
  rmSync(`${rawDbPath}-wal`, { force: true });
  const raw = new BetterSqlite3(rawDbPath);
  const trove = new BetterSqlite3(troveDbPath, { readonly: true });
  registerBodyFunctions(trove);
  try {
    raw.pragma('page_size = 16384');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec(`create virtual table raw_fts using fts5(text, tokenize = 'unicode61 remove_diacritics 2')`);
    const insert = raw.prepare('insert into raw_fts (text) values (?)');
    const batch = raw.transaction((texts: string[]) => {
      for (const text of texts) insert.run(text);
    });
    // A thousand passages are read, then inserted, in turn: only the inserts are timed, and at ten
    // million passages the text is never all in memory at once.
    let seconds = 0;
    let passages = 0;
    for (const texts of passageChunks(trove, 1000)) {
      const started = performance.now();
      batch(texts);
      seconds += (performance.now() - started) / 1000;
      passages += texts.length;
    }
    const started = performance.now();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    seconds += (performance.now() - started) / 1000;
    const bytes = (raw.prepare('select page_count * page_size from pragma_page_count(), pragma_page_size()').pluck().get() as number) ?? 0;
    return { seconds, passages, bytes };
  } finally {
    raw.close();
    trove.close();
  }
}

/** Each passage's text as `body.slice(start, end)`, whatever the schema stores beside the body, about `size` at a time. */
function* passageChunks(db: BetterSqlite3.Database, size: number): Generator<string[]> {
  const bodies = db.prepare('select id, unpack_body(body_packed) from document where id > ? order by id limit 200').raw();
  const spans = db.prepare('select start, "end" from passage where id between ? and ? order by id').raw();
  let texts: string[] = [];
  for (let after = -1; ;) {
    const rows = bodies.all(after) as Array<[number, string]>;
    if (rows.length === 0) break;
    for (const [id, body] of rows) {
      for (const [start, end] of spans.all(...passageIdRange(id)) as Array<[number, number]>) texts.push(body.slice(start, end));
      if (texts.length >= size) {
        yield texts;
        texts = [];
      }
    }
    after = rows.at(-1)![0];
  }
  if (texts.length > 0) yield texts;
}
