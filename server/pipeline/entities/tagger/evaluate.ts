import { labelsToSpans } from './labels.ts';

/** Exact-span precision, recall and F1 per class, and micro-averaged over PER, ORG and LOC. */

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export const REPORTED_CLASSES = ['PER', 'ORG', 'LOC'] as const;

export interface Evaluation {
  byClass: Record<string, Score>;
  micro: Score;
}

function toScore(correct: number, gold: number, predicted: number): Score {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

export function evaluateSpans(pairs: Iterable<{ gold: ArrayLike<number>; predicted: ArrayLike<number> }>): Evaluation {
  const tally = new Map<string, { correct: number; gold: number; predicted: number }>(
    REPORTED_CLASSES.map((c) => [c, { correct: 0, gold: 0, predicted: 0 }]),
  );
  for (const { gold, predicted } of pairs) {
    const goldSpans = labelsToSpans(gold).filter((s) => tally.has(s.cls));
    const predictedSpans = labelsToSpans(predicted).filter((s) => tally.has(s.cls));
    const goldKeys = new Set(goldSpans.map((s) => `${s.start}:${s.end}:${s.cls}`));
    for (const s of goldSpans) tally.get(s.cls)!.gold++;
    for (const s of predictedSpans) {
      const t = tally.get(s.cls)!;
      t.predicted++;
      if (goldKeys.has(`${s.start}:${s.end}:${s.cls}`)) t.correct++;
    }
  }
  const byClass: Record<string, Score> = {};
  let correct = 0;
  let gold = 0;
  let predicted = 0;
  for (const [cls, t] of tally) {
    byClass[cls] = toScore(t.correct, t.gold, t.predicted);
    correct += t.correct;
    gold += t.gold;
    predicted += t.predicted;
  }
  return { byClass, micro: toScore(correct, gold, predicted) };
}
