// Entity mentions laid over passage text, together with the search-hit highlights. Like text.ts this
// only cuts strings at offsets the server gave: the text of a mention piece is exactly
// body.slice(mention.start, mention.end), and nothing is ever parsed as HTML.

import type { DocumentMention } from './api/mentions.ts';
import type { Passage } from './api/types.ts';
import { segmentPassage, type PlacedHit } from './text.ts';

export interface HitPart {
  text: string;
  /** Document-wide index of the hit this part belongs to; undefined for plain text. */
  hit?: number;
  /** True for the part where its hit begins: only that part carries the hit's id. */
  hitStart?: boolean;
}

export interface MentionPiece {
  /** The mention covering this piece; undefined for text between mentions. */
  mention?: DocumentMention;
  parts: HitPart[];
}

/** Reading order; at one start, confirmed before suggested, then the longer span. */
function byReadingOrder(a: DocumentMention, b: DocumentMention): number {
  const rank = (m: DocumentMention) => (m.status === 'confirmed' ? 0 : 1);
  return a.start - b.start || rank(a) - rank(b) || b.end - a.end || a.id - b.id;
}

/**
 * The mentions that can be drawn, in reading order: overlapping ones are dropped in favour of the
 * earlier (or, at the same start, the confirmed and then the longer), because a highlight can only
 * ever show one span the server pointed at.
 */
export function orderMentions(mentions: readonly DocumentMention[]): DocumentMention[] {
  const kept: DocumentMention[] = [];
  let cursor = -1;
  for (const mention of [...mentions].sort(byReadingOrder)) {
    if (mention.end <= mention.start || mention.start < cursor) continue;
    kept.push(mention);
    cursor = mention.end;
  }
  return kept;
}

/** Groups reading-order mentions by the passage that holds them whole; a mention no passage holds is left out. */
export function mentionsByPassage(passages: readonly Passage[], mentions: readonly DocumentMention[]): Map<number, DocumentMention[]> {
  const sorted = [...passages].sort((a, b) => a.start - b.start);
  const groups = new Map<number, DocumentMention[]>();
  let index = 0;
  for (const mention of mentions) {
    while (index < sorted.length && sorted[index]!.start + sorted[index]!.text.length <= mention.start) index++;
    const passage = sorted[index];
    if (!passage || mention.start < passage.start || mention.end > passage.start + passage.text.length) continue;
    const list = groups.get(passage.id) ?? [];
    list.push(mention);
    groups.set(passage.id, list);
  }
  return groups;
}

/** Cuts [from, to) of the passage text at the hits inside it; a hit crossing the range is clipped to it. */
function hitParts(passage: Passage, from: number, to: number, hits: readonly PlacedHit[]): HitPart[] {
  const base = passage.start + from;
  const limit = passage.start + to;
  const clipped = hits
    .filter((hit) => hit.end > base && hit.start < limit)
    .map((hit) => ({ start: Math.max(hit.start, base), end: Math.min(hit.end, limit), index: hit.index }));
  const starts = new Set(hits.filter((hit) => hit.start >= base && hit.start < limit).map((hit) => hit.index));
  const piece = { ...passage, start: base, text: passage.text.slice(from, to) };
  return segmentPassage(piece, clipped)
    .filter((segment) => segment.text !== '')
    .map((segment) =>
      segment.hit === undefined ? { text: segment.text } : { text: segment.text, hit: segment.hit, hitStart: starts.has(segment.hit) },
    );
}

/**
 * Splits a passage into mention pieces and the text between them, each cut again at the search hits.
 * `mentions` must be this passage's, in reading order without overlaps (see orderMentions).
 */
export function segmentMentions(passage: Passage, hits: readonly PlacedHit[], mentions: readonly DocumentMention[]): MentionPiece[] {
  const text = passage.text;
  const pieces: MentionPiece[] = [];
  let cursor = 0;
  for (const mention of mentions) {
    const start = mention.start - passage.start;
    const end = mention.end - passage.start;
    if (start < cursor || end <= start || end > text.length) continue;
    if (start > cursor) pieces.push({ parts: hitParts(passage, cursor, start, hits) });
    pieces.push({ mention, parts: hitParts(passage, start, end, hits) });
    cursor = end;
  }
  if (cursor < text.length || pieces.length === 0) pieces.push({ parts: hitParts(passage, cursor, text.length, hits) });
  return pieces;
}

// Letters, digits, combining marks, and what joins them inside a word (ZWNJ in Persian, hyphen, apostrophe).
const WORD_CHAR = /[\p{L}\p{N}\p{M}'’_-]|\u200C|\u200D/u;
const JOINERS = "-'’_\u200C\u200D";
// Currency signs are kept: "$2,000" is a sum, not "2,000".
const EDGE_JUNK = /[\s\p{P}]/u;

/**
 * Widens a selection inside `text` to whole words and trims spaces and punctuation from its ends, so a
 * sloppy drag over "al-Amiri," becomes "al-Amiri". Returns null when nothing but punctuation is left.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  while (from < to && EDGE_JUNK.test(text[from]!)) from++;
  while (to > from && EDGE_JUNK.test(text[to - 1]!)) to--;
  if (to <= from) return null;
  while (from > 0 && WORD_CHAR.test(text[from - 1]!) && WORD_CHAR.test(text[from]!)) from--;
  while (to < text.length && WORD_CHAR.test(text[to]!) && WORD_CHAR.test(text[to - 1]!)) to++;
  // A word may not begin or end with a joiner or hyphen (the "-" of "al-" left dangling by the widening).
  while (from < to && JOINERS.includes(text[from]!)) from++;
  while (to > from && JOINERS.includes(text[to - 1]!)) to--;
  return to > from ? { start: from, end: to } : null;
}
