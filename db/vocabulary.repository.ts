import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { reverse, splitFuzzyWalk, type Seek, type WalkResult } from '../server/pipeline/fuzzy/fuzzy-walk.ts';
import { fold, WORD } from '../server/pipeline/normalise.ts';
import { canReadDocument, type ReadScope } from './access.ts';
import type { TroveDatabase } from './client.ts';
import { PASSAGE_ID_FACTOR, passageIdRange, passagesOfDocument } from './passage-id.ts';
import { passageTextSql } from './passage-text.ts';

const MARK = 'vocabulary_mark';
// Words are counted in memory and written this many passages at a time, so a big import's refresh stays small.
const FLUSH_EVERY = 20_000;
// At least one document in this many new or changed: the whole vocabulary is read again from the index.
const REBUILD_SHARE = 3;
const REBUILD = `create virtual table if not exists temp.vocabulary_scan using fts5vocab(main, passage_fts, row);
  delete from vocabulary_term;
  insert into vocabulary_term (term, passages) select term, doc from temp.vocabulary_scan;`;

export interface RefreshReport {
  documents: number;
  passages: number;
}

/**
 * The vocabulary of the search index (vocabulary_term, migration 0011): every folded word once,
 * with the number of passages that hold it. It is global; fuzzy expansions found in it are checked
 * against what the reader may read (`readable`) before anyone sees them. A word whose documents
 * were all replaced or deleted may linger in it; that check drops it too.
 */
export class VocabularyRepository {
  private statements?: ReturnType<typeof prepare>;

  constructor(private readonly db: TroveDatabase) {}

  private get s() {
    return (this.statements ??= prepare(this.db.writerConnection));
  }

  /**
   * Adds the words of the documents written since the last refresh (their updated_at is later than
   * the stored mark). Cheap when nothing changed: two index lookups. Runs on the writer's connection.
   */
  refresh(): RefreshReport {
    const report = { documents: 0, passages: 0 };
    // Migration 0011 fills the words of an existing archive but cannot spell them backwards.
    if (this.s.reversedMissing.get() === 1) this.db.writerConnection.transaction(() => this.fillReversed())();
    const latest = this.s.latest.get() ?? null;
    const mark = this.s.mark.get(MARK) ?? '';
    if (latest === null || latest <= mark) return report;
    const changed = this.s.changedCount.get(mark) ?? 0;
    // Re-reading and folding the text runs at about 10,000 passages a second, a third of the import's
    // own time; FTS5 lists the words it already holds ten times faster, in one pass over the whole
    // index. So when most of the archive is new (a first import), the vocabulary is read from there.
    if (changed * REBUILD_SHARE >= (this.s.documentCount.get() ?? 0)) {
      this.db.writerConnection.transaction(() => {
        this.db.writerConnection.exec(REBUILD);
        this.fillReversed();
        this.s.setMark.run(MARK, latest);
      })();
      return { documents: changed, passages: this.s.passagesOfChanged.get(mark) ?? 0 };
    }
    this.db.writerConnection.transaction(() => {
      let counts = new Map<string, number>();
      // All at once: better-sqlite3 allows no writes on a connection while one of its statements iterates.
      for (const document of this.s.changed.all(mark)) {
        report.documents++;
        const titleWords = words(document.title ?? '');
        for (const text of this.s.passages.all(...passageIdRange(document.id))) {
          for (const word of new Set([...titleWords, ...words(text)])) counts.set(word, (counts.get(word) ?? 0) + 1);
          if (++report.passages % FLUSH_EVERY === 0) counts = this.flush(counts);
        }
      }
      this.flush(counts);
      this.s.setMark.run(MARK, latest);
    })();
    return report;
  }

  private fillReversed(): void {
    this.s.clearReversed.run();
    for (const { term, passages } of this.s.allTerms.all()) this.s.addReversed.run(reverse(term), passages);
  }

  private flush(counts: Map<string, number>): Map<string, number> {
    for (const [term, passages] of counts) {
      this.s.add.run(term, passages);
      this.s.addReversed.run(reverse(term), passages);
    }
    return new Map();
  }

  /**
   * Refreshes when at most `atMost` documents were written since the last refresh (a scan read by OCR, a small
   * import), so a search can bring the vocabulary up to date itself; true when it is current afterwards.
   * More than that (an import still running) is left to the import's own refresh.
   */
  catchUp(atMost: number): boolean {
    if (this.isCurrent()) return true;
    if (this.s.changedAtMost.get(this.s.mark.get(MARK) ?? '', atMost + 1)! > atMost) return false;
    // A search must not wait for another process's import to let go of the write lock: busy now, as written later.
    const connection = this.db.writerConnection;
    const timeout = connection.pragma('busy_timeout', { simple: true }) as number;
    connection.pragma('busy_timeout = 0');
    try {
      this.refresh();
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
      throw error;
    } finally {
      connection.pragma(`busy_timeout = ${timeout}`);
    }
    return this.isCurrent();
  }

  /** True when every document written since the last refresh is in it, so it holds every word of the index. Two index lookups. */
  isCurrent(): boolean {
    const latest = this.s.latest.get() ?? null;
    return latest === null || latest <= (this.s.mark.get(MARK) ?? '');
  }

  /** Up to `atMost` words that begin with `prefix` (itself included), in code point order. */
  completions(prefix: string, atMost: number): string[] {
    // U+10FFFF sorts after every character, so this is the range of words that begin with the prefix.
    return this.s.completions.all(prefix, `${prefix}\u{10FFFF}`, atMost);
  }

  /** How many passages held the word when the vocabulary was last refreshed; null for a word it does not hold. */
  passagesHolding(term: string): number | null {
    return this.s.passagesOf.get(term) ?? null;
  }

  /** The passage counts of the words that begin with `prefix`, summed: an upper bound on the passages that hold one. */
  passagesHoldingPrefix(prefix: string): number {
    return this.s.passagesOfPrefix.get(prefix, `${prefix}\u{10FFFF}`) ?? 0;
  }

  /** Words within `maxEdits` of `word` (itself included when present), unordered; see fuzzy-walk.ts. */
  closeTo(word: string, maxEdits: number): WalkResult {
    const forward: Seek = (key) => this.s.seek.get(key);
    const reversed: Seek = (key) => this.s.seekReversed.get(key);
    return splitFuzzyWalk(word, maxEdits, forward, reversed);
  }

  /**
   * The terms, in the order given, that occur in at least one passage the scope may read (in the
   * title when `titleOnly`). One statement: each term is a phrase match stopped at its first readable hit.
   */
  async readable(terms: string[], titleOnly: boolean, scope: ReadScope): Promise<string[]> {
    if (terms.length === 0) return [];
    const column = titleOnly ? 'title : ' : '';
    const rows = terms.map((term, i) => sql`select ${i} as ordinal, ${term} as term, ${`${column}"${term.replaceAll('"', '""')}"`} as m`);
    const documentOf = sql`(f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)})`;
    const { rows: found } = await sql<{ term: string }>`
      with candidate as (${sql.join(rows, sql` union all `)})
      select term from candidate
      where exists (select 1 from passage_fts f where passage_fts match candidate.m and ${canReadDocument(scope, documentOf)})
      order by ordinal`.execute(this.db.reader);
    return found.map((r) => r.term);
  }
}

function prepare(c: BetterSqlite3.Database) {
  return {
    latest: c.prepare<[], string | null>('select max(updated_at) from document').pluck(),
    mark: c.prepare<[string], string>('select value from setting where key = ?').pluck(),
    setMark: c.prepare('insert into setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value'),
    changed: c.prepare<[string], { id: number; title: string | null }>(
      'select id, title from document where updated_at > ? order by updated_at, id',
    ),
    passages: c
      .prepare<[number, number], string>(
        `select ${passageTextSql('p', 'd')} from passage p join document d on d.id = p.document_id where p.id between ? and ? order by p.id`,
      )
      .pluck(),
    add: c.prepare(
      'insert into vocabulary_term (term, passages) values (?, ?) on conflict (term) do update set passages = passages + excluded.passages',
    ),
    seek: c.prepare<[string], { term: string; passages: number }>(
      'select term, passages from vocabulary_term where term >= ? order by term limit 1',
    ),
    completions: c
      .prepare<[string, string, number], string>('select term from vocabulary_term where term >= ? and term < ? order by term limit ?')
      .pluck(),
    passagesOf: c.prepare<[string], number>('select passages from vocabulary_term where term = ?').pluck(),
    passagesOfPrefix: c
      .prepare<[string, string], number | null>('select sum(passages) from vocabulary_term where term >= ? and term < ?')
      .pluck(),
    seekReversed: c.prepare<[string], { term: string; passages: number }>(
      'select term, passages from vocabulary_reversed where term >= ? order by term limit 1',
    ),
    addReversed: c.prepare(
      'insert into vocabulary_reversed (term, passages) values (?, ?) on conflict (term) do update set passages = passages + excluded.passages',
    ),
    reversedMissing: c
      .prepare<[], number>('select not exists (select 1 from vocabulary_reversed) and exists (select 1 from vocabulary_term)')
      .pluck(),
    changedCount: c.prepare<[string], number>('select count(*) from document where updated_at > ?').pluck(),
    changedAtMost: c
      .prepare<[string, number], number>('select count(*) from (select 1 from document where updated_at > ? limit ?)')
      .pluck(),
    documentCount: c.prepare<[], number>('select count(*) from document').pluck(),
    passagesOfChanged: c
      .prepare<[string], number>(
        `select count(*) from document d join passage p on ${passagesOfDocument('p', 'd.id')} where d.updated_at > ?`,
      )
      .pluck(),
    clearReversed: c.prepare('delete from vocabulary_reversed'),
    allTerms: c.prepare<[], { term: string; passages: number }>('select term, passages from vocabulary_term'),
  };
}

/** The words the index holds for a text: the same folding and word rule as the import (normalise.ts). */
function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}
