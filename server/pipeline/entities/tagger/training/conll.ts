import { readFileSync } from 'node:fs';
import { labelIndex } from '../labels.ts';

export interface LabelledSentence {
  words: string[];
  /** Label indices (see LABELS). */
  labels: number[];
}

/** `token<TAB>BIO-tag` lines, a blank line between sentences. */
export function readConll(path: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let words: string[] = [];
  let labels: number[] = [];
  const flush = (): void => {
    if (words.length > 0) sentences.push({ words, labels });
    words = [];
    labels = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') {
      flush();
      continue;
    }
    const tab = trimmed.lastIndexOf('\t');
    if (tab <= 0) continue;
    words.push(trimmed.slice(0, tab));
    labels.push(labelIndex(trimmed.slice(tab + 1).trim()));
  }
  flush();
  return sentences;
}
