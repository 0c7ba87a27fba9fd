import { alignInDocument, type PreparedSource, type QuoteText } from './align.ts';
import type { Alignment, SourceDocument, Span } from './quote.types.ts';
import { shingles } from './shingles.ts';

/**
 * Finds the source of one quotation: candidate documents from the shingle index, then
 * alignment in each. Pure: the index and the documents are reached through callbacks.
 */
export interface LinkSources {
  /** Passage ids holding a shingle, or null when the shingle is too common to be worth reading. */
  postings(hash: number): readonly number[] | null;
  documentOf(passageId: number): number;
  /** The document ready for alignment, or null when it may not be a source (a report, a missing one). */
  source(documentId: number): PreparedSource | null;
}

export interface LinkOptions {
  /** Only these documents may be sources: the newly imported ones, when old quotations are retried. */
  onlyDocuments?: ReadonlySet<number>;
}

/** Candidate documents checked per quotation, best first by shared shingles. */
export const MAX_CANDIDATES = 8;
/** More equally good sources than this and the quotation is too generic to point anywhere. */
const MAX_TIES = 10;
const MAX_TIES_SHORT = 3;
const SHORT_WORDS = 6;

interface Candidate {
  documentId: number;
  weight: number;
  passages: Set<number>;
}

export function findCandidates(fragmentTexts: readonly string[], sources: LinkSources, options: LinkOptions = {}): Candidate[] {
  const hashes = new Set(fragmentTexts.flatMap((text) => shingles(text)));
  const byDocument = new Map<number, Candidate & { seen: Set<number> }>();
  for (const hash of hashes) {
    const postings = sources.postings(hash);
    if (postings === null || postings.length === 0) continue;
    // Rarer shingles say more about where a quotation comes from.
    const weight = 1 / Math.log2(2 + postings.length);
    for (const passageId of postings) {
      const documentId = sources.documentOf(passageId);
      if (options.onlyDocuments && !options.onlyDocuments.has(documentId)) continue;
      let candidate = byDocument.get(documentId);
      if (!candidate) byDocument.set(documentId, (candidate = { documentId, weight: 0, passages: new Set(), seen: new Set() }));
      candidate.passages.add(passageId);
      if (!candidate.seen.has(hash)) {
        candidate.seen.add(hash);
        candidate.weight += weight;
      }
    }
  }
  const ranked = [...byDocument.values()].sort((a, b) => b.weight - a.weight || a.documentId - b.documentId);
  const best = ranked[0]?.weight ?? 0;
  return ranked.filter((c) => c.weight >= best / 4).slice(0, MAX_CANDIDATES);
}

/** Where to look in a document: the passages that share shingles with the quotation, and their neighbours. */
export function regionsAround(source: SourceDocument, passageIds: ReadonlySet<number>): Span[] {
  const regions: Span[] = [];
  source.passages.forEach((passage, index) => {
    if (!passageIds.has(passage.id)) return;
    const start = source.passages[Math.max(0, index - 1)]!.start;
    const end = source.passages[Math.min(source.passages.length - 1, index + 1)]!.end;
    const last = regions.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  });
  return regions;
}

/** The quotation's sources, best first: every equally good alignment (cables repeat text), or none. */
export function linkQuotation(quote: QuoteText, sources: LinkSources, options: LinkOptions = {}): Alignment[] {
  const texts = quote.fragments.map((f) => quote.body.slice(f.start, f.end));
  const alignments: Alignment[] = [];
  for (const candidate of findCandidates(texts, sources, options)) {
    const source = sources.source(candidate.documentId);
    if (source === null) continue;
    alignments.push(...alignInDocument(quote, source, regionsAround(source, candidate.passages)));
  }
  return pickBest(alignments, texts.join(' ').split(/\s+/).length);
}

function pickBest(alignments: Alignment[], words: number): Alignment[] {
  if (alignments.length === 0) return [];
  const fewest = Math.min(...alignments.map((a) => a.errors));
  const best = alignments.filter((a) => a.errors === fewest).sort((a, b) => b.score - a.score || a.passageId - b.passageId);
  return best.length > (words < SHORT_WORDS ? MAX_TIES_SHORT : MAX_TIES) ? [] : best;
}
