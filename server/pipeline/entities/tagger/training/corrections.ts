import { labelIndex } from '../labels.ts';
import { hasPersian } from '../normalize.ts';
import type { Tagger } from '../tagger.ts';
import { splitSentences, tokenize } from '../tokenize.ts';
import type { LabelledSentence } from './conll.ts';

/** A journalist's decision on one mention (status confirmed or rejected, decided_by set). */
export interface Decision {
  start: number;
  end: number;
  type: string;
  status: 'confirmed' | 'rejected';
}

const CLASS_OF: Record<string, string | undefined> = { person: 'PER', organization: 'ORG', place: 'LOC' };

/**
 * Training sentences from one document's decisions. Only sentences that hold a decision are used;
 * their other tokens take the current model's labels (what it already believes), confirmed spans
 * their gold class, and the tokens of rejected spans O.
 */
export function correctionSentences(
  body: string,
  language: string | null,
  decisions: Decision[],
  tagger: Tagger,
): { en: LabelledSentence[]; fa: LabelledSentence[] } {
  const result = { en: [] as LabelledSentence[], fa: [] as LabelledSentence[] };
  const relevant = decisions.filter((d) => d.status === 'rejected' || CLASS_OF[d.type] !== undefined);
  if (relevant.length === 0) return result;
  for (const sentence of splitSentences(body, tokenize(body))) {
    const first = sentence[0]!.start;
    const last = sentence[sentence.length - 1]!.end;
    const inside = relevant.filter((d) => d.start < last && d.end > first);
    if (inside.length === 0) continue;
    const words = sentence.map((t) => t.text);
    const persian = words.some(hasPersian) || language === 'fa';
    const labels = Array.from(tagger.labelWords(words, persian ? 'fa' : 'en'));
    for (const d of inside.filter((x) => x.status === 'rejected')) {
      sentence.forEach((t, i) => {
        if (t.start < d.end && t.end > d.start) labels[i] = 0;
      });
    }
    for (const d of inside.filter((x) => x.status === 'confirmed')) {
      const cls = CLASS_OF[d.type];
      if (cls === undefined) continue;
      let begun = false;
      sentence.forEach((t, i) => {
        if (t.start >= d.start && t.end <= d.end) {
          labels[i] = labelIndex(`${begun ? 'I' : 'B'}-${cls}`);
          begun = true;
        }
      });
    }
    (persian ? result.fa : result.en).push({ words, labels });
  }
  return result;
}
