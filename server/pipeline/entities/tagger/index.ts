import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, type TrainedModel } from './model-file.ts';
import { Tagger } from './tagger.ts';

export { Tagger } from './tagger.ts';

/** The weights committed with Trove, trained by `npm run train:ner`. */
export const SHIPPED_MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'models');

/**
 * Where a model retrained with journalists' corrections (`train:ner -- --with-corrections`) is written
 * and read from: TROVE_NER_MODEL_DIR, else data/ner/ beside the default database.
 */
export function correctedModelDir(): string {
  return process.env.TROVE_NER_MODEL_DIR
    ? resolve(process.env.TROVE_NER_MODEL_DIR)
    : join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'data', 'ner');
}

export function modelFileName(language: string): string {
  return `${language}.bin`;
}

let cached: { dir: string; tagger: Tagger } | null = null;

/**
 * The tagger, loaded once: weights from the corrected-model folder when it holds them (a model
 * retrained with journalists' corrections), else the shipped ones.
 */
export function loadTagger(): Tagger {
  const dir = correctedModelDir();
  if (cached !== null && cached.dir === dir) return cached.tagger;
  // Each model is read when a text first needs it: an English archive never loads the Persian one.
  const tagger = new Tagger(
    () => loadModel('en', dir),
    () => loadModel('fa', dir),
  );
  cached = { dir, tagger };
  return tagger;
}

function loadModel(language: string, dir: string): TrainedModel | null {
  const candidates = [join(dir, modelFileName(language)), join(SHIPPED_MODEL_DIR, modelFileName(language))];
  for (const path of candidates) {
    if (existsSync(path)) return decodeModel(readFileSync(path));
  }
  return null;
}
