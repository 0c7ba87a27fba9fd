import type { SourceDocument, Span } from './quote.types.ts';

/**
 * A quotation that runs from the end of one cable paragraph into the next leaves out the next
 * paragraph's lead ("3. (S)"): the source's words are two pieces, one in each passage. These
 * helpers find the leads, cut a source range at passage boundaries, and tell which pieces of a
 * link's source spans belong to one fragment of the report.
 */
const CLASSIFICATION = String.raw`\((?:[A-Z][A-Z/ ]{0,10}|[\u0600-\u06FF]{1,4})\)`;
const NUMBER = String.raw`(?:¶[ \t]*)?\p{Nd}{1,3}\.?`;
const LEAD = new RegExp(
  `^(?:${NUMBER}[ \\t]*${CLASSIFICATION}|${CLASSIFICATION}(?:[ \\t]*${NUMBER})?|¶[ \\t]*\\p{Nd}{1,3}\\.?)[ \\t]*`,
  'u',
);
const LEAD_GAP = new RegExp(`^\\s*(?:${LEAD.source.slice(1)})?\\s*$`, 'u');

/** The paragraph leads at the start of passages, as offsets into the body. */
export function passageLeads(source: SourceDocument): Span[] {
  const leads: Span[] = [];
  for (const passage of source.passages) {
    const match = LEAD.exec(source.body.slice(passage.start, Math.min(passage.end, passage.start + 40)));
    if (match && match[0].length > 0) leads.push({ start: passage.start, end: passage.start + match[0].length });
  }
  return leads;
}

/** A source range cut where it crosses from one passage into the next, each later piece starting after its passage's lead. */
export function splitAtPassages(source: SourceDocument, leads: readonly Span[], range: Span): Span[] {
  const pieces: Span[] = [];
  for (const passage of source.passages) {
    if (passage.end <= range.start || passage.start >= range.end) continue;
    let start = Math.max(range.start, passage.start);
    if (start > range.start) start = leads.find((l) => l.start === passage.start)?.end ?? start;
    const end = Math.min(range.end, passage.end);
    if (end > start) pieces.push({ start, end });
  }
  return pieces.length > 0 ? pieces : [range];
}

/**
 * How many of `spans` belong to each of `fragments` report fragments: one each, except that
 * extra spans separated from the one before by nothing but a paragraph break and lead continue it.
 */
export function groupSpans(body: string, fragments: number, spans: readonly Span[]): number[] {
  const groups = spans.map(() => 1);
  let extra = spans.length - fragments;
  for (let j = spans.length - 1; j > 0 && extra > 0; j--) {
    if (!isLeadGap(body.slice(spans[j - 1]!.end, spans[j]!.start))) continue;
    groups[j - 1]! += groups[j]!;
    groups[j] = 0;
    extra--;
  }
  return groups.filter((n) => n > 0);
}

/** Whether text between two spans holds nothing but a paragraph break and lead. */
export function isLeadGap(text: string): boolean {
  return LEAD_GAP.test(text);
}
