import type { Shingle, ShingleTerm } from '../server/pipeline/quotes/shingles.ts';
import type { TroveDatabase } from './client.ts';
import { PASSAGE_ID_FACTOR } from './passage-id.ts';

const quoted = (term: ShingleTerm) => `"${term.text.replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;

/** A shingle as an FTS5 query on the search index's text column: its words as one phrase, a cut word as a prefix. */
export function shingleQuery(shingle: Shingle): string {
  return `text : ${shingle.terms.map(quoted).join(' + ')}`;
}

// How often each connection has written the search index (the document writer says so): with
// data_version, which counts other connections' commits, it tells when remembered lookups went stale.
const writes = new WeakMap<object, number>();

/** Called by whatever writes passage_fts on `connection`. */
export function noteSearchIndexWrite(connection: object): void {
  writes.set(connection, (writes.get(connection) ?? 0) + 1);
}

// Shingles whose lookups are remembered at most (see remembered()).
const REMEMBERED = 50_000;

interface Remembered {
  version: string;
  limit: number;
  common: Set<string>;
  rare: Map<string, readonly number[]>;
  /** The documents that are reports, read when first needed. */
  reports: Set<number> | null;
  /** frequency() by `${key}/${cap}`. */
  counts: Map<string, number>;
}

/** Those of `passages` that are in `holding` or have a passage at most `around` away in it. */
function nearAny(passages: readonly number[], holding: ReadonlySet<number>, around: number): number[] {
  return passages.filter((id) => {
    for (let d = -around; d <= around; d++) if (holding.has(id + d)) return true;
    return false;
  });
}

/**
 * Candidate sources for a quotation from the search index (passage_fts, which holds every folded
 * word with its position): the passages holding a shingle are those matching it as a phrase.
 * Reports never are sources, so their passages are left out. Dozens of lookups per quotation:
 * prepared statements on the writer's connection, which also sees the passages an import has just written.
 */
export class QuoteCandidatesRepository {
  private readonly s;
  private seen: Remembered = { version: '', limit: 0, common: new Set(), rare: new Map(), reports: null, counts: new Map() };

  constructor(private readonly db: TroveDatabase) {
    const c = db.writerConnection;
    const match = 'select rowid from passage_fts where passage_fts match ?';
    // Long postings lists come back as one string: a row per passage costs several times what SQLite takes to read it.
    const list = (from: string) => c.prepare<[string, number], string | null>(`select group_concat(rowid) from (${from})`).pluck();
    this.s = {
      postings: list(`${match} limit ?`),
      // Changes when another connection commits.
      dataVersion: c.prepare<[], number>('select data_version from pragma_data_version()').pluck(),
      // A subquery in each lookup would read the whole document table every time.
      reports: c.prepare<[], number>(`select id from document where kind = 'report'`).pluck(),
    };
  }

  /** Passages holding the shingle, or null when more than `limit` do. */
  postings(shingle: Shingle, limit: number): readonly number[] | null {
    const seen = this.remembered(limit);
    if (seen.common.has(shingle.key)) return null;
    const known = seen.rare.get(shingle.key);
    if (known) return known.length > limit ? null : known;
    const postings = this.upTo(shingleQuery(shingle), limit);
    if (seen.common.size + seen.rare.size < REMEMBERED) {
      if (postings === null) seen.common.add(shingle.key);
      else seen.rare.set(shingle.key, postings);
    }
    return postings;
  }

  // One query, not a count then a read: a phrase of common words that is itself rare is found only by walking both words' postings.
  private upTo(query: string, limit: number): number[] | null {
    const postings = this.read(query, limit + 1);
    return postings.length > limit ? null : postings;
  }

  /** Passages of documents that are not reports, from a list in id order. */
  private sourcesOnly(passages: readonly number[]): number[] {
    const seen = this.remembered(this.seen.limit);
    const reports = (seen.reports ??= new Set(this.s.reports.all()));
    return reports.size === 0 ? [...passages] : passages.filter((id) => !reports.has(this.documentOf(id)));
  }

  /**
   * What postings() found since the index last changed: a quotation's shingles are looked up again by
   * conjunctive(), and a report's quotations share their common shingles (finding one common again
   * costs a read of `limit` postings). A rare shingle's postings are complete whatever the limit.
   */
  private remembered(limit: number): Remembered {
    const version = `${writes.get(this.db.writerConnection) ?? 0}.${this.s.dataVersion.get()}`;
    if (version !== this.seen.version) this.seen = { version, limit, common: new Set(), rare: new Map(), reports: null, counts: new Map() };
    else if (limit !== this.seen.limit) this.seen = { ...this.seen, limit, common: new Set() };
    return this.seen;
  }

  /** Passages of sources (not reports) matching an FTS5 query, in id order, at most `limit` (all with -1). */
  private read(query: string, limit: number): number[] {
    // Reports are few: a list that was cut short and lost some of its passages to them is read again, longer.
    for (let rows = limit; ; rows *= 4) {
      const list = this.s.postings.get(query, rows);
      const passages = list ? list.split(',').map(Number) : [];
      const sources = this.sourcesOnly(passages);
      if (rows < 0 || passages.length < rows || sources.length >= limit) return limit < 0 ? sources : sources.slice(0, limit);
    }
  }

  documentOf(passageId: number): number {
    return Math.floor(passageId / PASSAGE_ID_FACTOR);
  }

  /** How many passages hold the shingle, counted up to `cap`. */
  frequency(shingle: Shingle, cap: number): number {
    const { counts } = this.remembered(this.seen.limit);
    const key = `${shingle.key}/${cap}`;
    let count = counts.get(key);
    if (count === undefined) {
      count = this.read(shingleQuery(shingle), cap).length;
      if (counts.size < REMEMBERED) counts.set(key, count);
    }
    return count;
  }

  /**
   * Passages holding `driver`, each with how many of `others` it holds too, most first, then by id.
   * With `around`, a shingle in one of the `around` passages either side counts too: a quotation that runs on into the next paragraph.
   * The driver is a rare shingle (the linker caps its postings); the others not read before are common, and FTS5
   * finds where they meet it faster than their postings can be read whole. Across passages (`around`), an
   * other is read whole: a MATCH limited to a list of rowids sets up the whole query again for every rowid
   * (seconds for a thousand).
   */
  conjunctive(driver: Shingle, others: readonly Shingle[], limit: number, around = 0): Array<{ passageId: number; hits: number }> {
    const { rare } = this.remembered(this.seen.limit);
    const passages = rare.get(driver.key) ?? this.read(shingleQuery(driver), -1);
    const hits = new Map(passages.map((id) => [id, 0]));
    for (const other of others) {
      const known = rare.get(other.key);
      const holding =
        known || around > 0
          ? nearAny(passages, new Set(known ?? this.read(shingleQuery(other), -1)), around)
          : this.read(`${shingleQuery(driver)} AND ${shingleQuery(other)}`, -1);
      for (const id of holding) hits.set(id, hits.get(id)! + 1);
    }
    // Postings come in id order and the sort is stable: equal hits stay by id.
    return [...hits]
      .map(([passageId, n]) => ({ passageId, hits: n }))
      .sort((a, b) => b.hits - a.hits)
      .slice(0, limit);
  }
}
