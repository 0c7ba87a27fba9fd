// Report quotations and their sources, laid out as render-ready pieces. Like text.ts, everything here
// returns plain strings cut from a body by offsets, so what is shown is always body.slice(start, end).

import type { Passage, Quotation, QuoteLink, QuotedIn, Span } from './api/types.ts';

/** A piece of [start, end) of a body, tagged with the span it belongs to (null for plain text). */
export interface Cut<T> {
  start: number;
  end: number;
  text: string;
  value: T | null;
}

/**
 * Cuts body[start, end) at the given spans, clipped to the range. Spans are taken in offset order and
 * one that overlaps a span already placed is skipped rather than merged. An empty span is kept as an
 * empty piece: a position such as the place where the report inserted words.
 */
export function cutRange<T>(body: string, start: number, end: number, spans: ReadonlyArray<Span & { value: T }>): Cut<T>[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const cuts: Cut<T>[] = [];
  let cursor = start;
  const plain = (to: number) => {
    if (to > cursor) cuts.push({ start: cursor, end: to, text: body.slice(cursor, to), value: null });
  };
  for (const span of sorted) {
    const from = Math.max(span.start, start);
    const to = Math.min(span.end, end);
    if (from < cursor || to < from || (to === from && span.start !== span.end)) continue;
    plain(from);
    cuts.push({ start: from, end: to, text: body.slice(from, to), value: span.value });
    cursor = to;
  }
  plain(end);
  return cuts;
}

/** Paragraphs of a body: runs of text between blank lines, as offsets. */
export function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  const breaks = /\n(?:[ \t]*\n)+/g;
  let cursor = 0;
  for (let match = breaks.exec(body); match; match = breaks.exec(body)) {
    if (match.index > cursor) spans.push({ start: cursor, end: match.index });
    cursor = match.index + match[0].length;
  }
  if (cursor < body.length) spans.push({ start: cursor, end: body.length });
  return spans;
}

// ---- The report side ----------------------------------------------------------------------------

export type QuotePartKind = 'insertion' | 'ellipsis' | 'changed';

export interface QuotePart {
  text: string;
  kind: QuotePartKind | null;
  /** For a changed word: what the source says instead. */
  sourceText?: string;
}

export type ReportPiece =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'quote'; start: number; quotation: Quotation; first: boolean; parts: QuotePart[] };

export interface ReportParagraph extends Span {
  pieces: ReportPiece[];
}

/** The link a reader sees first: people's links, then the best suggestion; a rejected one only if nothing else. */
export function defaultLink(quotation: Quotation): QuoteLink | null {
  return quotation.links.find((link) => link.status !== 'rejected') ?? null;
}

function quoteParts(body: string, quotation: Quotation, from: number, to: number): QuotePart[] {
  const changed = (defaultLink(quotation)?.differences ?? []).filter(
    (d) => d.kind === 'changed' && d.report && d.report.end > d.report.start,
  );
  const spans: Array<Span & { value: { kind: QuotePartKind; sourceText?: string } }> = [
    ...quotation.insertions.map((s) => ({ start: s.start, end: s.end, value: { kind: 'insertion' as const } })),
    ...quotation.ellipses.map((s) => ({ start: s.start, end: s.end, value: { kind: 'ellipsis' as const } })),
    ...changed.map((d) => ({ start: d.report!.start, end: d.report!.end, value: { kind: 'changed' as const, sourceText: d.sourceText } })),
  ];
  return cutRange(body, from, to, spans)
    .filter((cut) => cut.text !== '')
    .map((cut) => (cut.value ? { text: cut.text, ...cut.value } : { text: cut.text, kind: null }));
}

/**
 * The report body as paragraphs of plain text and quotations. A quotation that crosses a paragraph
 * break becomes one piece per paragraph; only the first carries its anchor.
 */
export function layoutReport(body: string, quotations: readonly Quotation[]): ReportParagraph[] {
  const spans = quotations.map((q) => ({ start: q.start, end: q.end, value: q }));
  const started = new Set<number>();
  return paragraphs(body).map((paragraph) => ({
    ...paragraph,
    pieces: cutRange(body, paragraph.start, paragraph.end, spans).map((cut): ReportPiece => {
      if (!cut.value) return { kind: 'text', start: cut.start, text: cut.text };
      const first = !started.has(cut.value.id);
      started.add(cut.value.id);
      return { kind: 'quote', start: cut.start, quotation: cut.value, first, parts: quoteParts(body, cut.value, cut.start, cut.end) };
    }),
  }));
}

// ---- The source side ----------------------------------------------------------------------------

export type SourceSegment =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'elided'; start: number; text: string }
  /** Where the report added words that the source does not have; text is the report's words. */
  | { kind: 'inserted'; start: number; text: string }
  /** Part of a fragment of the quotation: its text is exactly the source body at those offsets. */
  | { kind: 'fragment'; start: number; end: number; index: number; parts: SourcePart[] };

/** Inside a fragment: changed words are marked, but nothing is added, so the fragment's text stays exact. */
export type SourcePart = { kind: 'text'; text: string } | { kind: 'changed'; text: string; reportText: string };

type SourceValue = { kind: 'fragment'; index: number } | { kind: 'elided' } | { kind: 'inserted'; text: string };

/** Splits each fragment at insertion points strictly inside it, so that insertions can sit between the pieces. */
function splitFragments(fragments: readonly Span[], points: readonly number[]): Array<Span & { value: SourceValue }> {
  return fragments.flatMap((fragment, index) => {
    const cuts = [...new Set(points.filter((p) => p > fragment.start && p < fragment.end))].sort((a, b) => a - b);
    const edges = [fragment.start, ...cuts, fragment.end];
    return edges.slice(1).map((end, i) => ({ start: edges[i]!, end, value: { kind: 'fragment' as const, index } }));
  });
}

/**
 * Splits one passage of the source at the link's fragments (marked text that is exactly
 * body.slice(fragment.start, fragment.end)), the text the report's ellipses left out, and the places
 * where it inserted words. Changed words are marked inside their fragment.
 */
export function segmentSource(body: string, passage: Passage, link: QuoteLink): SourceSegment[] {
  const inserted = link.differences.filter((d) => d.kind === 'inserted' && d.source);
  const changed = link.differences
    .filter((d) => d.kind === 'changed' && d.source && d.source.end > d.source.start)
    .map((d) => ({ ...d.source!, value: d.reportText }));
  const spans: Array<Span & { value: SourceValue }> = [
    ...splitFragments(
      link.fragments,
      inserted.map((d) => d.source!.start),
    ),
    ...link.differences.filter((d) => d.kind === 'elided' && d.source).map((d) => ({ ...d.source!, value: { kind: 'elided' as const } })),
    ...inserted.map((d) => ({ start: d.source!.start, end: d.source!.start, value: { kind: 'inserted' as const, text: d.reportText } })),
  ];
  return cutRange(body, passage.start, passage.end, spans).map((cut): SourceSegment => {
    const value = cut.value;
    if (!value) return { kind: 'text', start: cut.start, text: cut.text };
    if (value.kind === 'elided') return { kind: 'elided', start: cut.start, text: cut.text };
    if (value.kind === 'inserted') return { kind: 'inserted', start: cut.start, text: value.text };
    const parts = cutRange(body, cut.start, cut.end, changed).map((part): SourcePart =>
      part.value === null ? { kind: 'text', text: part.text } : { kind: 'changed', text: part.text, reportText: part.value },
    );
    return { kind: 'fragment', start: cut.start, end: cut.end, index: value.index, parts };
  });
}

/** The passages holding the link's text, with `around` passages of context on each side. */
export function contextPassages(passages: readonly Passage[], link: QuoteLink, around = 2): Passage[] {
  const touched = passages
    .map((passage, index) => ({ passage, index }))
    .filter(({ passage }) => passage.id === link.passage?.id || link.fragments.some((f) => f.start < passage.end && f.end > passage.start))
    .map(({ index }) => index);
  if (touched.length === 0) return [];
  return passages.slice(Math.max(0, Math.min(...touched) - around), Math.max(...touched) + around + 1);
}

/** Which entries of a document's quoted-in list touch each passage, by passage id. */
export function groupQuotedIn(passages: readonly Passage[], entries: readonly QuotedIn[]): Map<number, QuotedIn[]> {
  const byPassage = new Map<number, QuotedIn[]>();
  for (const passage of passages) {
    const touching = entries.filter(
      (entry) => entry.link.passageId === passage.id || entry.link.fragments.some((f) => f.start < passage.end && f.end > passage.start),
    );
    if (touching.length > 0) byPassage.set(passage.id, touching);
  }
  return byPassage;
}

// ---- Labels -------------------------------------------------------------------------------------

/** "96% match"; rounded down so that only an exact match says 100%. */
export function scoreLabel(score: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, score)) * 100)}% match`;
}

const LINK_STATUS: Record<QuoteLink['status'], string> = {
  suggested: 'Suggested',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  manual: 'Attached by hand',
};

export function linkStatusLabel(status: QuoteLink['status']): string {
  return LINK_STATUS[status] ?? status;
}

/** How the report pane and the source pane name a quotation's state, in words. */
export function quotationStatusLabel(quotation: Pick<Quotation, 'status' | 'decision'>): string {
  if (quotation.status === 'linked') return 'Linked';
  if (quotation.decision === 'not_in_archive') return 'Not in the archive';
  return quotation.status === 'too_short' ? 'Too short to trace' : 'Not found in the archive';
}
