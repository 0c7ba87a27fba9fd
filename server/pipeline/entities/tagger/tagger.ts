import type { FoundMention } from '../entity.types.ts';
import { FeatureExtractor } from './features.ts';
import { CLASS_TO_TYPE, LABEL_COUNT, labelsToSpans } from './labels.ts';
import type { TrainedModel } from './model-file.ts';
import { hasPersian } from './normalize.ts';
import { splitSentences, tokenize, type Token } from './tokenize.ts';
import { viterbi } from './viterbi.ts';
import { applyDocumentConsistency } from './consistency.ts';

/** One language's model with its feature extractor and scratch buffers. */
export class SequenceLabeller {
  private readonly extractor: FeatureExtractor;
  private emissions = new Float64Array(256 * LABEL_COUNT);

  constructor(readonly trained: TrainedModel) {
    this.extractor = new FeatureExtractor(trained.resources);
  }

  /** Label indices of one sentence's words. */
  label(words: readonly string[]): Int32Array {
    const n = words.length;
    const out = new Int32Array(n);
    if (n === 0) return out;
    if (this.emissions.length < n * LABEL_COUNT) this.emissions = new Float64Array(n * LABEL_COUNT * 2);
    this.extractor.score(words, this.trained.model, this.emissions);
    viterbi(this.emissions, n, this.trained.model.transitions, out);
    return out;
  }
}

/** A model, or how to load it when first needed (a text in the other language may never come). */
export type ModelSource = TrainedModel | null | (() => TrainedModel | null);

export class Tagger {
  private englishLabeller: SequenceLabeller | null | undefined;
  private persianLabeller: SequenceLabeller | null | undefined;

  constructor(
    private readonly englishSource: ModelSource,
    private readonly persianSource: ModelSource,
  ) {}

  private get english(): SequenceLabeller | null {
    if (this.englishLabeller === undefined) this.englishLabeller = labellerOf(this.englishSource);
    return this.englishLabeller;
  }

  private get persian(): SequenceLabeller | null {
    if (this.persianLabeller === undefined) this.persianLabeller = labellerOf(this.persianSource);
    return this.persianLabeller;
  }

  /** Person, organisation and place mentions in `text`, with exact UTF-16 offsets. */
  tag(text: string, language?: string | null): FoundMention[] {
    const sentences = splitSentences(text, tokenize(text));
    const words = sentences.map((sentence) => sentence.map((t) => t.text));
    const anyPersian = hasPersian(text);
    const labels = sentences.map((sentence, i) => {
      const labeller = this.labellerFor(sentence, language, anyPersian);
      return labeller ? labeller.label(words[i]!) : new Int32Array(sentence.length);
    });
    applyDocumentConsistency(words, labels);
    const mentions: FoundMention[] = [];
    labels.forEach((sentenceLabels, s) => {
      const sentence = sentences[s]!;
      for (const span of labelsToSpans(sentenceLabels)) {
        const type = CLASS_TO_TYPE[span.cls];
        if (type === undefined) continue;
        const start = sentence[span.start]!.start;
        const end = sentence[span.end - 1]!.end;
        mentions.push({ type, start, end, text: text.slice(start, end), source: 'model' });
      }
    });
    return mentions;
  }

  /** Label indices for pre-tokenised words of one sentence (no document context). */
  labelWords(words: readonly string[], language: 'en' | 'fa'): Int32Array {
    const labeller = language === 'fa' ? (this.persian ?? this.english) : (this.english ?? this.persian);
    return labeller ? labeller.label(words) : new Int32Array(words.length);
  }

  /** Label indices for the pre-tokenised sentences of one document, names kept consistent across it. */
  labelDocument(sentences: readonly (readonly string[])[], language: 'en' | 'fa'): Int32Array[] {
    const labels = sentences.map((words) => this.labelWords(words, language));
    applyDocumentConsistency(sentences, labels);
    return labels;
  }

  private labellerFor(sentence: Token[], language: string | null | undefined, anyPersian: boolean): SequenceLabeller | null {
    const persianScript = anyPersian && sentence.some((t) => hasPersian(t.text));
    if (persianScript || (language === 'fa' && !sentence.some((t) => /[A-Za-z]/.test(t.text)))) {
      return this.persian ?? this.english;
    }
    return this.english ?? this.persian;
  }
}

function labellerOf(source: ModelSource): SequenceLabeller | null {
  const model = typeof source === 'function' ? source() : source;
  return model ? new SequenceLabeller(model) : null;
}
