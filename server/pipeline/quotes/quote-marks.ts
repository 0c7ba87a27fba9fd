/**
 * Finds text between quotation marks: “…” „…“ "…" ‘…’ '…' «…» »…« ‹…› and ”…” with nesting. Only
 * outermost quotations are returned; a quotation inside a quotation is part of the quoted text.
 * Apostrophes (don't, pilgrims’ country, company's) share their character with closing single
 * quotes and are told apart by what stands around them.
 */
export interface MarkedSpan {
  /** Offset of the opening mark; the quoted text starts after it. */
  open: number;
  /** Offset of the closing mark. */
  close: number;
}

interface Open {
  mark: string;
  position: number;
  closers: string;
}

// For each opening mark, the marks that can close it (German „…“ closes with “, Swedish ”…” with ”).
const OPENERS: Record<string, string> = {
  '\u201C': '\u201D',
  '\u201E': '\u201C\u201D',
  '\u201D': '\u201D',
  '\u00AB': '\u00BB',
  '\u00BB': '\u00AB',
  '\u2039': '\u203A',
  '\u203A': '\u2039',
  '\u2018': '\u2019',
  '\u201A': '\u2018\u2019',
  '"': '"',
  "'": "'",
};
const SINGLE_CLOSERS = "\u2019'";
const WORD = /[\p{L}\p{N}]/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013/\u201C\u201E\u00AB\u2039"'\u2018-]/u;

const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);

export function findMarkedSpans(text: string, from = 0, to = text.length): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  let stack: Open[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === '\n' && text[i + 1] === '\n') {
      // A quotation never runs on past its paragraph; marks left open there were not quotations.
      stack = [];
      continue;
    }
    if (OPENERS[ch] === undefined && ch !== '\u2019') continue;
    const closed = tryClose(text, i, stack, to);
    if (closed !== null) {
      if (stack.length === 0) spans.push({ open: closed.position, close: i });
      continue;
    }
    if (isOpening(text, i, stack)) stack.push({ mark: ch, position: i, closers: OPENERS[ch]! });
  }
  return spans;
}

/** Pops and returns the quotation that the mark at i closes, or null when it closes none. */
function tryClose(text: string, i: number, stack: Open[], to: number): Open | null {
  const ch = text[i]!;
  const depth = findOpen(stack, ch);
  if (depth === -1) return null;
  const before = text[i - 1];
  const after = text[i + 1];
  if (SINGLE_CLOSERS.includes(ch)) {
    if (isWord(before) && isWord(after)) return null; // don't, l'homme
    if (isSpace(before)) return null;
    if (isWord(after)) return null;
    if (/[sS]/.test(before ?? '') && isSpace(after) && laterSingleCloser(text, i, to)) return null; // the officers' sources
  }
  if ((ch === '"' || ch === '\u201C') && isSpace(before) && !isSpace(after) && stack[depth]!.mark !== '\u201E') return null;
  const open = stack[depth]!;
  stack.length = depth;
  return open;
}

function findOpen(stack: Open[], ch: string): number {
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
  if (isSpace(after)) return false;
  if (ch === "'" || ch === '\u2018' || ch === '\u201A') {
    if (isWord(before)) return false;
    return before === undefined || OPENING_CONTEXT.test(before);
  }
  // Marks that usually close (”, », ›) open only where a word follows and none precedes.
  if (ch === '\u201D' || ch === '\u00BB' || ch === '\u203A') return !isWord(before) && isSpace(before) && stack.length === 0;
  if (ch === '"') return !isWord(before);
  return true;
}

/** Whether another single closing mark follows before the paragraph ends, so this one is likely an apostrophe. */
function laterSingleCloser(text: string, i: number, to: number): boolean {
  for (let j = i + 1; j < to; j++) {
    const ch = text[j]!;
    if (ch === '\n' && text[j + 1] === '\n') return false;
    if (ch === '\u201D' || ch === '"') return false;
    if (SINGLE_CLOSERS.includes(ch) && !isWord(text[j + 1]) && !isSpace(text[j - 1])) return true;
  }
  return false;
}
