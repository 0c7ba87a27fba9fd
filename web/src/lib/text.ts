// Turning hostile document text into render-ready segments. Everything here returns plain strings that
// components interpolate as text; nothing is ever parsed as HTML.

import type { Hit, Passage } from './api/types.ts';

export interface SnippetSegment {
  text: string;
  mark: boolean;
}

const START = '\u0002';
const END = '\u0003';

/** Splits a search snippet on the U+0002/U+0003 highlight sentinels. Tolerates unbalanced markers. */
export function splitSnippet(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let mark = false;
  let buffer = '';
  const flush = () => {
    if (buffer) segments.push({ text: buffer, mark });
    buffer = '';
  };
  for (const char of snippet) {
    if (char === START || char === END) {
      flush();
      mark = char === START;
    } else {
      buffer += char;
    }
  }
  flush();
  return segments;
}

/** Strips the sentinels, for places that need the snippet as one plain string (titles, labels). */
export function plainSnippet(snippet: string): string {
  return snippet.replaceAll(START, '').replaceAll(END, '');
}

export interface PassageSegment {
  text: string;
  /** Index of the hit in the document-wide, reading-order hit list; undefined for plain text. */
  hit?: number;
}

/** A hit placed in its passage: offsets still into the body, plus its index in reading order. */
export interface PlacedHit {
  start: number;
  end: number;
  index: number;
}

/**
 * Splits passage text at hit offsets. Hit offsets are into the document body, so each is shifted by
 * passage.start; the text of a hit segment is then exactly body.slice(hit.start, hit.end).
 * Hits outside the passage are ignored and overlapping hits are skipped rather than merged, so a
 * highlight never shows text the server did not point at.
 */
export function segmentPassage(passage: Passage, hits: readonly PlacedHit[]): PassageSegment[] {
  const text = passage.text;
  const segments: PassageSegment[] = [];
  let cursor = 0;
  for (const hit of hits) {
    const start = hit.start - passage.start;
    const end = hit.end - passage.start;
    if (start < cursor || end <= start || end > text.length) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start) });
    segments.push({ text: text.slice(start, end), hit: hit.index });
    cursor = end;
  }
  if (cursor < text.length || segments.length === 0) segments.push({ text: text.slice(cursor) });
  return segments;
}

/** Orders hits by body offset so next/previous follow reading order whatever order the server used. */
export function orderHits(hits: readonly Hit[]): Hit[] {
  return [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Groups reading-order hits by passage id, keeping each hit's global index. */
export function placeHits(hits: readonly Hit[]): Map<number, PlacedHit[]> {
  const byPassage = new Map<number, PlacedHit[]>();
  hits.forEach((hit, index) => {
    const list = byPassage.get(hit.passageId) ?? [];
    list.push({ start: hit.start, end: hit.end, index });
    byPassage.set(hit.passageId, list);
  });
  return byPassage;
}

const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;

/** A lang attribute value, or undefined when the stored language is not a BCP 47 tag. */
export function langAttribute(language: string | null | undefined): string | undefined {
  return language && LANGUAGE_TAG.test(language) ? language : undefined;
}
