import { alignInDocument, type PreparedSource, type QuoteText } from './align.ts';
import { bracketEdits, lookupTexts } from './bracket-edits.ts';
import { quoteIndexRow } from './index-rows.ts';
import { substantiveChanges } from './differences.ts';
import { LONG_QUOTATION } from './substitution.ts';
import type { Alignment, SourceDocument, Span } from './quote.types.ts';
import { shingles } from './shingles.ts';

/**
 * Finds the source of one quotation: candidate documents from the shingle index, then
 * alignment in each. Pure: the index and the documents are reached through callbacks.
 */
export interface LinkSources {
  /** The index's rows (passages, numbered as index-rows.ts says) holding a shingle, or null when the shingle is too common to be worth reading. */
  postings(hash: number): readonly number[] | null;
  /** How many rows hold the shingle, counted up to `cap`. */
  frequency?(hash: number, cap: number): number;
  /** Rows holding `driver`, each with how many of `others` it (or, with `around`, a row that near it) holds too, most first. */
  conjunctive?(driver: number, others: readonly number[], limit: number, around?: number): Array<{ row: number; hits: number }>;
  documentOf(row: number): number;
  /** The document ready for alignment, or null when it may not be a source (a report, a missing one). */
  source(documentId: number): PreparedSource | null;
}

export interface LinkOptions {
  /** Only these documents may be sources: the newly imported ones, when old quotations are retried. */
  onlyDocuments?: ReadonlySet<number>;
}

/** Candidate documents checked per quotation, best first by shared shingles. */
export const MAX_CANDIDATES = 8;
/** A long quotation shares nearly all its shingles with its source even with a stretch substituted: only the best few candidates are read loosely. */
const LOOSE_CANDIDATES = 2;
/** More equally good sources than this and the quotation is too generic to point anywhere. */
const MAX_TIES = 10;
const MAX_TIES_SHORT = 3;
const SHORT_WORDS = 6;
/** Documents shorter than this are aligned whole; longer ones only around the passages that share shingles. */
const WHOLE_DOCUMENT = 20_000;
/** The rarest shingle of a quotation made only of common ones is read if no more passages than this hold it. */
export const DRIVER_CAP = 4096;
// How many index lookups the check of the driver's passages may take, how many shingles it
// checks at most and at least, and how many of them a passage must hold.
const LOOKUP_BUDGET = 8192;
const MAX_CHECKED = 16;
const MIN_CHECKED = 4;
const MIN_SHARE = 0.5;
const SENTENCE_END = /[.!?…]["'”’)\]]*\s+\S/u;

interface Candidate {
  documentId: number;
  weight: number;
  /** The index's rows that share shingles with the quotation. */
  rows: Set<number>;
}

export interface Lookup {
  candidates: Candidate[];
  /** How many passages hold each shingle that some, but not too many, passages hold. */
  rare: Map<number, number>;
  /** Shingles too common to read. */
  common: number[];
}

export function findCandidates(fragmentTexts: readonly string[], sources: LinkSources, options: LinkOptions = {}): Lookup {
  const hashes = new Set(fragmentTexts.flatMap((text) => shingles(text)));
  const byDocument = new Map<number, Candidate & { seen: Set<number> }>();
  const common: number[] = [];
  const rare = new Map<number, number>();
  for (const hash of hashes) {
    const postings = sources.postings(hash);
    if (postings === null) common.push(hash);
    if (postings === null || postings.length === 0) continue;
    rare.set(hash, postings.length);
    // Rarer shingles say more about where a quotation comes from.
    const weight = 1 / Math.log2(2 + postings.length);
    for (const row of postings) {
      const documentId = sources.documentOf(row);
      if (options.onlyDocuments && !options.onlyDocuments.has(documentId)) continue;
      let candidate = byDocument.get(documentId);
      if (!candidate) byDocument.set(documentId, (candidate = { documentId, weight: 0, rows: new Set(), seen: new Set() }));
      candidate.rows.add(row);
      if (!candidate.seen.has(hash)) {
        candidate.seen.add(hash);
        candidate.weight += weight;
      }
    }
  }
  const ranked = [...byDocument.values()].sort((a, b) => b.weight - a.weight || a.documentId - b.documentId);
  const best = ranked[0]?.weight ?? 0;
  // The source holds every shingle of an exact quotation, so documents with half the weight of the best one are look-alikes.
  return { candidates: ranked.filter((c) => c.weight >= best / 2).slice(0, MAX_CANDIDATES), rare, common };
}

/** Where to look in a document: the passages (of the index's `rows`) that share shingles with the quotation, and their neighbours. */
export function regionsAround(source: SourceDocument, rows: ReadonlySet<number>): Span[] {
  const regions: Span[] = [];
  source.passages.forEach((_, index) => {
    if (!rows.has(quoteIndexRow(source.id, index, source.passages.length))) return;
    const start = source.passages[Math.max(0, index - 1)]!.start;
    const end = source.passages[Math.min(source.passages.length - 1, index + 1)]!.end;
    const last = regions.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  });
  return regions;
}

/**
 * Candidates when the shingles' postings did not lead to the source, as in formulaic text where
 * every word pair is common and only their combination is not: the passages holding the rarest
 * shingle, kept when they also hold most of the next rarest ones.
 */
export function conjunctiveCandidates(lookup: Lookup, sources: LinkSources, options: LinkOptions = {}, around = 0): Candidate[] {
  if (!sources.frequency || !sources.conjunctive) return [];
  const known = [...lookup.rare].map(([hash, count]) => ({ hash, count }));
  // Common shingles are counted only when nothing rarer is known: counting reads their postings.
  const common = lookup.common.map((hash) => ({ hash, count: known.length ? DRIVER_CAP + 1 : sources.frequency!(hash, DRIVER_CAP + 1) }));
  const counted = [...known, ...common].sort((a, b) => a.count - b.count);
  const driver = counted[0];
  if (!driver || driver.count > DRIVER_CAP) return [];
  const checked = Math.max(MIN_CHECKED, Math.min(MAX_CHECKED, Math.floor(LOOKUP_BUDGET / driver.count)));
  const others = counted.slice(1, 1 + checked).map((s) => s.hash);
  const needed = Math.ceil(others.length * MIN_SHARE);
  const byDocument = new Map<number, Candidate>();
  for (const { row, hits } of sources.conjunctive(driver.hash, others, MAX_CANDIDATES * 4, around)) {
    if (hits < needed) break;
    const documentId = sources.documentOf(row);
    if (options.onlyDocuments && !options.onlyDocuments.has(documentId)) continue;
    const candidate = byDocument.get(documentId) ?? { documentId, weight: hits, rows: new Set<number>() };
    candidate.rows.add(row);
    byDocument.set(documentId, candidate);
  }
  return [...byDocument.values()].slice(0, MAX_CANDIDATES);
}

/** The quotation's sources, best first: every equally good alignment (cables repeat text), or none. */
export function linkQuotation(quote: QuoteText, sources: LinkSources, options: LinkOptions = {}): Alignment[] {
  const texts = quote.fragments.map((f) => quote.body.slice(f.start, f.end));
  const tried = new Set<number>();
  const edits = bracketEdits(quote);
  // Round-bracket edits ("confirm(ing)") would spoil the shingles around them; the edited words are looked up as well.
  const lookup = findCandidates(edits.length ? [...texts, ...lookupTexts(quote, edits)] : texts, sources, options);
  let alignments = alignAll(quote, lookup.candidates, sources, tried, true);
  // A long quotation has shingles enough to find its source: one with a stretch substituted is that source.
  const long = alignments.length > 0 && texts.join(' ').split(/\s+/).length >= LONG_QUOTATION;
  // Nothing found, or only a source with a word changed: the source may hide among common
  // shingles. Not when retrying against a few new documents: the rarest shingle's passages
  // are mostly elsewhere, and `trove link` tries everything.
  if (!options.onlyDocuments && !long && alignments.every((a) => substantiveChanges(a.differences) > 0)) {
    alignments = [...alignments, ...alignAll(quote, conjunctiveCandidates(lookup, sources, options), sources, tried)];
    // A quotation that runs from one paragraph into the next (so past the end of a sentence) has its shingles in two passages.
    if (alignments.length === 0 && texts.some((t) => SENTENCE_END.test(t))) {
      alignments = alignAll(quote, conjunctiveCandidates(lookup, sources, options, 1), sources, tried);
    }
  }
  return pickBest(alignments, texts.join(' ').split(/\s+/).length);
}

/** With `loose`, the first few candidates may also hold the quotation with one substituted stretch (see substitution.ts). */
function alignAll(quote: QuoteText, candidates: Candidate[], sources: LinkSources, tried: Set<number>, loose = false): Alignment[] {
  const alignments: Alignment[] = [];
  for (const [rank, candidate] of candidates.entries()) {
    if (tried.has(candidate.documentId)) continue;
    tried.add(candidate.documentId);
    const source = sources.source(candidate.documentId);
    if (source === null) continue;
    const regions = source.body.length <= WHOLE_DOCUMENT ? null : regionsAround(source, candidate.rows);
    alignments.push(...alignInDocument(quote, source, regions, loose && rank < LOOSE_CANDIDATES));
  }
  return alignments;
}

function pickBest(alignments: Alignment[], words: number): Alignment[] {
  if (alignments.length === 0) return [];
  const fewest = Math.min(...alignments.map((a) => a.errors));
  const best = alignments.filter((a) => a.errors === fewest).sort((a, b) => b.score - a.score || a.passageId - b.passageId);
  return best.length > (words < SHORT_WORDS ? MAX_TIES_SHORT : MAX_TIES) ? [] : best;
}
