// Shapes shared by the quote pipeline: finding quotations, aligning them, anchoring links.

/** A [start, end) range of character offsets; text.slice(start, end) is what it covers. */
export interface Span {
  start: number;
  end: number;
}

export type QuotationStyle = 'marks' | 'block' | 'html';

export interface FoundQuotation {
  /** The quoted text without its marks: body.slice(start, end) === text. */
  start: number;
  end: number;
  text: string;
  style: QuotationStyle;
  /** The quoted words in the report, between ellipses and bracketed insertions, in order. */
  fragments: Span[];
  insertions: Array<Span & { text: string }>;
  ellipses: Span[];
  /** A word or two (a scare quote): kept, but never linked by the machine. */
  tooShort: boolean;
}

export type DifferenceKind = 'elided' | 'inserted' | 'changed' | 'case_or_punctuation';

/** One way the quotation differs from its source; spans are offsets into the report and source bodies. */
export interface Difference {
  kind: DifferenceKind;
  report: Span | null;
  source: Span | null;
  reportText: string;
  sourceText: string;
}

/** Where a quotation's fragments sit in one source document, and how well they match. */
export interface Alignment {
  documentId: number;
  /** The passage holding the first fragment. */
  passageId: number;
  /** Offsets into the source body, one per report fragment, in order. */
  fragments: Span[];
  /** Edits between report and source words (case, punctuation and spacing are free). */
  errors: number;
  score: number;
  differences: Difference[];
}

/** Enough to find a fragment again after its document changes (a Hypothesis-style text quote selector). */
export interface FragmentAnchor {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface SourceDocument {
  id: number;
  body: string;
  passages: Array<{ id: number; start: number; end: number }>;
}

/** What a linking run did, for the import summary and `trove link`. */
export interface LinkSummary {
  /** Reports whose quotations were found (again). */
  reports: number;
  /** Quotations of those reports, and of the older reports retried against new documents, by outcome. */
  quotations: number;
  linked: number;
  unmatched: number;
  tooShort: number;
  /** Older unmatched quotations tried against the newly imported documents. */
  retried: number;
  /** Links whose source changed: found again, or not (orphaned). */
  reanchored: number;
  orphaned: number;
}
