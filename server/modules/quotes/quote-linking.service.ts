import type { QuoteIndexRepository } from '../../../db/quote-index.repository.ts';
import type {
  LinkPlace,
  QuoteLinkingRepository,
  QuotationPlan,
  StoredLink,
  StoredQuotation,
} from '../../../db/quote-linking.repository.ts';
import { measure, passageAt, prepareSource, type PreparedSource } from '../../pipeline/quotes/align.ts';
import { anchorsOf, reanchor } from '../../pipeline/quotes/anchor.ts';
import { findQuotations } from '../../pipeline/quotes/find-quotations.ts';
import { linkQuotation, type LinkOptions, type LinkSources } from '../../pipeline/quotes/link-quotation.ts';
import type { FoundQuotation, LinkSummary } from '../../pipeline/quotes/quote.types.ts';

/** A shingle in more passages than this says nothing about where a quotation comes from. */
export const COMMON_SHINGLE = 256;
// Prepared source documents kept between quotations of one run; cables are quoted again and again.
const SOURCE_CACHE = 512;

/**
 * Finds quotations in reports and links them to their sources, after every import and on
 * `trove link`. The machine only ever writes `suggested` links: what a person confirmed,
 * rejected, attached or marked "not in the archive" stays as they left it.
 */
export class QuoteLinkingService {
  constructor(
    private readonly repository: QuoteLinkingRepository,
    private readonly index: QuoteIndexRepository,
  ) {}

  /** Both directions: new reports against the archive, older unmatched quotations against new documents; then changed sources. */
  afterImport(documentIds: readonly number[]): LinkSummary {
    const run = new Run(this.repository, this.index);
    if (documentIds.length === 0) return run.summary();
    run.ensureShingles();
    const kinds = this.repository.kinds(documentIds);
    const sources = documentIds.filter((id) => kinds.get(id) !== undefined && kinds.get(id) !== 'report');
    const affected = run.reanchor(sources);
    // Reports new or changed in this import, and any never scanned before (imported before quote linking existed).
    const scanned = new Set(this.repository.reportsToScan(false));
    for (const id of scanned) run.scanReport(id);
    run.retryUnmatched(new Set(sources), scanned);
    run.relink(affected, scanned);
    return run.summary();
  }

  /** `trove link`: reports not yet scanned and every unmatched quotation; with `all`, every report and quotation again. */
  linkAll(all: boolean): LinkSummary {
    const run = new Run(this.repository, this.index);
    if (all) this.index.rebuild();
    else run.ensureShingles();
    const scanned = new Set(this.repository.reportsToScan(all));
    for (const id of scanned) run.scanReport(id);
    run.retryUnmatched(null, scanned);
    return run.summary();
  }

  /** Every report, in id order: what a re-linking job (server/modules/jobs) goes through a batch at a time. */
  reportIds(): number[] {
    return this.repository.reportsToScan(true);
  }

  /** One batch of a re-linking job: these reports scanned again and their quotations linked afresh. */
  linkReports(reportIds: readonly number[]): LinkSummary {
    const run = new Run(this.repository, this.index);
    run.ensureShingles();
    for (const id of reportIds) run.scanReport(id);
    return run.summary();
  }
}

/** One linking run: its caches and its counts. */
class Run {
  private readonly cache = new Map<number, (PreparedSource & { sha256: string }) | null>();
  private readonly reports = new Map<number, string>();
  private readonly touched = new Set<number>();
  private scanned = 0;
  private retried = 0;
  private reanchored = 0;
  private orphaned = 0;
  private readonly sources: LinkSources;

  constructor(
    private readonly repository: QuoteLinkingRepository,
    private readonly index: QuoteIndexRepository,
  ) {
    this.sources = {
      postings: (hash) => index.postings(hash, COMMON_SHINGLE),
      frequency: (hash, cap) => index.frequency(hash, cap),
      conjunctive: (driver, others, limit, around) => index.conjunctive(driver, others, limit, around),
      documentOf: (passageId) => index.documentOf(passageId),
      source: (id) => this.source(id),
    };
  }

  ensureShingles(): void {
    if (this.index.isMissing()) this.index.rebuild();
  }

  scanReport(reportId: number): void {
    const report = this.repository.document(reportId);
    if (!report) return;
    const metadata = JSON.parse(report.metadata) as { htmlQuotes?: unknown };
    const htmlQuotes = Array.isArray(metadata.htmlQuotes) ? metadata.htmlQuotes.filter((q) => typeof q === 'string') : [];
    const found = findQuotations(report.body, { htmlQuotes });
    const existing = this.repository.quotations(reportId);
    const before = new Map(existing.map((q) => [q.id, q.start]));
    this.repository.saveQuotations(reportId, report.sha256, planRescan(existing, found));
    this.reports.set(reportId, report.body);
    this.scanned++;
    this.touched.add(reportId);
    for (const quotation of this.repository.quotations(reportId)) {
      const moved = before.has(quotation.id) && before.get(quotation.id) !== quotation.start;
      if (moved) this.remeasureDecided(quotation);
      this.link(quotation, true);
    }
  }

  /** A kept quotation that moved in its report: the differences of links people decided on point into the report, so they are measured again. */
  private remeasureDecided(quotation: StoredQuotation): void {
    const quote = { ...quotation, body: this.reportBody(quotation.documentId) };
    for (const link of this.repository.links(quotation.id)) {
      // Suggestions are made afresh anyway; an orphaned link has nothing to measure against.
      const source = link.status === 'suggested' || link.orphaned ? null : this.source(link.documentId);
      if (!source) continue;
      const { score, differences } = measure(quote, source.body, link.fragments);
      this.repository.movePlace(link.id, { ...link, score, differences });
    }
  }

  /** Older quotations without a source, tried against `onlyDocuments` (all documents when null). */
  retryUnmatched(onlyDocuments: ReadonlySet<number> | null, skip: ReadonlySet<number>): void {
    if (onlyDocuments !== null && onlyDocuments.size === 0) return;
    for (const quotation of this.repository.unmatchedQuotations()) {
      if (skip.has(quotation.documentId)) continue;
      this.retried++;
      this.touched.add(quotation.documentId);
      this.link(quotation, onlyDocuments === null, onlyDocuments === null ? {} : { onlyDocuments });
    }
  }

  /** Links into documents whose text changed: found again from their stored quote and context, or orphaned. */
  reanchor(documentIds: readonly number[]): Set<number> {
    const affected = new Set<number>();
    for (const link of this.repository.linksFromChangedSources(documentIds)) {
      const source = this.source(link.documentId);
      const quotation = this.repository.quotation(link.quotationId);
      if (!source || !quotation) continue;
      const place = this.placeAgain(link, source, quotation);
      if (place) {
        this.repository.movePlace(link.id, place);
        this.reanchored++;
      } else {
        this.repository.orphan(link.id, source.sha256);
        this.orphaned++;
      }
      if (link.status === 'suggested') affected.add(quotation.id);
      this.touched.add(quotation.documentId);
    }
    return affected;
  }

  /** Quotations whose suggestions pointed into changed documents are linked afresh. */
  relink(quotationIds: ReadonlySet<number>, skipReports: ReadonlySet<number>): void {
    for (const id of quotationIds) {
      const quotation = this.repository.quotation(id);
      if (quotation && !skipReports.has(quotation.documentId)) this.link(quotation, true);
    }
  }

  summary(): LinkSummary {
    const counts = this.repository.counts([...this.touched]);
    return { reports: this.scanned, ...counts, retried: this.retried, reanchored: this.reanchored, orphaned: this.orphaned };
  }

  private placeAgain(link: StoredLink, source: PreparedSource & { sha256: string }, quotation: StoredQuotation): LinkPlace | null {
    const fragments = reanchor(source.body, link.anchor, link.fragments);
    if (fragments === null) return null;
    const { score, differences } = measure({ ...quotation, body: this.reportBody(quotation.documentId) }, source.body, fragments);
    const passageId = passageAt(source, fragments[0]!.start);
    return { passageId, fragments, score, differences, anchor: anchorsOf(source.body, fragments), sourceSha256: source.sha256 };
  }

  private link(quotation: StoredQuotation, replace: boolean, options: LinkOptions = {}): void {
    if (quotation.decision !== null || quotation.tooShort) {
      if (replace) this.repository.saveSuggestions(quotation.id, [], true);
      return;
    }
    const quote = { ...quotation, body: this.reportBody(quotation.documentId) };
    const places = linkQuotation(quote, this.sources, options).map((a) => {
      const source = this.source(a.documentId)!;
      return { ...a, anchor: anchorsOf(source.body, a.fragments), sourceSha256: source.sha256 };
    });
    this.repository.saveSuggestions(quotation.id, places, replace);
  }

  private reportBody(reportId: number): string {
    let body = this.reports.get(reportId);
    if (body === undefined) this.reports.set(reportId, (body = this.repository.document(reportId)?.body ?? ''));
    return body;
  }

  private source(id: number): (PreparedSource & { sha256: string }) | null {
    let source = this.cache.get(id);
    if (source !== undefined) return source;
    const doc = this.repository.document(id);
    source =
      doc && doc.kind !== 'report'
        ? { ...prepareSource({ id, body: doc.body, passages: this.repository.passages(id) }), sha256: doc.sha256 }
        : null;
    if (this.cache.size >= SOURCE_CACHE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, source);
    return source;
  }
}

/** Quotations found again with the same text keep their row (and so their links and decisions); the rest come and go. */
export function planRescan(existing: readonly StoredQuotation[], found: readonly FoundQuotation[]): QuotationPlan {
  const unused = new Map<string, number[]>();
  for (const q of existing) unused.set(q.text, [...(unused.get(q.text) ?? []), q.id]);
  const plan: QuotationPlan = { keep: [], insert: [], remove: [] };
  found.forEach((quotation, index) => {
    const id = unused.get(quotation.text)?.shift();
    if (id === undefined) plan.insert.push({ ordinal: index + 1, quotation });
    else plan.keep.push({ id, ordinal: index + 1, quotation });
  });
  for (const ids of unused.values()) plan.remove.push(...ids);
  return plan;
}
