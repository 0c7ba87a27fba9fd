import { compareTexts, substantiveChanges } from './differences.ts';
import type { Difference, Span } from './quote.types.ts';

/**
 * A reporter quoting fifty words may spell out an acronym the cable used ("the MFA" → "the
 * Ministry of Foreign Affairs") or swap a word. In a quotation this long, one short substituted
 * stretch among words that otherwise match is not a look-alike: it links, shown as `changed`.
 * Short quotations keep the strict rule, and a changed number still disqualifies (checked before).
 */
export const LONG_QUOTATION = 25;
/** Skeleton characters the stretch may add to the matching's allowance: "ministry of foreign affairs" against "mfa". */
export const SUBSTITUTION_CHARS = 32;
const MAX_STRETCH_WORDS = 6;

const MAX_WORDS_BETWEEN = 2;

const wordsOf = (text: string) => text.trim().split(/\s+/u).filter(Boolean).length;

/**
 * Whether the differences are one short substituted stretch plus no more than `allowed` other
 * changed words. Changes a word or two apart are one stretch: the word diff may keep an "of"
 * of "the Ministry of Foreign Affairs" in step with the "of" before "funds".
 */
export function isOneSubstitution(differences: readonly Difference[], allowed: number, reportBody: string, sourceBody: string): boolean {
  const changed = differences.filter((d) => d.kind === 'changed' && d.report !== null).sort((a, b) => a.report!.start - b.report!.start);
  const clusters: Difference[][] = [];
  for (const d of changed) {
    const last = clusters.at(-1)?.at(-1);
    if (last && wordsOf(reportBody.slice(last.report!.end, d.report!.start)) <= MAX_WORDS_BETWEEN) clusters.at(-1)!.push(d);
    else clusters.push([d]);
  }
  let stretch: Difference[] = [];
  let most = 0;
  for (const cluster of clusters) {
    const count = substantiveChanges(cluster);
    if (count > most) [stretch, most] = [cluster, count];
  }
  if (stretch.length === 0) return true;
  const report = reportBody.slice(stretch[0]!.report!.start, stretch.at(-1)!.report!.end);
  const sources = stretch.flatMap((d) => (d.source ? [d.source] : []));
  const source = sources.length ? sourceBody.slice(Math.min(...sources.map((s) => s.start)), Math.max(...sources.map((s) => s.end))) : '';
  if (wordsOf(report) > MAX_STRETCH_WORDS || wordsOf(source) > MAX_STRETCH_WORDS) return false;
  return substantiveChanges(differences.filter((d) => !stretch.includes(d))) <= allowed;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The loose matching that lets a stretch through may also swallow source words next to it ("The
 * contact said the MFA" for "the Ministry of Foreign Affairs"). Up to a stretch's worth of words
 * is dropped at either edge of the source range while that changes no more words.
 */
export function tighten(report: string, reportOffset: number, sourceBody: string, range: Span): Span {
  const cost = (r: Span) => substantiveChanges(compareTexts(report, reportOffset, sourceBody.slice(r.start, r.end), r.start));
  const words = Array.from(sourceBody.slice(range.start, range.end).matchAll(WORD), (m) => ({
    start: range.start + m.index,
    end: range.start + m.index + m[0].length,
  }));
  if (words.length <= 2 * MAX_STRETCH_WORDS) return range;
  let best = range;
  let least = cost(range);
  for (let n = 1; n <= MAX_STRETCH_WORDS; n++) {
    const candidate = { start: words[n]!.start, end: best.end };
    const c = cost(candidate);
    if (c <= least) [best, least] = [candidate, c];
  }
  const start = best.start;
  for (let n = 1; n <= MAX_STRETCH_WORDS; n++) {
    const candidate = { start, end: words[words.length - 1 - n]!.end };
    const c = cost(candidate);
    if (c <= least) [best, least] = [candidate, c];
  }
  return best;
}
