/**
 * `npm run train:ner [-- --with-corrections] [--db FILE] [--lang en|fa] [--data DIR] [--out DIR]`
 * trains the English and Persian taggers on ../shared/ner and writes their weights. With
 * --with-corrections it also learns from journalists' confirmed and rejected mentions and writes
 * to TROVE_NER_MODEL_DIR or data/ner/ instead of over the shipped weights.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from '../server/pipeline/entities/tagger/model-file.ts';
import { correctedModelDir, modelFileName, SHIPPED_MODEL_DIR } from '../server/pipeline/entities/tagger/index.ts';
import type { LabelledSentence } from '../server/pipeline/entities/tagger/training/conll.ts';
import { ENGLISH, PERSIAN, readCorpora } from '../server/pipeline/entities/tagger/training/corpora.ts';
import { trainModel } from '../server/pipeline/entities/tagger/training/train-model.ts';
import { readCorrections } from './train-ner-corrections.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  languages: ('en' | 'fa')[];
  dataDir: string;
  outDir: string | null;
  withCorrections: boolean;
  db: string;
  epochs: number | undefined;
  holdOutDev: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    languages: ['en', 'fa'],
    dataDir: process.env.TROVE_NER_DATA ?? resolve(repoRoot, '..', 'shared', 'ner'),
    outDir: null,
    withCorrections: false,
    db: process.env.TROVE_DB ?? join(repoRoot, 'data', 'trove.db'),
    epochs: undefined,
    holdOutDev: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--lang') args.languages = [value() === 'fa' ? 'fa' : 'en'];
    else if (flag === '--data') args.dataDir = resolve(value());
    else if (flag === '--out') args.outDir = resolve(value());
    else if (flag === '--with-corrections') args.withCorrections = true;
    else if (flag === '--db') args.db = resolve(value());
    else if (flag === '--epochs') args.epochs = Number(value());
    else if (flag === '--hold-out-dev') args.holdOutDev = true;
    else
      throw new Error(
        `Unknown option ${flag}. Options: --lang en|fa, --data DIR, --out DIR, --with-corrections, --db FILE, --epochs N, --hold-out-dev.`,
      );
  }
  return args;
}

function outputDir(args: Args): string {
  if (args.outDir !== null) return args.outDir;
  if (!args.withCorrections) return SHIPPED_MODEL_DIR;
  return correctedModelDir();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const out = outputDir(args);
  mkdirSync(out, { recursive: true });
  const corrections = args.withCorrections ? await readCorrections(args.db) : { en: [], fa: [] };
  for (const language of args.languages) {
    const started = Date.now();
    const config = language === 'fa' ? PERSIAN : ENGLISH;
    const dev = readCorpora(args.dataDir, config.dev);
    const extra: LabelledSentence[] = corrections[language];
    // The main target genre counts twice; with --hold-out-dev the dev files only score the epochs.
    const weighted = readCorpora(args.dataDir, config.weighted);
    const train = [
      ...readCorpora(args.dataDir, config.train),
      ...weighted,
      ...(args.holdOutDev ? [] : [...dev, ...readCorpora(args.dataDir, config.weightedDev)]),
      ...extra,
      ...extra,
    ];
    if (extra.length > 0) console.log(`${language}: ${extra.length} sentences with journalists' decisions (counted twice)`);
    const trained = await trainModel({
      language,
      train,
      // No dev text in the clusters either: test text never is, and with it dev scores ran up to 2 points high.
      unlabelled: [],
      dev: args.holdOutDev ? dev : [],
      epochs: args.epochs ?? config.epochs,
      seed: 20141114,
      capsShare: config.capsShare,
      minCount: 1,
      pruneBelow: 0.05,
      extendedFeatures: config.extendedFeatures,
      morphology: config.morphology,
      memory: config.memory,
      outsidePenalty: config.outsidePenalty,
      wordDropout: config.wordDropout,
      log: (line) => console.log(line),
      info: { trainedOn: [...config.train, ...(args.holdOutDev ? [] : config.dev)], corrections: extra.length },
    });
    const path = join(out, modelFileName(language));
    const bytes = encodeModel(trained);
    // Written beside it, then renamed over it: a run stopped halfway (a cancelled job) leaves the old model whole.
    writeFileSync(`${path}.partial`, bytes);
    renameSync(`${path}.partial`, path);
    console.log(`${language}: wrote ${path} (${(bytes.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
