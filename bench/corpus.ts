import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../server/pipeline/entities/tagger/training/random.ts';

/**
 * A seeded generator of cable-like synthetic documents, so benchmark runs are comparable.
 * The text is random recombination of a small invented vocabulary: it only has to look like
 * cables to the tokenizer and the ranking (word frequencies, numbered paragraphs, sums, names).
 */
// One seeded generator (mulberry32) for the benchmarks and the tagger's training.
export const mulberry32 = seededRandom;

const STATIONS = ['Baghdad', 'Basra', 'Najaf', 'Karbala', 'Erbil', 'Sulaimaniya', 'Kirkuk', 'Mosul'];
const KINDS = ['field report', 'meeting report', 'recruitment report', 'expense report'];
const PEOPLE = [
  'Abu Karim',
  'Hassan Jaberi',
  'the deputy minister',
  'source 2291',
  'agent "Falcon"',
  'the brigade commander',
  'Colonel Rashid',
  'the governor',
  'Dr. Samira Nouri',
  'the liaison officer',
];
const SUBJECTS = [
  'the officer',
  'our source',
  'the station',
  'the contact',
  'the delegation',
  'the case officer',
  'the courier',
  'the interpreter',
];
const VERBS = [
  'reported',
  'confirmed',
  'requested',
  'discussed',
  'arranged',
  'denied',
  'recommended',
  'delivered',
  'observed',
  'described',
];
const OBJECTS = [
  'a meeting at the ministry',
  'the transfer of funds',
  'travel documents',
  'the security situation',
  'recruitment of a new source',
  'weapons shipments',
  'a payment in cash',
  'the border crossing',
  'the militia leadership',
  'contacts with foreign services',
  'the oil contracts',
  'the election results',
  'a list of names',
  'the checkpoint schedule',
];
const TAILS = [
  'without delay',
  'in the presence of two guards',
  'after the evening prayer',
  'at the usual safe house',
  'as instructed by headquarters',
  'for the second time this month',
  'according to the attached notes',
  'despite earlier objections',
];
const FILLER = 'the of and to in that was for with on at by from as this his their were has been would which'.split(' ');

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number): string {
  const parts = [pick(random, SUBJECTS), pick(random, VERBS), pick(random, OBJECTS)];
  if (random() < 0.5) parts.push('with', pick(random, PEOPLE));
  if (random() < 0.4) parts.push(pick(random, TAILS));
  if (random() < 0.3) parts.push(`(${Math.floor(random() * 9000 + 1000)} ${random() < 0.5 ? 'USD' : 'euros'})`);
  for (let i = 0; i < 4; i++) if (random() < 0.5) parts.push(pick(random, FILLER), `w${Math.floor(random() * random() * 20000)}`);
  const text = parts.join(' ') + '.';
  return text[0]!.toUpperCase() + text.slice(1);
}

export interface SyntheticRecord {
  ref: string;
  kind: 'cable';
  title: string;
  date: string;
  language: string;
  origin: string;
  classification: string;
  text: string;
  synthetic: true;
}

export function makeRecord(random: () => number, index: number): SyntheticRecord {
  const station = pick(random, STATIONS);
  const year = random() < 0.5 ? 2014 : 2015;
  const month = String(Math.floor(random() * 12) + 1).padStart(2, '0');
  const day = String(Math.floor(random() * 28) + 1).padStart(2, '0');
  const paragraphs: string[] = [];
  const count = 3 + Math.floor(random() * 8);
  for (let p = 1; p <= count; p++) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 5) }, () => sentence(random));
    paragraphs.push(`${p}. (S) ${sentences.join(' ')}`);
  }
  return {
    ref: `SYN-${station.slice(0, 3).toUpperCase()}-${year}-${String(index).padStart(6, '0')}`,
    kind: 'cable',
    title: `${pick(random, KINDS)} from ${station} on ${pick(random, OBJECTS)}`,
    date: `${year}-${month}-${day}`,
    language: 'en',
    origin: `${station} station`,
    classification: random() < 0.7 ? 'Secret' : 'Confidential',
    text: paragraphs.join('\n\n'),
    synthetic: true,
  };
}

/** Writes `documents` records as .jsonl files of 1,000 records into `folder`; reuses them if already there. */
export function writeCorpus(folder: string, documents: number, seed = 20141103): string {
  const marker = join(folder, `.complete-${documents}-${seed}`);
  if (existsSync(marker)) return folder;
  mkdirSync(folder, { recursive: true });
  const random = mulberry32(seed);
  for (let file = 0; file * 1000 < documents; file++) {
    const lines: string[] = [];
    for (let i = file * 1000; i < Math.min(documents, (file + 1) * 1000); i++) lines.push(JSON.stringify(makeRecord(random, i)));
    writeFileSync(join(folder, `cables-${String(file).padStart(4, '0')}.jsonl`), lines.join('\n') + '\n');
  }
  writeFileSync(marker, '');
  return folder;
}
