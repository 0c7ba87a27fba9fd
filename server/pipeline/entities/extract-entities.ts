import { aliasKey } from './alias-key.ts';
import type { FoundMention } from './entity.types.ts';
import { findRuleMentions, type RuleContext } from './rules/index.ts';
import { lookupMonth, monthKey } from './rules/month-names.ts';
import { loadTagger } from './tagger/index.ts';

/** Anything that finds mentions in a text: the gazetteer's shape. */
export interface MentionFinder {
  find(text: string): FoundMention[];
}

/** The statistical tagger's shape (people, organisations, places). */
export interface MentionTagger {
  tag(text: string, language?: string | null): FoundMention[];
}

export interface ExtractOptions {
  /** The document's language ('en', 'fa', …); the tagger picks its model by it or by the script. */
  language?: string | null;
  /** Confirmed entities and their aliases; without one, the layer finds nothing. */
  gazetteer?: MentionFinder | null;
  /** The tagger (default: the shipped or retrained one, loadTagger); null leaves the model layer out. */
  tagger?: MentionTagger | null;
  /** The rules (default: dates, sums, addresses, phones, references, code names); null leaves them out. */
  rules?: ((text: string, context?: RuleContext) => FoundMention[]) | null;
  /** The document's own date (ISO `YYYY-MM-DD` or `YYYY-MM`): the rules give year-less dates their year by it. */
  documentDate?: string | null;
}

/**
 * Names what produced a document's suggestions (entity_scan.extractor): documents scanned by another
 * version are scanned again by `trove entities extract`. Raise it when a layer changes what it finds.
 */
export const EXTRACTOR_VERSION = 'trove-entities/2';

// Which layer wins an overlap: what a person confirmed (the gazetteer), then the precise rules, then the model.
const LAYER_RANK: Record<FoundMention['source'], number> = { gazetteer: 0, rule: 1, model: 2 };
// When the model gives one name two types in a document and the votes tie, the first of these wins.
const TYPE_PREFERENCE = ['person', 'organization', 'place'];
// Spellings shorter than this are not spread to the model's missed occurrences: too many are ordinary words.
const MIN_SPREAD_LENGTH = 3;

/**
 * Every mention the layers find in `text`, without overlaps: where two overlap, the gazetteer beats the
 * rules and the rules beat the model; within a layer the longer span wins, then the earlier one. The
 * model's mentions are made consistent across the document first (see consistentModelMentions).
 * Sorted by start; `text.slice(start, end) === mention.text` for every mention.
 */
export function extractEntities(text: string, options: ExtractOptions = {}): FoundMention[] {
  const rules = options.rules === undefined ? findRuleMentions : options.rules;
  const tagger = options.tagger === undefined ? loadTagger() : options.tagger;
  const found = [
    ...(options.gazetteer?.find(text) ?? []),
    ...(rules?.(text, { documentDate: options.documentDate }) ?? []),
    ...consistentModelMentions(
      text,
      (tagger?.tag(text, options.language) ?? []).filter((m) => !isMonthName(m.text)),
    ),
  ];
  return resolveOverlaps(text, found);
}

/**
 * A month is never a person, an organisation or a place, however capitalised ("Bahman", "Khordad",
 * "October"). "May" and the short Persian names that are also words ("آب", water) can be names.
 */
function isMonthName(text: string): boolean {
  const month = lookupMonth(text);
  return month !== undefined && !month.needsYear && text.length > 3 && monthKey(text) !== 'may';
}

/** Keeps the best of overlapping mentions (layer, then length, then position) and drops any whose offsets do not hold. */
export function resolveOverlaps(text: string, found: readonly FoundMention[]): FoundMention[] {
  const ranked = found
    .filter((m) => holds(text, m))
    .sort((a, b) => LAYER_RANK[a.source] - LAYER_RANK[b.source] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Spans();
  const kept: FoundMention[] = [];
  for (const m of ranked) {
    if (taken.overlaps(m.start, m.end)) continue;
    taken.add(m.start, m.end);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * One type per name within a document, and every occurrence of it: the model's mentions of one name (by
 * alias key) take the type most of them have, and occurrences of the same spelling the model missed — as
 * written, or in capitals as cable headers write names — are added with that type.
 */
export function consistentModelMentions(text: string, found: readonly FoundMention[]): FoundMention[] {
  const mentions = found.filter((m) => holds(text, m));
  const typeOf = votedTypes(mentions);
  const retyped = mentions.map((m) => ({ ...m, type: typeOf.get(aliasKey(m.text)) ?? m.type }));
  return [...retyped, ...missedOccurrences(text, retyped)];
}

function votedTypes(mentions: readonly FoundMention[]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const m of mentions) {
    const key = aliasKey(m.text);
    const counts = votes.get(key) ?? new Map<string, number>();
    counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
    votes.set(key, counts);
  }
  const preference = (type: string) => {
    const i = TYPE_PREFERENCE.indexOf(type);
    return i < 0 ? TYPE_PREFERENCE.length : i;
  };
  const winners = new Map<string, string>();
  for (const [key, counts] of votes) {
    const [best] = [...counts].sort((a, b) => b[1] - a[1] || preference(a[0]) - preference(b[0]));
    winners.set(key, best![0]);
  }
  return winners;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}\u200c]/u;

/** Whole-word occurrences of the mentions' spellings that no mention covers; one pass over the words, not one per spelling. */
function missedOccurrences(text: string, mentions: readonly FoundMention[]): FoundMention[] {
  const byFirstWord = new Map<string, Array<{ spelling: string; type: string }>>();
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.text.length < MIN_SPREAD_LENGTH || !/\p{L}/u.test(m.text)) continue;
    for (const spelling of new Set([m.text, m.text.toUpperCase()])) {
      if (seen.has(spelling)) continue;
      seen.add(spelling);
      const first = spelling.match(WORD)?.[0];
      if (!first || !spelling.startsWith(first)) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ spelling, type: m.type });
      byFirstWord.set(first, list);
    }
  }
  if (byFirstWord.size === 0) return [];
  for (const list of byFirstWord.values()) list.sort((a, b) => b.spelling.length - a.spelling.length);
  const taken = new Spans();
  for (const m of mentions) taken.add(m.start, m.end);
  const added: FoundMention[] = [];
  for (const word of text.matchAll(WORD)) {
    const start = word.index;
    for (const { spelling, type } of byFirstWord.get(word[0]) ?? []) {
      const end = start + spelling.length;
      if (!text.startsWith(spelling, start) || WORD_CHAR.test(text[end] ?? '') || taken.overlaps(start, end)) continue;
      taken.add(start, end);
      added.push({ type, start, end, text: spelling, source: 'model' });
      break;
    }
  }
  return added;
}

function holds(text: string, m: FoundMention): boolean {
  return Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start && text.slice(m.start, m.end) === m.text;
}

/** Disjoint [start, end) spans kept in order, for overlap checks in O(log n). */
class Spans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  overlaps(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i < this.starts.length && this.starts[i]! < end;
  }

  /** Only for a span that overlaps none already added. */
  add(start: number, end: number): void {
    const i = this.firstEndingAfter(start);
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
  }

  private firstEndingAfter(position: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Where a mention's text is now in a changed body: the occurrence nearest its old start, or null when it is gone. */
export function reanchorSpan(body: string, text: string, oldStart: number): number | null {
  if (!text) return null;
  const after = body.indexOf(text, Math.max(0, oldStart));
  const before = body.lastIndexOf(text, Math.max(0, oldStart - 1));
  if (after < 0) return before < 0 ? null : before;
  if (before < 0) return after;
  return oldStart - before <= after - oldStart ? before : after;
}
