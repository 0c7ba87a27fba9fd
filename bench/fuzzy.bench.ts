/**
 * npx tsx bench/fuzzy.bench.ts [-- --terms 3000000]
 * The vocabulary walk behind fuzzy~ search at archive scale. A noisy OCR archive of 10 million
 * passages holds a few million distinct words, most of them misreadings seen once; this builds a
 * synthetic vocabulary of that shape (a lexicon of pronounceable words and Persian words, each
 * with OCR-style variants, plus digit strings and random junk) and times closeTo() for ~1 and ~2.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/client.ts';
import { VocabularyRepository } from '../db/vocabulary.repository.ts';
import { mulberry32 } from './corpus.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const TERMS = arg('terms', 3_000_000);
const random = mulberry32(1963);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';
const PERSIAN = 'ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی';
// What OCR confuses: letter for digit, l for i, rn for m, a dot more or less on a Persian letter.
const CONFUSIONS: Array<[string, string]> = [
  ['o', '0'],
  ['l', '1'],
  ['l', 'i'],
  ['i', 'l'],
  ['m', 'rn'],
  ['e', 'c'],
  ['d', 'o'],
  ['s', '5'],
  ['ت', 'ث'],
  ['ف', 'ق'],
  ['گ', 'ک'],
  ['ب', 'پ'],
];

function latinWord(): string {
  let w = '';
  const syllables = 2 + Math.floor(random() * 3);
  for (let i = 0; i < syllables; i++) w += pick([...CONSONANTS]) + pick([...VOWELS]) + (random() < 0.3 ? pick([...CONSONANTS]) : '');
  return w;
}

function persianWord(): string {
  return Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick([...PERSIAN])).join('');
}

function misread(word: string): string {
  const [from, to] = pick(CONFUSIONS);
  const at = word.indexOf(from);
  if (at >= 0) return word.slice(0, at) + to + word.slice(at + from.length);
  const i = Math.floor(random() * word.length);
  return word.slice(0, i) + word.slice(i + 1);
}

function vocabulary(): Map<string, number> {
  const words = new Map<string, number>();
  const lexicon = Array.from({ length: Math.floor(TERMS / 20) }, () => (random() < 0.8 ? latinWord() : persianWord()));
  for (const word of [...lexicon, 'oswald', 'kirkuk', 'ministry', 'کنسولگری', 'سفارت'])
    words.set(word, 1 + Math.floor(1000 * random() ** 3));
  while (words.size < TERMS) {
    const roll = random();
    if (roll < 0.6) words.set(misread(random() < 0.3 ? misread(pick(lexicon)) : pick(lexicon)), 1);
    else if (roll < 0.8) words.set(String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 7)))), 1);
    else
      words.set(Array.from({ length: 2 + Math.floor(random() * 10) }, () => pick([...CONSONANTS, ...VOWELS, ...'0123456789'])).join(''), 1);
  }
  return words;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'trove-fuzzy-bench-'));
  const db = await openDatabase(join(dir, 'bench.db'), { readers: 0 });
  try {
    const started = performance.now();
    const words = vocabulary();
    const insert = db.writerConnection.prepare('insert into vocabulary_term (term, passages) values (?, ?)');
    db.writerConnection.transaction(() => {
      for (const [term, passages] of [...words].sort((a, b) => (a[0] < b[0] ? -1 : 1))) insert.run(term, passages);
    })();
    const pages = db.writerConnection.prepare<[], number>(`select count(*) from dbstat where name = 'vocabulary_term'`).pluck().get()!;
    const pageSize = db.writerConnection.pragma('page_size', { simple: true }) as number;
    console.log(
      `${words.size} terms in ${((performance.now() - started) / 1000).toFixed(1)} s; table ${((pages * pageSize) / 1e6).toFixed(0)} MB (file ${(statSync(join(dir, 'bench.db')).size / 1e6).toFixed(0)} MB)`,
    );
    const vocabularyRepository = new VocabularyRepository(db);
    const backfill = performance.now();
    vocabularyRepository.refresh();
    const bytes = (name: string) =>
      db.writerConnection.prepare<[string], number>(`select count(*) from dbstat where name = ?`).pluck().get(name)! * pageSize;
    console.log(
      `words spelt backwards in ${((performance.now() - backfill) / 1000).toFixed(1)} s; both tables ${((bytes('vocabulary_term') + bytes('vocabulary_reversed')) / 1e6).toFixed(0)} MB`,
    );
    const queries = [
      'oswald',
      'kirkuk',
      'ministry',
      'کنسولگری',
      'سفارت',
      ...Array.from({ length: 15 }, () => pick([...words.keys()].slice(0, 50_000))),
    ];
    for (const edits of [1, 2]) {
      const times: number[] = [];
      const seeks: number[] = [];
      let found = 0;
      let truncated = 0;
      for (let round = 0; round < 3; round++) {
        for (const q of queries) {
          if ([...q].length < (edits === 1 ? 4 : 6)) continue;
          const t0 = performance.now();
          const walk = vocabularyRepository.closeTo(q, edits);
          times.push(performance.now() - t0);
          seeks.push(walk.seeks);
          found += walk.matches.length;
          if (walk.truncated) truncated++;
        }
      }
      console.log(
        `~${edits}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
          `seeks p50 ${percentile(seeks, 50)}, p95 ${percentile(seeks, 95)}, ${(found / times.length).toFixed(1)} matches a word, ${truncated} walks at the budget of ${times.length}`,
      );
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
