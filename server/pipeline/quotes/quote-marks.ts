/**
 * Finds text between quotation marks: “…” „…“ "…" ‘…’ '…' «…» »…« ‹…› and ”…” with nesting, and
 * the mixed pairs of copy edited in several tools ("…”, “…", ‘…' and so on): any double mark closes
 * a quotation opened by any double mark, any single mark one opened by a single mark, wherever the
 * position makes sense (after a word or punctuation, before a space or punctuation). Only
 * outermost quotations are returned; a quotation inside a quotation is part of the quoted text.
 * Apostrophes (don't, pilgrims’ country, company's) share their character with closing single
 * quotes and are told apart by what stands around them.
 *
 * A quotation runs over several paragraphs when each of them opens with the mark again and only
 * the last one closes it; a quotation left open at the end of its paragraph is closed there when
 * it is the only mark left open (the one reading that leaves the paragraph balanced).
 */
export interface MarkedSpan {
  /** Offset of the opening mark; the quoted text starts after it. */
  open: number;
  /** Offset of the closing mark (for a quotation left open, the end of its paragraph's text). */
  close: number;
}

type Family = 'double' | 'single' | 'guillemet';

interface Open {
  mark: string;
  position: number;
  family: Family;
  closers: string;
}

const DOUBLE_OPENERS = '\u201C\u201E\u201F"\u201D';
const DOUBLE_CLOSERS = '\u201D\u201C"\u201F';
const SINGLE_OPENERS = "\u2018\u201A\u201B'";
const SINGLE_CLOSERS = "\u2019'";
const GUILLEMETS: Record<string, string> = { '\u00AB': '\u00BB', '\u00BB': '\u00AB', '\u2039': '\u203A', '\u203A': '\u2039' };
const NATIVE: Record<string, string> = {
  '\u201C': '\u201D',
  '\u201E': '\u201C\u201D',
  '\u201D': '\u201D',
  '"': '"',
  '\u2018': '\u2019',
  '\u201A': '\u2018\u2019',
  "'": "'",
  ...GUILLEMETS,
};
const MARKS = new Set([...DOUBLE_OPENERS, ...DOUBLE_CLOSERS, ...SINGLE_OPENERS, ...SINGLE_CLOSERS, ...Object.keys(GUILLEMETS)]);
const WORD = /[\p{L}\p{N}]/u;
// '90s: an apostrophe standing for the century.
const DECADE = /^\d0s\b/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013/\u201C\u201E\u00AB\u2039"'\u2018-]/u;
/** A blank line, however much horizontal space (non-breaking spaces too) it holds. */
const PARAGRAPH_BREAK = /\r?\n[^\S\n]*\n/gu;

const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);
const isLineSpace = (ch: string | undefined) => ch !== undefined && ch !== '\n' && ch !== '\r' && /\s/u.test(ch);
/** After a closing mark: the end, a space, or punctuation (not a word, not another opening). */
const closesHere = (ch: string | undefined) =>
  isSpace(ch) || (!isWord(ch) && !DOUBLE_OPENERS.includes(ch!) && !SINGLE_OPENERS.includes(ch!));

function familyOf(mark: string): Family {
  if (DOUBLE_OPENERS.includes(mark) || DOUBLE_CLOSERS.includes(mark)) return 'double';
  if (SINGLE_OPENERS.includes(mark) || SINGLE_CLOSERS.includes(mark)) return 'single';
  return 'guillemet';
}

function closersOf(mark: string): string {
  const family = familyOf(mark);
  return family === 'double' ? DOUBLE_CLOSERS : family === 'single' ? SINGLE_CLOSERS : GUILLEMETS[mark]!;
}

export function findMarkedSpans(text: string, from = 0, to = text.length): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  let carried: Open | null = null;
  for (const paragraph of paragraphsOf(text, from, to)) {
    const result = scanParagraph(text, paragraph.start, paragraph.end, carried);
    spans.push(...result.spans);
    carried = null;
    const left = result.open.filter((o) => o.family !== 'single');
    // Open single marks at a paragraph's end are apostrophes ('90s) far more often than quotations.
    if (left.length !== 1 || left[0] !== result.open[0]) continue;
    const next = paragraph.next;
    if (next !== null && continues(text, next, left[0]!)) carried = left[0]!;
    else {
      const close = trimEnd(text, paragraph.start, paragraph.end);
      const from = left[0]!.position >= paragraph.start ? left[0]!.position + 1 : afterRepeatedMark(text, paragraph.start);
      const balanced = !result.strays.some((at) => at >= from && familyOf(text[at]!) === left[0]!.family);
      if (close > left[0]!.position + 1 && balanced) spans.push({ open: left[0]!.position, close });
    }
  }
  return spans;
}

/** Where a paragraph that repeats the opening mark of a quotation running on from the paragraph before starts its text. */
function afterRepeatedMark(text: string, start: number): number {
  while (start < text.length && /\s/u.test(text[start]!)) start++;
  return start + 1;
}

interface Paragraph {
  start: number;
  end: number;
  /** Where the next paragraph's text starts, or null for the last one. */
  next: number | null;
}

function paragraphsOf(text: string, from: number, to: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const re = new RegExp(PARAGRAPH_BREAK.source, 'gu');
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    let next = m.index + m[0].length;
    while (next < to && /\s/u.test(text[next]!)) next++;
    paragraphs.push({ start, end: m.index, next: next < to ? next : null });
    start = m.index + m[0].length;
  }
  paragraphs.push({ start, end: to, next: null });
  return paragraphs;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end;
}

/** A quotation runs on into the next paragraph when that paragraph opens with a mark of the same kind. */
function continues(text: string, next: number, open: Open): boolean {
  const ch = text[next]!;
  // At a paragraph's start even a mark that usually closes (”) opens.
  const family = ch === '\u201D' ? 'double' : familyOf(ch);
  if (!MARKS.has(ch) || family !== open.family || SINGLE_CLOSERS.includes(ch)) return false;
  return !isSpace(text[next + 1]) || (isLineSpace(text[next + 1]) && !isSpace(text[next + 2]));
}

/**
 * Quotations closed within one paragraph, the marks still open at its end (outermost first), and
 * the marks that neither opened nor closed one. A quotation left open is closed at the paragraph's
 * end only when no stray mark of its kind follows it: nested pairs inside it are balanced, and a
 * stray could have been its end instead (“he had "already signed).
 */
function scanParagraph(
  text: string,
  from: number,
  to: number,
  carried: Open | null,
): { spans: MarkedSpan[]; open: Open[]; strays: number[] } {
  const spans: MarkedSpan[] = [];
  const strays: number[] = [];
  const stack: Open[] = carried ? [carried] : [];
  // The repeated opening mark of a quotation carried over from the paragraph before is not a new quotation.
  const start = carried ? afterRepeatedMark(text, from) : from;
  for (let i = start; i < to; i++) {
    const ch = text[i]!;
    if (!MARKS.has(ch)) continue;
    const closed = tryClose(text, i, stack, to);
    if (closed !== null) {
      if (stack.length === 0) spans.push({ open: closed.position, close: i });
      continue;
    }
    if (isOpening(text, i, stack)) stack.push({ mark: ch, position: i, family: familyOf(ch), closers: closersOf(ch) });
    else strays.push(i);
  }
  return { spans, open: stack, strays };
}

/** Pops and returns the quotation that the mark at i closes, or null when it closes none. */
function tryClose(text: string, i: number, stack: Open[], to: number): Open | null {
  const ch = text[i]!;
  const before = text[i - 1];
  const after = text[i + 1];
  let depth = findOpen(stack, ch);
  if (depth === -1 && DOUBLE_CLOSERS.includes(ch) && stack[0]?.family === 'single' && strictlyClosing(before, after)) {
    // ‘…": a single mark closed by a double one, the last mark standing.
    if (stack.every((o) => o.family === 'single')) depth = 0;
  }
  if (depth === -1) return null;
  if (SINGLE_CLOSERS.includes(ch)) {
    if (isWord(before) && isWord(after)) return null; // don't, l'homme
    if (isSpace(before)) return null;
    if (isWord(after)) return null;
    if (/[sS]/.test(before ?? '') && isSpace(after) && laterSingleCloser(text, i, to)) return null; // the officers' sources
  }
  const open = stack[depth]!;
  // A mark of another style closes only where a closing mark would stand (alert("source") inside “…” opens a quotation).
  if (!NATIVE[open.mark]?.includes(ch) && !closesHere(after)) return null;
  if (!NATIVE[open.mark]?.includes(ch) && nativeCloserAhead(text, i, to, open)) return null;
  if (
    (ch === '"' || ch === '\u201C' || ch === '\u201F') &&
    isSpace(before) &&
    !isSpace(after) &&
    (open.mark !== '\u201E' || ch !== '\u201C')
  )
    return null;
  // A mark that usually opens (“) closes only where a closing mark would stand: after text, before a space or punctuation.
  if ((ch === '\u201C' || ch === '\u201F') && open.mark !== '\u201E' && !strictlyClosing(before, after)) return null;
  stack.length = depth;
  return open;
}

const strictlyClosing = (before: string | undefined, after: string | undefined) => !isSpace(before) && closesHere(after);

/** The quotation a closing mark closes: the innermost one it pairs with by style („…“, "…"), else the innermost it may close at all ("…”). */
function findOpen(stack: Open[], ch: string): number {
  for (let d = stack.length - 1; d >= 0; d--) if (NATIVE[stack[d]!.mark]?.includes(ch)) return d;
  for (let d = stack.length - 1; d >= 0; d--) if (stack[d]!.closers.includes(ch)) return d;
  return -1;
}

function isOpening(text: string, i: number, stack: Open[]): boolean {
  const ch = text[i]!;
  const before = text[i - 1];
  const after = text[i + 1];
  if (ch === '\u2019') return false;
  // French puts a (no-break) space inside guillemets: « comme ceci ».
  if (ch === '\u00AB' || ch === '\u2039') return after !== undefined && after !== '\n';
  // Curly opening marks are unambiguous, so copy with a (no-break) space after them still opens a quotation.
  const followed = !isSpace(after) || ('\u201C\u201E\u2018'.includes(ch) && isLineSpace(after) && !isSpace(text[i + 2]));
  if (!followed) return false;
  if (ch === "'" || ch === '\u2018' || ch === '\u201A' || ch === '\u201B') {
    if (isWord(before) || DECADE.test(text.slice(i + 1, i + 5))) return false;
    return before === undefined || OPENING_CONTEXT.test(before);
  }
  // Marks that usually close (”, », ›) open only where a word follows and none precedes.
  if (ch === '\u201D' || ch === '\u00BB' || ch === '\u203A') return !isWord(before) && isSpace(before) && stack.length === 0;
  if (ch === '"') return !isWord(before);
  return true;
}

/**
 * Whether the quotation's own closing mark („…“, “…”) still follows, before any mark that would
 * open another quotation: then a mark of another style here (“Falcon" would …”) is not its end.
 */
function nativeCloserAhead(text: string, i: number, to: number, open: Open): boolean {
  for (let j = i + 1; j < to; j++) {
    const ch = text[j]!;
    if (!MARKS.has(ch)) continue;
    if (NATIVE[open.mark]!.includes(ch) && !isSpace(text[j - 1]) && closesHere(text[j + 1])) return true;
    if (!isWord(text[j - 1]) && !isSpace(text[j + 1]) && familyOf(ch) === open.family) return false;
  }
  return false;
}

/** Whether another single closing mark follows before the paragraph ends, so this one is likely an apostrophe. */
function laterSingleCloser(text: string, i: number, to: number): boolean {
  for (let j = i + 1; j < to; j++) {
    const ch = text[j]!;
    if (ch === '\u201D' || ch === '"') return false;
    if (SINGLE_CLOSERS.includes(ch) && !isWord(text[j + 1]) && !isSpace(text[j - 1])) return true;
  }
  return false;
}
