import type BetterSqlite3 from 'better-sqlite3';
import { shingles } from '../server/pipeline/quotes/shingles.ts';
import type { TroveDatabase } from './client.ts';
import { PASSAGE_ID_FACTOR } from './passage-id.ts';
import { passageTextSql } from './passage-text.ts';

type Conjunctive = BetterSqlite3.Statement<unknown[], { passageId: number; hits: number }>;

/**
 * Reads of the shingle index (passage_shingle) that finds candidate sources for a quotation,
 * dozens per quotation: prepared statements on the writer's connection, which also sees the
 * passages an import has just written. The index itself is written by the document writer.
 */
export class QuoteIndexRepository {
  private readonly s;
  private readonly conjunctiveStatements = new Map<string, Conjunctive>();

  constructor(private readonly db: TroveDatabase) {
    const c = db.writerConnection;
    this.s = {
      beyond: c.prepare<[number, number], number>('select 1 from passage_shingle where hash = ? limit 1 offset ?').pluck(),
      postings: c.prepare<[number, number], number>('select passage_id from passage_shingle where hash = ? limit ?').pluck(),
      frequency: c.prepare<[number, number], number>('select count(*) from (select 1 from passage_shingle where hash = ? limit ?)').pluck(),
      anyShingle: c.prepare<[], number>('select exists (select 1 from passage_shingle)').pluck(),
      anyReport: c.prepare<[], number>(`select exists (select 1 from document where kind = 'report')`).pluck(),
      anyPassage: c
        .prepare<[], number>(`select exists (select 1 from passage p join document d on d.id = p.document_id where d.kind != 'report')`)
        .pluck(),
      clear: c.prepare('delete from passage_shingle'),
      passageTexts: c.prepare<[number, number], { id: number; text: string }>(
        `select p.id, ${passageTextSql('p', 'd')} as text from passage p join document d on d.id = p.document_id
         where d.kind != 'report' and p.id > ? order by p.id limit ?`,
      ),
      insert: c.prepare('insert or ignore into passage_shingle (hash, passage_id) values (?, ?)'),
    };
  }

  /** Passages holding the shingle, or null when more than `limit` do (checked first: skipping rows is cheaper than reading them). */
  postings(hash: number, limit: number): number[] | null {
    if (this.s.beyond.get(hash, limit) !== undefined) return null;
    return this.s.postings.all(hash, limit);
  }

  documentOf(passageId: number): number {
    return Math.floor(passageId / PASSAGE_ID_FACTOR);
  }

  /** How many passages hold the shingle, counted up to `cap`. */
  frequency(hash: number, cap: number): number {
    return this.s.frequency.get(hash, cap)!;
  }

  /**
   * Passages holding `driver`, each with how many of `others` it holds too, most first (primary-key lookups, no scans).
   * With `around`, a shingle in one of the `around` passages either side counts too: a quotation that runs on into the next paragraph.
   */
  conjunctive(driver: number, others: readonly number[], limit: number, around = 0): Array<{ passageId: number; hits: number }> {
    const key = `${others.length}:${around}`;
    let statement = this.conjunctiveStatements.get(key);
    if (!statement) {
      const near =
        around === 0 ? 'x.passage_id = s.passage_id' : `x.passage_id between s.passage_id - ${around} and s.passage_id + ${around}`;
      const checks = others.map(() => `exists (select 1 from passage_shingle x where x.hash = ? and ${near})`);
      statement = this.db.writerConnection.prepare<unknown[], { passageId: number; hits: number }>(
        `select s.passage_id as passageId, ${checks.length ? checks.join(' + ') : '0'} as hits
         from passage_shingle s where s.hash = ? order by hits desc, s.passage_id limit ?`,
      );
      this.conjunctiveStatements.set(key, statement);
    }
    return statement.all(...others, driver, limit);
  }

  /**
   * True when reports need the index and it is empty: the archive's sources were imported while it
   * had no reports (imports skip the index then, see document-writer.ts) or before quote linking existed.
   */
  isMissing(): boolean {
    return this.s.anyShingle.get() === 0 && this.s.anyPassage.get() === 1 && this.s.anyReport.get() === 1;
  }

  /** Rebuilds the index from the passages, in one transaction; returns how many passages it covers. */
  rebuild(): number {
    let count = 0;
    this.db.writerConnection.transaction(() => {
      this.s.clear.run();
      for (let after = -1; ;) {
        const rows = this.s.passageTexts.all(after, 5000);
        if (rows.length === 0) break;
        for (const row of rows) {
          for (const hash of shingles(row.text)) this.s.insert.run(hash, row.id);
          count++;
        }
        after = rows.at(-1)!.id;
      }
    })();
    return count;
  }
}
