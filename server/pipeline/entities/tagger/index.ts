import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, type TrainedModel } from './model-file.ts';
import { Tagger } from './tagger.ts';

export { Tagger } from './tagger.ts';

/** The weights committed with Trove, trained by `npm run train:ner`. */
export const SHIPPED_MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'models');

export function modelFileName(language: string): string {
  return `${language}.bin`;
}

let cached: { dir: string | undefined; tagger: Tagger } | null = null;

/**
 * The tagger, loaded once: weights from TROVE_NER_MODEL_DIR when that folder holds them (a model
 * retrained with journalists' corrections), else the shipped ones.
 */
export function loadTagger(): Tagger {
  const dir = process.env.TROVE_NER_MODEL_DIR;
  if (cached !== null && cached.dir === dir) return cached.tagger;
  const tagger = new Tagger(loadModel('en', dir), loadModel('fa', dir));
  cached = { dir, tagger };
  return tagger;
}

function loadModel(language: string, dir: string | undefined): TrainedModel | null {
  const candidates = [dir ? join(dir, modelFileName(language)) : null, join(SHIPPED_MODEL_DIR, modelFileName(language))];
  for (const path of candidates) {
    if (path !== null && existsSync(path)) return decodeModel(readFileSync(path));
  }
  return null;
}
