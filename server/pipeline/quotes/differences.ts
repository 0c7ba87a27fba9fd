import { fold } from '../normalise.ts';
import type { Difference, Span } from './quote.types.ts';

/**
 * Word-by-word comparison of a quoted fragment with the source text it was aligned to. Words
 * that differ only in case or diacritics, and any change of punctuation or quotation marks, are
 * `case_or_punctuation`; other changed, added or missing words are `changed`.
 */
interface Token {
  text: string;
  start: number;
  end: number;
  key: string;
  word: boolean;
  /** A round-bracket edit the report made ("(T)he", "(reportedly)"): one token, shown as the report's own insertion. */
  declared?: boolean;
}

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+|[^\s\p{L}\p{N}\p{M}\p{Co}]/gu;
const QUOTE_MARKS = /^["'“”„‟‘’‚‛«»‹›′″]$/u;
// Above this many cells the comparison falls back to "equal or not": a block quote of thousands of words.
const MAX_CELLS = 1_000_000;

function tokenize(text: string, offset: number, declared: readonly Span[] = []): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const edit of declared) {
    if (edit.end <= offset + at || edit.start >= offset + text.length) continue;
    const from = Math.max(at, edit.start - offset);
    tokens.push(...plainTokens(text.slice(at, from), offset + at));
    const to = Math.min(text.length, edit.end - offset);
    const editText = text.slice(from, to);
    tokens.push({
      text: editText,
      start: offset + from,
      end: offset + to,
      key: fold(editText.replace(/[()]/g, '')),
      word: true,
      declared: true,
    });
    at = to;
  }
  tokens.push(...plainTokens(text.slice(at), offset + at));
  return tokens;
}

function plainTokens(text: string, offset: number): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => {
    const word = /[\p{L}\p{N}]/u.test(m[0]);
    const key = word ? fold(m[0]) : QUOTE_MARKS.test(m[0]) ? '"' : m[0];
    return { text: m[0], start: offset + m.index, end: offset + m.index + m[0].length, key, word };
  });
}

type Op = 'equal' | 'case_or_punctuation' | 'changed' | 'inserted';

function substitution(a: Token, b: Token): { cost: number; op: Op } {
  if (a.key === b.key) return a.text === b.text ? { cost: 0, op: 'equal' } : { cost: 0.01, op: 'case_or_punctuation' };
  if (a.declared) return { cost: b.word ? 0.5 : 1, op: 'inserted' };
  if (!a.word && !b.word) return { cost: 0.3, op: 'case_or_punctuation' };
  if (a.word && b.word) return { cost: 1, op: 'changed' };
  return { cost: 2, op: 'changed' };
}

const gap = (t: Token) => (t.declared ? 0.5 : t.word ? 1 : 0.3);
const gapOp = (t: Token): Op => (t.declared ? 'inserted' : t.word ? 'changed' : 'case_or_punctuation');

interface Step {
  op: Op;
  report?: Token;
  source?: Token;
}

/** Edit script between two token lists (Levenshtein with the costs above). */
function editScript(a: Token[], b: Token[]): Step[] {
  const w = b.length + 1;
  const cost = new Float64Array((a.length + 1) * w);
  for (let i = 1; i <= a.length; i++) cost[i * w] = cost[(i - 1) * w]! + gap(a[i - 1]!);
  for (let j = 1; j <= b.length; j++) cost[j] = cost[j - 1]! + gap(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = cost[(i - 1) * w + j - 1]! + substitution(a[i - 1]!, b[j - 1]!).cost;
      cost[i * w + j] = Math.min(sub, cost[(i - 1) * w + j]! + gap(a[i - 1]!), cost[i * w + j - 1]! + gap(b[j - 1]!));
    }
  }
  const steps: Step[] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    const here = cost[i * w + j]!;
    if (i > 0 && j > 0) {
      const s = substitution(a[i - 1]!, b[j - 1]!);
      if (Math.abs(cost[(i - 1) * w + j - 1]! + s.cost - here) < 1e-9) {
        steps.push({ op: s.op, report: a[--i], source: b[--j] });
        continue;
      }
    }
    if (i > 0 && Math.abs(cost[(i - 1) * w + j]! + gap(a[i - 1]!) - here) < 1e-9) {
      const t = a[--i]!;
      steps.push({ op: gapOp(t), report: t });
    } else {
      const t = b[--j]!;
      steps.push({ op: t.word ? 'changed' : 'case_or_punctuation', source: t });
    }
  }
  return steps.reverse();
}

/** Differences between report text (at reportOffset in the report body) and source text (at sourceOffset). */
export function compareTexts(
  report: string,
  reportOffset: number,
  source: string,
  sourceOffset: number,
  declared: readonly Span[] = [],
): Difference[] {
  return compare(tokenize(report, reportOffset, declared), tokenize(source, sourceOffset), report, reportOffset, source, sourceOffset);
}

/** Differences between report text and the source words of several pieces of the source body (a fragment cut by a paragraph lead). */
export function comparePieces(
  report: string,
  reportOffset: number,
  sourceBody: string,
  pieces: readonly Span[],
  declared: readonly Span[] = [],
): Difference[] {
  if (pieces.length === 1) {
    const [p] = pieces as [Span];
    return compareTexts(report, reportOffset, sourceBody.slice(p.start, p.end), p.start, declared);
  }
  const b = pieces.flatMap((p) => tokenize(sourceBody.slice(p.start, p.end), p.start));
  return compare(tokenize(report, reportOffset, declared), b, report, reportOffset, sourceBody, 0);
}

function compare(a: Token[], b: Token[], report: string, reportOffset: number, source: string, sourceOffset: number): Difference[] {
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    const same = a.length === b.length && a.every((t, i) => t.text === b[i]!.text);
    if (same) return [];
    const s = span(b, sourceOffset);
    return [
      {
        kind: 'changed',
        report: span(a, reportOffset),
        source: s,
        reportText: report,
        sourceText: source.slice(s.start - sourceOffset, s.end - sourceOffset),
      },
    ];
  }
  return group(editScript(a, b), report, reportOffset, source, sourceOffset);
}

function span(tokens: Token[], at: number) {
  return tokens.length ? { start: tokens[0]!.start, end: tokens.at(-1)!.end } : { start: at, end: at };
}

/** Consecutive steps of one kind become one difference; a missing side is an empty span where it would be. */
function group(steps: Step[], report: string, reportOffset: number, source: string, sourceOffset: number): Difference[] {
  const differences: Difference[] = [];
  let reportAt = reportOffset;
  let sourceAt = sourceOffset;
  let current: { kind: Op; r: Token[]; s: Token[]; rAt: number; sAt: number } | null = null;
  const close = () => {
    if (current === null || current.kind === 'equal') return;
    const r = span(current.r, current.rAt);
    const s = span(current.s, current.sAt);
    differences.push({
      kind: current.kind,
      report: r,
      source: s,
      reportText: report.slice(r.start - reportOffset, r.end - reportOffset),
      sourceText: source.slice(s.start - sourceOffset, s.end - sourceOffset),
    });
  };
  for (const step of steps) {
    if (current === null || current.kind !== step.op) {
      close();
      current = { kind: step.op, r: [], s: [], rAt: reportAt, sAt: sourceAt };
    }
    if (step.report) {
      current.r.push(step.report);
      reportAt = step.report.end;
    }
    if (step.source) {
      current.s.push(step.source);
      sourceAt = step.source.end;
    }
  }
  close();
  return differences;
}

/**
 * Changes that are more than a slip of the keyboard: a word replaced by another word, or words
 * added or left out. A typo keeps most of its word (at most one edit in five letters, with a
 * swap of two letters counting as one edit).
 */
export function substantiveChanges(differences: readonly Difference[]): number {
  let count = 0;
  for (const d of differences) {
    if (d.kind !== 'changed') continue;
    const report = d.reportText.trim().split(/\s+/).filter(Boolean);
    const source = d.sourceText.trim().split(/\s+/).filter(Boolean);
    if (report.length !== source.length) {
      count += Math.max(report.length, source.length);
      continue;
    }
    // Neighbouring typos ("delivred traevl") come as one difference: word by word.
    count += report.filter((word, i) => !isTypo(fold(word), fold(source[i]!))).length;
  }
  return count;
}

function isTypo(a: string, b: string): boolean {
  return damerau(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 5));
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
function damerau(a: string, b: string): number {
  const w = b.length + 1;
  const d = new Uint16Array((a.length + 1) * w);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1, d[(i - 1) * w + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * w + j - 2]! + 1);
      d[i * w + j] = best;
    }
  }
  return d[a.length * w + b.length]!;
}

/** A changed number is a different claim (another sum, another date), never a typo. */
export function changesANumber(differences: readonly Difference[]): boolean {
  return differences.some((d) => d.kind === 'changed' && /\p{N}/u.test(d.reportText + d.sourceText));
}
