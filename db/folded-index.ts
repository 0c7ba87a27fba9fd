// The search index and the entity spelling keys hold folded text (server/pipeline/normalise.ts).
// When a Trove release folds differently, an archive indexed by an older one would silently miss
// words; so the folding version is stored, and a database written under another one is re-indexed
// when it is opened, in one transaction, before anything reads it. A migration that rebuilt the search
// index's table (0019) leaves it empty and flagged, and it is filled the same way.
import type BetterSqlite3 from 'better-sqlite3';
import { aliasKey } from '../server/pipeline/entities/alias-key.ts';
import { FOLD_VERSION, fold } from '../server/pipeline/normalise.ts';
import type { TroveDatabase } from './client.ts';
import { QuoteIndexRepository } from './quote-index.repository.ts';
import { passageTextSql } from './passage-text.ts';

const KEY = 'fold_version';
const EMPTIED = 'search_index_emptied';
const BATCH = 5000;

export type ReindexReason = 'folding' | 'layout';

export interface ReindexReport {
  from: string | null;
  to: string;
  passages: number;
  reason: ReindexReason;
}

/**
 * Re-indexes when the stored folding version is not this release's, or when a migration emptied the search
 * index; returns what it did, or null when nothing was needed.
 */
export function refreshFoldedIndex(db: TroveDatabase, onStart?: (passages: number, reason: ReindexReason) => void): ReindexReport | null {
  const c = db.writerConnection;
  const setting = c.prepare<[string], string>('select value from setting where key = ?').pluck();
  const stored = setting.get(KEY) ?? null;
  const current = String(FOLD_VERSION);
  const emptied = setting.get(EMPTIED) !== undefined;
  if (stored === current && !emptied) return null;
  // A folding change re-folds everything folded; an emptied index only needs its passages again.
  const reason: ReindexReason = stored === current ? 'layout' : 'folding';
  const passages = c.prepare<[], number>('select count(*) from passage').pluck().get() ?? 0;
  if (passages > 0) onStart?.(passages, reason);
  c.transaction(() => {
    if (passages > 0) reindexPassages(c);
    if (passages > 0 && reason === 'folding') {
      rekeyAliases(c);
      // The fuzzy-search vocabulary holds folded words too: forgetting its mark has the next refresh read it again whole.
      c.prepare(`delete from setting where key = 'vocabulary_mark'`).run();
      // The quote index hashes folded words too; it exists only once an archive has reports.
      const quoteIndex = new QuoteIndexRepository(db);
      if (quoteIndex.inUse()) quoteIndex.rebuild();
    }
    c.prepare('insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(KEY, current);
    c.prepare('delete from setting where key = ?').run(EMPTIED);
  })();
  return { from: stored, to: current, passages, reason };
}

function reindexPassages(c: BetterSqlite3.Database): void {
  c.prepare(`insert into passage_fts (passage_fts) values ('delete-all')`).run();
  const page = c.prepare<[number, number], { id: number; title: string | null; text: string }>(
    `select p.id, d.title, ${passageTextSql('p', 'd')} as text from passage p join document d on d.id = p.document_id where p.id > ? order by p.id limit ?`,
  );
  const insert = c.prepare('insert into passage_fts (rowid, title, text) values (?, ?, ?)');
  for (let after = -1; ;) {
    const rows = page.all(after, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) insert.run(row.id, fold(row.title ?? ''), fold(row.text));
    after = rows.at(-1)!.id;
  }
}

// Two spellings of one entity may now share a key; the second is redundant and goes.
function rekeyAliases(c: BetterSqlite3.Database): void {
  const aliases = c
    .prepare<[], { id: number; entity_id: number; name: string; key: string }>('select id, entity_id, name, key from entity_alias')
    .all();
  const update = c.prepare('update or ignore entity_alias set key = ? where id = ?');
  const remove = c.prepare('delete from entity_alias where id = ? and key <> ?');
  for (const alias of aliases) {
    const key = aliasKey(alias.name);
    if (key === alias.key) continue;
    update.run(key, alias.id);
    remove.run(alias.id, key);
  }
}
