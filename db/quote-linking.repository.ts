import type { Alignment, FoundQuotation, FragmentAnchor, Span } from '../server/pipeline/quotes/quote.types.ts';
import type BetterSqlite3 from 'better-sqlite3';
import type { TroveDatabase } from './client.ts';
import type { Selectable } from 'kysely';
import { documentBodySql } from './document-body.ts';
import { documentHashSql } from './document-hash.ts';
import { passageIdRange } from './passage-id.ts';
import type { DocumentKind, QuotationTable, QuoteLinkStatus, QuotationStyle, QuoteLinkTable } from './schema.ts';

export interface StoredQuotation {
  id: number;
  documentId: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  style: QuotationStyle;
  fragments: Span[];
  insertions: Array<Span & { text: string }>;
  ellipses: Span[];
  tooShort: boolean;
  decision: 'not_in_archive' | null;
}

export interface StoredLink {
  id: number;
  quotationId: number;
  documentId: number;
  passageId: number;
  fragments: Span[];
  status: QuoteLinkStatus;
  orphaned: boolean;
  anchor: FragmentAnchor[];
  sourceSha256: string;
}

export interface LinkPlace {
  passageId: number;
  fragments: Span[];
  score: number;
  differences: Alignment['differences'];
  anchor: FragmentAnchor[];
  sourceSha256: string;
}

export interface QuotationPlan {
  /** Quotations found again (same text): their rows, links and decisions are kept. */
  keep: Array<{ id: number; ordinal: number; quotation: FoundQuotation }>;
  insert: Array<{ ordinal: number; quotation: FoundQuotation }>;
  remove: number[];
}

// The columns QUOTATION_COLUMNS and linkColumns() select, typed from the schema rather than restated.
type QuotationRow = Omit<Selectable<QuotationTable>, 'decided_by' | 'decided_at' | 'created_at'>;

const QUOTATION_COLUMNS =
  'q.id, q.document_id, q.ordinal, q.start, q."end", q.text, q.style, q.fragments, q.insertions, q.ellipses, q.too_short, q.decision';
const LINK_FIELDS = [
  'id',
  'quotation_id',
  'document_id',
  'passage_id',
  'fragments',
  'status',
  'orphaned',
  'anchor',
  'source_sha256',
] as const;
const linkColumns = (table: string) => LINK_FIELDS.map((f) => `${table}.${f}`).join(', ');
// A quotation is linked while one of its links is neither rejected nor orphaned.
const LIVE = `l.status != 'rejected' and l.orphaned = 0`;

/**
 * The SQL of quote linking (quotations and their links), which runs after an import over
 * thousands of quotations. Like the document writer it uses prepared statements on the writer's
 * own connection: a query builder per statement would cost more than SQLite does.
 */
export class QuoteLinkingRepository {
  private readonly s;

  constructor(private readonly db: TroveDatabase) {
    this.s = { ...readStatements(db.writerConnection), ...writeStatements(db.writerConnection) };
  }

  document(id: number) {
    return this.s.document.get(id);
  }

  passages(documentId: number) {
    return this.s.passages.all(...passageIdRange(documentId));
  }

  kinds(ids: readonly number[]): Map<number, DocumentKind> {
    return new Map(this.s.kinds.all(JSON.stringify(ids)).map((r) => [r.id, r.kind]));
  }

  reportsToScan(all: boolean): number[] {
    return this.s.reportsToScan.all(all ? 1 : 0).map((r) => r.id);
  }

  quotations(reportId: number): StoredQuotation[] {
    return this.s.quotations.all(reportId).map(toQuotation);
  }

  quotation(id: number): StoredQuotation | undefined {
    const row = this.s.quotation.get(id);
    return row && toQuotation(row);
  }

  /** How many quotations of these reports are linked, too short, or neither. */
  counts(reportIds: readonly number[]): { quotations: number; linked: number; tooShort: number; unmatched: number } {
    const row = this.s.counts.get(JSON.stringify(reportIds))!;
    return {
      quotations: row.quotations,
      linked: row.linked,
      tooShort: row.too_short,
      unmatched: row.quotations - row.linked - row.too_short,
    };
  }

  unmatchedQuotations(): StoredQuotation[] {
    return this.s.unmatched.all().map(toQuotation);
  }

  links(quotationId: number): StoredLink[] {
    return this.s.links.all(quotationId).map(toLink);
  }

  linksFromChangedSources(documentIds: readonly number[]): StoredLink[] {
    return this.s.changedLinks.all(JSON.stringify(documentIds)).map(toLink);
  }

  /** Applies a rescan of one report and returns the quotation ids in `insert` order. */
  saveQuotations(reportId: number, sha256: string, plan: QuotationPlan): number[] {
    return this.transaction(() => {
      for (const id of plan.remove) this.s.deleteQuotation.run(id);
      for (const { id, ordinal, quotation: q } of plan.keep) {
        this.s.updateQuotation.run(
          ordinal,
          q.start,
          q.end,
          q.style,
          json(q.fragments),
          json(q.insertions),
          json(q.ellipses),
          q.tooShort ? 1 : 0,
          id,
        );
      }
      const ids = plan.insert.map(({ ordinal, quotation: q }) =>
        Number(
          this.s.insertQuotation.run(
            reportId,
            ordinal,
            q.start,
            q.end,
            q.text,
            q.style,
            json(q.fragments),
            json(q.insertions),
            json(q.ellipses),
            q.tooShort ? 1 : 0,
          ).lastInsertRowid,
        ),
      );
      this.s.saveScan.run(reportId, sha256);
      return ids;
    });
  }

  /**
   * Stores the machine's links for one quotation. With `replace`, its earlier suggestions go first;
   * a passage a person has already decided about (confirmed, rejected, attached) is never suggested again.
   */
  saveSuggestions(quotationId: number, places: Array<LinkPlace & { documentId: number }>, replace: boolean): void {
    this.transaction(() => {
      if (replace) this.s.deleteSuggested.run(quotationId);
      const taken = new Set(this.links(quotationId).map((l) => `${l.documentId}:${l.passageId}`));
      for (const p of places) {
        if (taken.has(`${p.documentId}:${p.passageId}`)) continue;
        taken.add(`${p.documentId}:${p.passageId}`);
        this.s.insertLink.run(
          quotationId,
          p.documentId,
          p.passageId,
          json(p.fragments),
          p.score,
          json(p.differences),
          json(p.anchor),
          p.sourceSha256,
        );
      }
    });
  }

  movePlace(linkId: number, place: LinkPlace): void {
    const p = place;
    this.s.movePlace.run(p.passageId, json(p.fragments), p.score, json(p.differences), json(p.anchor), p.sourceSha256, linkId);
  }

  orphan(linkId: number, sourceSha256: string): void {
    this.s.orphan.run(sourceSha256, linkId);
  }

  transaction<T>(work: () => T): T {
    return this.db.writerConnection.transaction(work)();
  }
}

function readStatements(c: BetterSqlite3.Database) {
  return {
    document: c.prepare<[number], { id: number; kind: DocumentKind; sha256: string; body: string; metadata: string }>(
      `select id, kind, ${documentHashSql('document')} as sha256, ${documentBodySql('document')} as body, metadata from document where id = ?`,
    ),
    passages: c.prepare<[number, number], { id: number; start: number; end: number }>(
      'select id, start, "end" from passage where id between ? and ? order by id',
    ),
    kinds: c.prepare<[string], { id: number; kind: DocumentKind }>(
      'select id, kind from document where id in (select value from json_each(?))',
    ),
    reportsToScan: c.prepare<[number], { id: number }>(
      `select d.id from document d left join quote_scan s on s.document_id = d.id
       where d.kind = 'report' and (? = 1 or s.sha256 is null or s.sha256 != ${documentHashSql('d')}) order by d.id`,
    ),
    quotations: c.prepare<[number], QuotationRow>(
      `select ${QUOTATION_COLUMNS} from quotation q where q.document_id = ? order by q.ordinal`,
    ),
    unmatched: c.prepare<[], QuotationRow>(
      `select ${QUOTATION_COLUMNS} from quotation q
       where q.too_short = 0 and q.decision is null and not exists (select 1 from quote_link l where l.quotation_id = q.id and ${LIVE})
       order by q.document_id, q.ordinal`,
    ),
    quotation: c.prepare<[number], QuotationRow>(`select ${QUOTATION_COLUMNS} from quotation q where q.id = ?`),
    counts: c.prepare<[string], { quotations: number; linked: number; too_short: number }>(
      `select count(*) as quotations,
              coalesce(sum(live), 0) as linked,
              coalesce(sum(q.too_short = 1 and not live), 0) as too_short
       from (select q.too_short, exists (select 1 from quote_link l where l.quotation_id = q.id and ${LIVE}) as live
             from quotation q where q.document_id in (select value from json_each(?))) q`,
    ),
    links: c.prepare<[number], LinkRow>(`select ${linkColumns('quote_link')} from quote_link where quotation_id = ?`),
    changedLinks: c.prepare<[string], LinkRow>(
      `select ${linkColumns('l')} from quote_link l join document d on d.id = l.document_id
       where l.document_id in (select value from json_each(?)) and l.source_sha256 != ${documentHashSql('d')}`,
    ),
  };
}

function writeStatements(c: BetterSqlite3.Database) {
  return {
    insertQuotation: c.prepare(
      `insert into quotation (document_id, ordinal, start, "end", text, style, fragments, insertions, ellipses, too_short)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateQuotation: c.prepare(
      `update quotation set ordinal = ?, start = ?, "end" = ?, style = ?, fragments = ?, insertions = ?, ellipses = ?, too_short = ? where id = ?`,
    ),
    deleteQuotation: c.prepare('delete from quotation where id = ?'),
    saveScan: c.prepare(
      `insert into quote_scan (document_id, sha256) values (?, ?)
       on conflict (document_id) do update set sha256 = excluded.sha256, scanned_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    ),
    deleteSuggested: c.prepare(`delete from quote_link where quotation_id = ? and status = 'suggested'`),
    insertLink: c.prepare(
      `insert into quote_link (quotation_id, document_id, passage_id, fragments, score, differences, status, anchor, source_sha256)
       values (?, ?, ?, ?, ?, ?, 'suggested', ?, ?)`,
    ),
    movePlace: c.prepare(
      `update quote_link set passage_id = ?, fragments = ?, score = ?, differences = ?, anchor = ?, source_sha256 = ?, orphaned = 0,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
    ),
    orphan: c.prepare(
      `update quote_link set orphaned = 1, source_sha256 = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
    ),
  };
}

type LinkRow = Pick<Selectable<QuoteLinkTable>, (typeof LINK_FIELDS)[number]>;

const json = (value: unknown) => JSON.stringify(value);

function toQuotation(r: QuotationRow): StoredQuotation {
  return {
    id: r.id,
    documentId: r.document_id,
    ordinal: r.ordinal,
    start: r.start,
    end: r.end,
    text: r.text,
    style: r.style,
    fragments: JSON.parse(r.fragments) as Span[],
    insertions: JSON.parse(r.insertions) as StoredQuotation['insertions'],
    ellipses: JSON.parse(r.ellipses) as Span[],
    tooShort: r.too_short === 1,
    decision: r.decision,
  };
}

function toLink(r: LinkRow): StoredLink {
  return {
    id: r.id,
    quotationId: r.quotation_id,
    documentId: r.document_id,
    passageId: r.passage_id,
    fragments: JSON.parse(r.fragments) as Span[],
    status: r.status,
    orphaned: r.orphaned === 1,
    anchor: JSON.parse(r.anchor) as FragmentAnchor[],
    sourceSha256: r.source_sha256,
  };
}
