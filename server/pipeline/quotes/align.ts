import search from 'approx-string-match';
import { bracketEdits, editsHold, widenForEdits, withoutEdits, type BracketEdit } from './bracket-edits.ts';
import { changesANumber, substantiveChanges } from './differences.ts';
import { describe, scoreOf } from './measure.ts';
import type { Alignment, SourceDocument, Span } from './quote.types.ts';

export { describe, measure, scoreOf, type DescribeOptions } from './measure.ts';
import { originalRange, skeleton, skeletonIndexAt, type Skeleton } from './skeleton.ts';
import { passageLeads, splitAtPassages } from './source-pieces.ts';
import { isOneSubstitution, LONG_QUOTATION, SUBSTITUTION_CHARS, tighten } from './substitution.ts';

/**
 * Aligns a quotation's fragments, in order, with a source document (Myers' bit-parallel
 * approximate matching over skeletons, see skeleton.ts), then maps the matches back to the
 * original text and classifies the differences. Precision first: an alignment needs nearly all
 * of the quoted words, short fragments must match exactly, and a changed number disqualifies it.
 */
export interface QuoteText {
  /** The report's body; fragments, insertions and ellipses are offsets into it. */
  body: string;
  fragments: Span[];
  insertions: Array<Span & { text: string }>;
  ellipses: Span[];
}

export interface PreparedSource extends SourceDocument {
  skeleton: Skeleton;
  /** Paragraph leads ("3. (S)") at passage starts. */
  leads: Span[];
  /** The skeleton without the leads, made when first needed: a quotation may run from one paragraph into the next across them. */
  bare?: Skeleton;
  /** The words either side of each lead ("schedule the"), made when first needed. */
  leadPairs?: Set<string>;
}

/** How far apart (in skeleton characters) two fragments may lie: what one ellipsis can plausibly drop. */
export const MAX_ELISION = 2000;
/** Without an ellipsis between them (only an insertion, or a line break) the source can have a few words between two fragments at most. */
const MAX_REPLACED = 40;
/**
 * A quotation may change one word (not a typo: another word, or one added or left out) per this
 * many words. Shorter quotations must keep every word: in formulaic text a sentence with one
 * word swapped is a look-alike, not the source.
 */
export const WORDS_PER_CHANGE = 30;
// Only the first few equally good places of the first fragment are followed up.
const MAX_STARTS = 12;

export function prepareSource(doc: SourceDocument): PreparedSource {
  return { ...doc, leads: passageLeads(doc), skeleton: skeleton(doc.body) };
}

/** Errors allowed in a quotation whose skeleton (words and single spaces) has `length` characters: none in a short one. */
export function maxErrors(length: number): number {
  if (length < 16) return 0;
  if (length < 30) return 1;
  return Math.floor(length / 10);
}

/** A fragment of a longer quotation may use more of the quotation's allowance than its own length would give it (one slip in five words). */
function fragmentErrors(length: number, quotationErrors: number): number {
  const own = length < 8 ? 0 : length < 20 ? 1 : length < 30 ? 2 : Math.floor(length / 10);
  return Math.min(own, quotationErrors);
}

interface Pattern {
  /** The fragment's skeleton, padded with a space at both ends. */
  text: string;
  errors: number;
  /** How far after the previous fragment this one may start (skeleton characters). */
  gap: number;
}

interface FragmentMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * One way to read the quotation: the words matched against the source (`match`), and which of
 * the printed fragments each of them belongs to. Round-bracket edits give a second reading.
 */
interface Reading {
  match: QuoteText;
  owner: number[];
  edits: BracketEdit[];
}

function readingsOf(quote: QuoteText): Reading[] {
  const printed = { match: quote, owner: quote.fragments.map((_, i) => i), edits: [] };
  const edits = bracketEdits(quote);
  if (edits.length === 0) return [printed];
  const { fragments, owner } = withoutEdits(quote, edits);
  // Every printed fragment must keep some words of its own to be found in the source.
  if (new Set(owner).size !== quote.fragments.length) return [printed];
  return [printed, { match: { ...quote, fragments }, owner, edits }];
}

interface Shape {
  patterns: Pattern[];
  errors: number;
  length: number;
  words: number;
}

/** With `substitution`, long fragments may also hold one substituted stretch (an acronym spelt out). */
function patternsOf(quote: QuoteText, substitution = false): Shape {
  const texts = quote.fragments.map((f) => skeleton(quote.body.slice(f.start, f.end)).text);
  const length = texts.reduce((n, t) => n + t.length - 2, 0);
  const extra = substitution ? SUBSTITUTION_CHARS : 0;
  const errors = maxErrors(length) + extra;
  const patterns = texts.map((text, i) => {
    const previous = quote.fragments[i - 1];
    const elided = previous !== undefined && quote.ellipses.some((e) => e.start >= previous.end && e.end <= quote.fragments[i]!.start);
    const own = fragmentErrors(text.length - 2, errors) + (substitution && text.length > 60 ? extra : 0);
    return { text, errors: Math.min(own, errors), gap: elided ? MAX_ELISION : MAX_REPLACED };
  });
  return { patterns, errors, length, words: texts.reduce((n, t) => n + t.trim().split(' ').length, 0) };
}

/**
 * Every acceptable alignment of the quotation in the document, at most one per passage, within `regions` (source offsets) or the
 * whole body; with `loose`, a long quotation may also align with one short substituted stretch.
 */
export function alignInDocument(quote: QuoteText, source: PreparedSource, regions: Span[] | null = null, loose = true): Alignment[] {
  const found = new Map<number, Alignment>();
  const readings = readingsOf(quote);
  // Looser passes only when the stricter ones found nothing: across paragraph leads, then one substituted stretch.
  const words = quote.fragments.map((f) => skeleton(quote.body.slice(f.start, f.end)).text.trim().split(' '));
  const passes = [false, ...(loose && words.flat().length >= LONG_QUOTATION ? [true] : [])];
  for (const substitution of passes) {
    for (const bare of crossesLead(words, source) ? [false, true] : [false]) {
      const text = bare ? (source.bare ??= skeleton(source.body, source.leads)) : source.skeleton;
      // One stretch leaves the first or last words as the source has them: the loose matching looks only around those.
      const where = substitution ? anchorRegions(words, text) : regions;
      if (where !== null && where.length === 0) continue;
      for (const reading of readings) alignReading(quote, reading, source, text, where, substitution, found);
      if (found.size > 0) return [...found.values()];
    }
  }
  return [];
}

/** Whether some fragment holds the last word of a source paragraph next to the first word after the next one's lead. */
function crossesLead(words: string[][], source: PreparedSource): boolean {
  if (source.leads.length === 0) return false;
  source.leadPairs ??= new Set(source.leads.map((lead) => wordsAround(source.skeleton, lead)));
  return words.some((list) => list.some((word, i) => i > 0 && source.leadPairs!.has(`${list[i - 1]} ${word}`)));
}

/** The skeleton's words just before and just after a span of the original ("schedule the" around "2. (S) "). */
function wordsAround(s: Skeleton, span: Span): string {
  const before = skeletonIndexAt(s, span.start) - 1;
  const after = skeletonIndexAt(s, span.end);
  const previous = before > 0 ? s.text.slice(s.text.lastIndexOf(' ', before - 1) + 1, before) : '';
  const end = s.text.indexOf(' ', after);
  return `${previous} ${s.text.slice(after, end === -1 ? undefined : end)}`;
}

const ANCHOR_WORDS = 5;

/** At most this many places per anchor: first or last words found more often are too common to lead anywhere. */
const MAX_ANCHORS = 4;

/** Source ranges around each place where the quotation's first or last words stand as they are printed (the rarer of the two). */
function anchorRegions(words: string[][], text: Skeleton): Span[] {
  const length = words.reduce((n, list) => n + list.join(' ').length + 1, 0) + SUBSTITUTION_CHARS;
  let places: number[] | null = null;
  for (const anchor of [words[0]!.slice(0, ANCHOR_WORDS), words.at(-1)!.slice(-ANCHOR_WORDS)]) {
    const needle = ` ${anchor.join(' ')} `;
    const found: number[] = [];
    for (let at = text.text.indexOf(needle); at !== -1 && found.length <= MAX_ANCHORS; at = text.text.indexOf(needle, at + 1))
      found.push(at);
    if (found.length > 0 && found.length <= MAX_ANCHORS && (places === null || found.length < places.length)) places = found;
  }
  const regions: Span[] = [];
  for (const at of places ?? []) {
    const from = Math.max(0, at - length);
    const to = Math.min(text.text.length - 1, at + length);
    const region = { start: text.start[from]!, end: text.end[to]! };
    const last = regions.at(-1);
    if (last && region.start <= last.end) last.end = Math.max(last.end, region.end);
    else regions.push(region);
  }
  return regions;
}

function alignReading(
  quote: QuoteText,
  reading: Reading,
  source: PreparedSource,
  text: Skeleton,
  regions: Span[] | null,
  substitution: boolean,
  found: Map<number, Alignment>,
): void {
  const shape = patternsOf(reading.match, substitution);
  if (shape.patterns.some((p) => p.text.trim() === '')) return;
  for (const region of regions ?? [{ start: 0, end: source.body.length }]) {
    const from = Math.max(0, skeletonIndexAt(text, region.start) - 1);
    const to = Math.min(text.text.length, skeletonIndexAt(text, region.end) + 1);
    for (const chain of chains(text.text, shape.patterns, from, to)) {
      const errors = chain.reduce((n, m) => n + m.errors, 0);
      const alignment = errors > shape.errors ? null : toAlignment(quote, reading, source, text, chain, shape, substitution);
      if (alignment === null) continue;
      const existing = found.get(alignment.passageId);
      if (!existing || alignment.errors < existing.errors) found.set(alignment.passageId, alignment);
    }
  }
}

/** Runs of fragment matches in order, each fragment after the one before and no further from it than its gap. */
function chains(text: string, patterns: Pattern[], from: number, to: number): FragmentMatch[][] {
  const first = matches(text, patterns[0]!, from, to).slice(0, MAX_STARTS);
  const result: FragmentMatch[][] = [];
  for (const start of first) {
    const chain = [start];
    for (let i = 1; i < patterns.length && chain.length === i; i++) {
      const previous = chain[i - 1]!;
      const pattern = patterns[i]!;
      // The previous match took the space after its last word; the next pattern starts with one.
      const next = matches(
        text,
        pattern,
        previous.end - 1,
        Math.min(to, previous.end + pattern.gap + pattern.text.length + pattern.errors),
      )[0];
      if (next) chain.push(next);
    }
    if (chain.length === patterns.length) result.push(chain);
  }
  return result;
}

function matches(text: string, pattern: Pattern, from: number, to: number): FragmentMatch[] {
  if (to - from < pattern.text.length - pattern.errors) return [];
  const found = search(text.slice(from, to), pattern.text, pattern.errors);
  const sorted = found.map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors })).sort((a, b) => a.start - b.start);
  // Overlapping matches of equal cost are one place found several times; keep the first.
  const kept: FragmentMatch[] = [];
  for (const m of sorted) if (!kept.length || m.start >= kept.at(-1)!.end - 1) kept.push(m);
  return kept;
}

function toAlignment(
  quote: QuoteText,
  reading: Reading,
  source: PreparedSource,
  text: Skeleton,
  chain: FragmentMatch[],
  shape: Shape,
  substitution: boolean,
): Alignment | null {
  const merged: Array<Span | undefined> = [];
  for (const [i, m] of chain.entries()) {
    const range = originalRange(text, m.start, m.end);
    if (range === null) return null;
    const j = reading.owner[i]!;
    const snapped = snapToWords(source.body, range);
    const previous = merged[j];
    merged[j] = previous ? { start: previous.start, end: snapped.end } : snapped;
  }
  const fragments: Span[] = [];
  const groups: number[] = [];
  for (const [j, report] of quote.fragments.entries()) {
    const widened = widenForEdits(source.body, merged[j]!, report, reading.edits);
    const range = substitution ? tighten(quote.body.slice(report.start, report.end), report.start, source.body, widened) : widened;
    const pieces = splitAtPassages(source, source.leads, extendPunctuation(quote.body, report, source.body, range));
    fragments.push(...pieces);
    groups.push(pieces.length);
  }
  const differences = describe(quote, source.body, fragments, { groups, declared: reading.edits });
  if (changesANumber(differences) || !editsHold(differences, reading.edits)) return null;
  const allowed = Math.floor(shape.words / WORDS_PER_CHANGE);
  if (substitution ? !isOneSubstitution(differences, allowed, quote.body, source.body) : substantiveChanges(differences) > allowed)
    return null;
  // A match over a paragraph lead ("2. (S)") paid for its characters, which the fragments leave out.
  const leads = source.leads.filter((l) => fragments.some((f, i) => i > 0 && f.start === l.end && fragments[i - 1]!.end <= l.start));
  const errors = Math.max(0, chain.reduce((n, m) => n + m.errors, 0) - (text === source.skeleton ? leadCost(source.body, leads) : 0));
  return {
    documentId: source.id,
    passageId: passageAt(source, fragments[0]!.start),
    fragments,
    errors,
    score: scoreOf(errors, shape.length, differences),
    differences,
  };
}

function leadCost(body: string, leads: readonly Span[]): number {
  return leads.reduce((n, l) => n + skeleton(body.slice(l.start, l.end)).text.length - 1, 0);
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** A typo at the edge of a fragment can leave the match a letter short of the word; quotations quote whole words. */
function snapToWords(body: string, range: Span): Span {
  let { start, end } = range;
  while (start > 0 && WORD_CHAR.test(body[start - 1]!)) start--;
  while (end < body.length && WORD_CHAR.test(body[end]!)) end++;
  return { start, end };
}

const PUNCTUATION_RUN_END = /[^\s\p{L}\p{N}\p{M}]+$/u;
const PUNCTUATION_RUN_START = /^[^\s\p{L}\p{N}\p{M}]+/u;

/** Punctuation the report kept at a fragment's edge ("… on their own.") is matched by the source's punctuation there. */
function extendPunctuation(reportBody: string, report: Span, body: string, range: Span): Span {
  const text = reportBody.slice(report.start, report.end);
  const trailing = PUNCTUATION_RUN_END.exec(text)?.[0].length ?? 0;
  const leading = PUNCTUATION_RUN_START.exec(text)?.[0].length ?? 0;
  let { start, end } = range;
  for (let n = 0; n < trailing && end < body.length && isPunctuation(body[end]!); n++) end++;
  for (let n = 0; n < leading && start > 0 && isPunctuation(body[start - 1]!); n++) start--;
  return { start, end };
}

const isPunctuation = (ch: string) => !/[\s\p{L}\p{N}\p{M}]/u.test(ch);

export function passageAt(source: SourceDocument, offset: number): number {
  const passage = source.passages.find((p) => offset < p.end) ?? source.passages.at(-1);
  return passage?.id ?? 0;
}
