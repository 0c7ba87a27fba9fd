import { evaluateSpans, type Evaluation } from '../evaluate.ts';
import { BIAS_KEY } from '../features.ts';
import { LABEL_COUNT, labelIndex } from '../labels.ts';
import type { LinearModel } from '../linear-model.ts';
import type { TrainedModel } from '../model-file.ts';
import { normalizeWord } from '../normalize.ts';
import { buildGazetteerStarts, type TaggerResources } from '../resources.ts';
import { SequenceLabeller } from '../tagger.ts';
import { buildLexicon, DEFAULT_CLUSTERS, type ClusterOptions } from './clusters.ts';
import type { LabelledSentence } from './conll.ts';
import { englishGazetteer, persianGazetteer } from './gazetteers.ts';
import { buildMemory, jackknifedResources, withMemory } from './memory.ts';
import { trainPerceptron } from './perceptron.ts';
import { seededRandom } from './random.ts';
import { ENGLISH_TITLES, PERSIAN_TITLES, wordList } from './word-lists.ts';

export interface TrainModelOptions {
  language: 'en' | 'fa';
  train: LabelledSentence[];
  /** Unlabelled sentences for the clusters (the training text is always included). */
  unlabelled: string[][];
  dev: LabelledSentence[];
  epochs: number;
  seed: number;
  /** Share of training sentences added again in ALL CAPS. */
  capsShare: number;
  minCount: number;
  pruneBelow: number;
  /** Longer affixes and the left-and-right word pair (they helped Persian, not English). */
  extendedFeatures: boolean;
  /** Overrides of the word-cluster settings. */
  clusters?: Partial<ClusterOptions>;
  /** Persian morphology features (see `TaggerResources.morphology`). */
  morphology?: boolean;
  /** Names of the training data as a jackknifed gazetteer (see memory.ts). */
  memory?: boolean;
  /** Taken off the prior score of `O` (see `lowerOutsidePrior`); 0 leaves the model as trained. */
  outsidePenalty: number;
  /** Share of tokens trained as unseen words (see `PerceptronOptions.wordDropout`). */
  wordDropout: number;
  log: (line: string) => void;
  info: Record<string, unknown>;
}

export async function trainModel(options: TrainModelOptions): Promise<TrainedModel> {
  const { language, log } = options;
  const started = Date.now();
  const lexicon = buildLexicon([...options.train.map((s) => s.words), ...options.unlabelled], { ...DEFAULT_CLUSTERS, ...options.clusters });
  log(`${language}: lexicon of ${lexicon.size} words in ${seconds(started)}`);
  const gazetteer = language === 'fa' ? await persianGazetteer() : await englishGazetteer(lexicon);
  const titles = new Set(wordList(language === 'fa' ? PERSIAN_TITLES : ENGLISH_TITLES).map(normalizeWord));
  const base: TaggerResources = {
    lexicon,
    gazetteer,
    gazetteerStarts: buildGazetteerStarts(gazetteer),
    titles,
    extendedFeatures: options.extendedFeatures,
    morphology: options.morphology === true,
  };
  log(`${language}: gazetteer of ${gazetteer.size} phrases`);
  const train = withCapsCopies(options.train, options.capsShare, options.seed);
  // Caps copies would see their own original's names in the memory: the memory is only for models without them.
  const memory = options.memory === true && options.capsShare <= 0;
  const resources = memory ? withMemory(base, buildMemory(train)) : base;
  let devScore: Evaluation | null = null;
  const model = trainPerceptron(train, resources, {
    epochs: options.epochs,
    seed: options.seed,
    minCount: options.minCount,
    pruneBelow: options.pruneBelow,
    wordDropout: options.wordDropout,
    resourcesFor: memory ? jackknifedResources(base, train) : undefined,
    onEpoch: (epoch, m) => {
      if (options.dev.length === 0) return;
      lowerOutsidePrior(m, options.outsidePenalty);
      devScore = score(m, resources, language, options.dev);
      log(`${language}: epoch ${epoch} dev F1 ${(devScore.micro.f1 * 100).toFixed(1)} (${seconds(started)})`);
    },
  });
  lowerOutsidePrior(model, options.outsidePenalty);
  log(`${language}: ${model.rowCount} feature rows kept, trained in ${seconds(started)}`);
  const info = {
    ...options.info,
    epochs: options.epochs,
    seed: options.seed,
    capsShare: options.capsShare,
    outsidePenalty: options.outsidePenalty,
    wordDropout: options.wordDropout,
    sentences: options.train.length,
  };
  const final = devScore as Evaluation | null;
  return { language, model, resources, info: final ? { ...info, devF1: Math.round(final.micro.f1 * 1000) / 10 } : info };
}

/**
 * The perceptron leans towards `O` on names it never saw (on Persian dev: precision 79, recall 67).
 * Lowering the prior of `O` trades a little precision for more recall: at a penalty of 8 the Persian
 * dev F1 of five differently trained models moved by −0.2 to +1.3 points, +0.5 on average.
 */
function lowerOutsidePrior(model: LinearModel, penalty: number): void {
  if (penalty === 0) return;
  const row = model.row(BIAS_KEY);
  if (row < 0) return;
  model.weights[row * LABEL_COUNT + labelIndex('O')]! -= penalty;
}

function score(model: LinearModel, resources: TaggerResources, language: string, dev: LabelledSentence[]): Evaluation {
  const labeller = new SequenceLabeller({ language, model, resources, info: {} });
  return evaluateSpans(dev.map((s) => ({ gold: s.labels, predicted: labeller.label(s.words) })));
}

/** Cables write headers and names in capitals: teach the model what such lines look like. */
function withCapsCopies(sentences: LabelledSentence[], share: number, seed: number): LabelledSentence[] {
  if (share <= 0) return sentences;
  const random = seededRandom(seed + 1);
  const copies: LabelledSentence[] = [];
  for (const s of sentences) {
    if (random() < share && s.words.some((w) => /\p{Ll}/u.test(w)))
      copies.push({ words: s.words.map((w) => w.toUpperCase()), labels: s.labels });
  }
  return [...sentences, ...copies];
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
