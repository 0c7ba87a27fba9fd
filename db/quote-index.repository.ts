import { documentOfRow, neighbourRow, shingleRows } from '../server/pipeline/quotes/index-rows.ts';
import type { TroveDatabase } from './client.ts';
import { passageTextSql } from './passage-text.ts';

const DIGITS = '0123456789abcdefghijklmnopqrstuv';

/** `hash.toString(32)`, in a quarter of the time: the quote index's build writes millions of them. */
export function base32(hash: number): string {
  let text = DIGITS[hash & 31]!;
  for (let rest = hash >>> 5; rest !== 0; rest >>>= 5) text = DIGITS[rest & 31]! + text;
  return text;
}

/**
 * Shingles as the quote index stores them: one FTS5 row per passage (server/pipeline/quotes/index-rows.ts),
 * each hash a base-32 token, seven letters at most where decimal took ten: the terms are a good part of the index.
 */
export function shingleTokens(hashes: Iterable<number>): string {
  let tokens = '';
  for (const hash of hashes) tokens += tokens ? ` ${base32(hash)}` : base32(hash);
  return tokens;
}

const term = (hash: number) => `"${base32(hash)}"`;

// How often each connection has written the quote index (the document writer says so): with
// data_version, which counts other connections' commits, it tells when remembered lookups went stale.
const writes = new WeakMap<object, number>();

/** Called by whatever writes the quote index on `connection`. */
export function noteQuoteIndexWrite(connection: object): void {
  writes.set(connection, (writes.get(connection) ?? 0) + 1);
}

// Shingles whose lookups are remembered at most (see remembered()).
const REMEMBERED = 50_000;

interface Remembered {
  version: string;
  limit: number;
  common: Set<number>;
  rare: Map<number, readonly number[]>;
  /** frequency() by `${hash}/${cap}`. */
  counts: Map<string, number>;
}

/** Those of `rows` that are in `holding` or have a row of their document in it at most `around` away. */
function nearAny(rows: readonly number[], holding: ReadonlySet<number>, around: number): number[] {
  return rows.filter((row) => {
    for (let d = -around; d <= around; d++) {
      const near = neighbourRow(row, d);
      if (near !== null && holding.has(near)) return true;
    }
    return false;
  });
}

// Passages read per page while the index is rebuilt.
const REBUILD_PAGE = 5000;
// Postings read per neighbouring row looked at before seeking instead: an FTS5 seek costs about what reading this many postings does.
const NEAR_READ = 64;

/**
 * Reads of the quote index (passage_shingle_fts, migrations 0017 and 0021; a row per passage, numbered
 * as server/pipeline/quotes/index-rows.ts says) that finds candidate sources for a quotation, dozens
 * per quotation: prepared statements on the writer's connection, which also sees the passages an
 * import has just written. The index itself is written by the document writer.
 */
export class QuoteIndexRepository {
  private readonly s;
  private seen: Remembered = { version: '', limit: 0, common: new Set(), rare: new Map(), counts: new Map() };

  constructor(
    private readonly db: TroveDatabase,
    private readonly nearRead = NEAR_READ,
  ) {
    const c = db.writerConnection;
    const match = 'select rowid from passage_shingle_fts where passage_shingle_fts match ?';
    // Long postings lists come back as one string: a row per passage costs several times what SQLite takes to read it.
    const list = (from: string) => c.prepare<[string, number], string | null>(`select group_concat(rowid) from (${from})`).pluck();
    this.s = {
      postings: list(`${match} limit ?`),
      // Skipping rows costs less than counting or reading them.
      beyond: c.prepare<[string, number], number>(`${match} limit 1 offset ?`).pluck(),
      // Changes when another connection commits.
      dataVersion: c.prepare<[], number>('select data_version from pragma_data_version()').pluck(),
      frequency: c.prepare<[string, number], number>(`select count(*) from (${match} limit ?)`).pluck(),
      // Which of a list of rows hold the shingle: one seek into its postings per row, each dearer than reading dozens of postings.
      among: c.prepare<[string, string], number>(`${match} and rowid in (select value from json_each(?))`).pluck(),
      anyShingle: c.prepare<[], number>('select exists (select 1 from passage_shingle_fts)').pluck(),
      anyReport: c.prepare<[], number>(`select exists (select 1 from document where kind = 'report')`).pluck(),
      anyPassage: c
        .prepare<[], number>(`select exists (select 1 from passage p join document d on d.id = p.document_id where d.kind != 'report')`)
        .pluck(),
      passageTexts: c.prepare<[number, number], { id: number; documentId: number; text: string }>(
        `select p.id, p.document_id as documentId, ${passageTextSql('p', 'd')} as text from passage p join document d on d.id = p.document_id
         where d.kind != 'report' and p.id > ? order by p.id limit ?`,
      ),
      insert: c.prepare('insert into passage_shingle_fts (rowid, hashes) values (?, ?)'),
      command: c.prepare<[string]>('insert into passage_shingle_fts (passage_shingle_fts) values (?)'),
    };
  }

  /** Rows (passages, index-rows.ts) holding the shingle, or null when more than `limit` do. */
  postings(hash: number, limit: number): readonly number[] | null {
    const seen = this.remembered(limit);
    if (seen.common.has(hash)) return null;
    const known = seen.rare.get(hash);
    if (known) return known.length > limit ? null : known;
    const postings = this.upTo(hash, limit);
    if (seen.common.size + seen.rare.size < REMEMBERED) {
      if (postings === null) seen.common.add(hash);
      else seen.rare.set(hash, postings);
    }
    return postings;
  }

  private upTo(hash: number, limit: number): number[] | null {
    return this.s.beyond.get(term(hash), limit) === undefined ? this.read(term(hash), limit) : null;
  }

  /**
   * What postings() found since the index last changed: a quotation's shingles are looked up again by
   * conjunctive(), and a report's quotations share their common shingles (finding one common again
   * costs a read of `limit` postings). A rare shingle's postings are complete whatever the limit.
   */
  private remembered(limit: number): Remembered {
    const version = `${writes.get(this.db.writerConnection) ?? 0}.${this.s.dataVersion.get()}`;
    if (version !== this.seen.version) this.seen = { version, limit, common: new Set(), rare: new Map(), counts: new Map() };
    else if (limit !== this.seen.limit) this.seen = { ...this.seen, limit, common: new Set() };
    return this.seen;
  }

  /** Rows matching an FTS5 query, in order, at most `limit`. */
  private read(query: string, limit: number): number[] {
    const list = this.s.postings.get(query, limit);
    return list ? list.split(',').map(Number) : [];
  }

  documentOf(row: number): number {
    return documentOfRow(row);
  }

  /** How many rows hold the shingle, counted up to `cap`. */
  frequency(hash: number, cap: number): number {
    const { counts } = this.remembered(this.seen.limit);
    const key = `${hash}/${cap}`;
    let count = counts.get(key);
    if (count === undefined) {
      count = this.s.frequency.get(term(hash), cap)!;
      if (counts.size < REMEMBERED) counts.set(key, count);
    }
    return count;
  }

  /**
   * Rows holding `driver`, each with how many of `others` it holds too, most first, then by row.
   * With `around`, a shingle in one of the `around` rows either side counts too: a quotation that runs on into the next paragraph.
   * The driver is a rare shingle (the linker caps its postings), so the work is bounded by its postings times `others`.
   */
  conjunctive(driver: number, others: readonly number[], limit: number, around = 0): Array<{ row: number; hits: number }> {
    const { rare } = this.remembered(this.seen.limit);
    const passages = rare.get(driver) ?? this.read(term(driver), -1);
    const hits = new Map(passages.map((id) => [id, 0]));
    for (const other of others) {
      // Postings already read are checked here; FTS5 finds the others.
      const known = rare.get(other);
      const holding = known
        ? nearAny(passages, new Set(known), around)
        : around === 0
          ? this.read(`${term(driver)} ${term(other)}`, -1)
          : this.near(passages, other, around);
      for (const id of holding) hits.set(id, hits.get(id)! + 1);
    }
    // Postings come in id order and the sort is stable: equal hits stay by id.
    return [...hits]
      .map(([row, n]) => ({ row, hits: n }))
      .sort((a, b) => b.hits - a.hits)
      .slice(0, limit);
  }

  /** Of `passages` (rows), those with `other` in them or in a row of their document at most `around` away. */
  private near(passages: readonly number[], other: number, around: number): number[] {
    const neighbours = new Set<number>();
    for (const row of passages) {
      for (let d = -around; d <= around; d++) {
        const near = neighbourRow(row, d);
        if (near !== null) neighbours.add(near);
      }
    }
    // Reading a postings list costs a fraction of a seek per passage: one up to many times longer than the
    // neighbours is read whole, and only a commoner one is sought at each neighbour.
    const holding = this.upTo(other, this.nearRead * neighbours.size) ?? this.s.among.all(term(other), JSON.stringify([...neighbours]));
    return nearAny(passages, new Set(holding), around);
  }

  /** True once the index has been built: imports then keep it up to date. */
  inUse(): boolean {
    return this.s.anyShingle.get() === 1;
  }

  /**
   * True when reports need the index and it is empty: the archive's sources were imported while it
   * had no reports (imports skip the index then, see document-writer.ts) or before quote linking existed,
   * or migration 0017 has just replaced the old index with an empty one.
   */
  isMissing(): boolean {
    return !this.inUse() && this.s.anyPassage.get() === 1 && this.s.anyReport.get() === 1;
  }

  /** Rebuilds the index from the passages, in one transaction; returns how many passages it covers. */
  rebuild(): number {
    let count = 0;
    this.db.writerConnection.transaction(() => {
      this.command('delete-all');
      // Passages come in id order, so a document's are together (though they may straddle two pages) and in order.
      let document = -1;
      let texts: string[] = [];
      const flush = () => {
        for (const [row, hashes] of shingleRows(document, texts)) this.s.insert.run(row, shingleTokens(hashes));
        texts = [];
      };
      for (let after = -1; ;) {
        const rows = this.s.passageTexts.all(after, REBUILD_PAGE);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (row.documentId !== document) {
            flush();
            document = row.documentId;
          }
          texts.push(row.text);
          count++;
        }
        after = rows.at(-1)!.id;
      }
      flush();
      // One segment instead of the dozens a bulk load leaves: a sixth smaller, and each lookup reads one b-tree.
      this.command('optimize');
      noteQuoteIndexWrite(this.db.writerConnection);
    })();
    return count;
  }

  private command(name: 'delete-all' | 'optimize'): void {
    this.s.command.run(name);
  }
}
