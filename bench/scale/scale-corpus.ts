import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRecord, mulberry32 } from '../corpus.ts';

/**
 * A seeded archive for the scale benchmark, sized in passages rather than documents: cable-like
 * documents (bench/corpus.ts), OCR'd records (short broken lines over a Zipfian vocabulary with
 * scanning errors), some Persian, and a few reports whose quotations come from the cables, so that
 * import, search and quote linking all see the kinds of text a real release holds. All synthetic.
 */
export interface ScaleCorpus {
  folder: string;
  /** Paragraphs written, one passage each once imported (the import reports the exact count). */
  passages: number;
  documents: number;
  quotations: number;
}

const OCR_VOCABULARY_SIZE = 40_000;
const PERSIAN_WORDS =
  'گزارش جلسه منبع پرداخت وزارت سپاه نماینده سفارت بغداد بصره نجف کربلا اربیل دلار یورو تومان دیدار هماهنگی امنیت مرز انتخابات نفت قرارداد فرمانده سرهنگ معاون'.split(
    ' ',
  );
const REPORTS = 20;
const QUOTES_PER_REPORT = 10;

/** A word from a Zipf-distributed vocabulary: word k has weight 1/k, the long tail of rare words a search hits. */
function zipfWord(random: () => number): string {
  // Inverse of the continuous Zipf CDF over [1, N]: k = N^u.
  const rank = Math.floor(Math.pow(OCR_VOCABULARY_SIZE, random()));
  return wordForRank(rank);
}

function wordForRank(rank: number): string {
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  let word = '';
  let n = rank + 26;
  while (n > 0) {
    word += letters[n % 26];
    n = Math.floor(n / 26);
  }
  return word;
}

const SCAN_ERRORS: Array<[RegExp, string]> = [
  [/l/g, '1'],
  [/O/g, '0'],
  [/rn/g, 'm'],
  [/e/g, 'c'],
];

function ocrLine(random: () => number): string {
  const words = Array.from({ length: 3 + Math.floor(random() * 9) }, () => zipfWord(random));
  if (random() < 0.2) words.push(String(Math.floor(random() * 99999)));
  if (random() < 0.1) words.splice(Math.floor(random() * words.length), 0, 'BAGHDAD');
  let line = words.join(' ');
  if (random() < 0.15) {
    const [pattern, replacement] = SCAN_ERRORS[Math.floor(random() * SCAN_ERRORS.length)]!;
    line = line.replace(pattern, replacement);
  }
  return line;
}

function ocrRecord(random: () => number, index: number) {
  const blocks = Array.from({ length: 2 + Math.floor(random() * 10) }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => ocrLine(random)).join('\n'),
  );
  return {
    ref: `SYN-OCR-${String(index).padStart(8, '0')}`,
    kind: 'document',
    title: `Scanned record ${index}`,
    date: `${2014 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
    language: 'en',
    origin: 'Scanned records',
    text: blocks.join('\n\n'),
    synthetic: true,
  };
}

function persianRecord(random: () => number, index: number) {
  const paragraphs = Array.from(
    { length: 2 + Math.floor(random() * 5) },
    () =>
      Array.from({ length: 8 + Math.floor(random() * 20) }, () => PERSIAN_WORDS[Math.floor(random() * PERSIAN_WORDS.length)]).join(' ') +
      '.',
  );
  return {
    ref: `SYN-FA-${String(index).padStart(8, '0')}`,
    kind: 'cable',
    title: `گزارش ${index}`,
    date: '2014-11-14',
    language: 'fa',
    origin: 'Baghdad station',
    text: paragraphs.join('\n\n'),
    synthetic: true,
  };
}

function report(index: number, quotations: string[]): string {
  const body = quotations
    .map((q, i) => `Paragraph ${i + 1} of our reporting. One cable said: “${q}” Officials declined to comment.`)
    .join('\n\n');
  return `---\nref: SYN-REPORT-${index}\nkind: report\ntitle: Synthetic report ${index}\ndate: 2019-11-18\nlanguage: en\nsynthetic: true\n---\n# Synthetic report ${index}\n\n*Synthetic: written for Trove's scale benchmark.*\n\n${body}\n`;
}

/** A sentence of a cable paragraph to quote, trimmed the way a report trims (a few words off the end). */
function quotable(random: () => number, text: string): string | undefined {
  const paragraph = text.split('\n\n')[Math.floor(random() * text.split('\n\n').length)]!;
  const sentences = paragraph.replace(/^\d+\. \(S\) /, '').split(/(?<=\.) /);
  const sentence = sentences[Math.floor(random() * sentences.length)]!;
  const words = sentence.split(' ');
  return words.length >= 8 ? words.slice(0, words.length - 2).join(' ') : undefined;
}

/** Writes the archive into `folder` (jsonl files of 2,000 records and reports/), reused when already complete. */
export function writeScaleCorpus(folder: string, passages: number, seed: number): ScaleCorpus {
  const marker = join(folder, '.complete.json');
  if (existsSync(marker)) return { folder, ...(JSON.parse(readFileSync(marker, 'utf8')) as Omit<ScaleCorpus, 'folder'>) };
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'archive'), { recursive: true });
  mkdirSync(join(folder, 'reports'), { recursive: true });
  const random = mulberry32(seed);
  let written = 0;
  let documents = 0;
  let file = 0;
  let lines: string[] = [];
  const quotes: string[] = [];
  const flush = () => {
    writeFileSync(join(folder, 'archive', `part-${String(file++).padStart(5, '0')}.jsonl`), lines.join('\n') + '\n');
    lines = [];
  };
  while (written < passages) {
    const pickKind = random();
    const record =
      pickKind < 0.5 ? makeRecord(random, documents) : pickKind < 0.95 ? ocrRecord(random, documents) : persianRecord(random, documents);
    if (pickKind < 0.5 && quotes.length < REPORTS * QUOTES_PER_REPORT && random() < 0.01) {
      const quote = quotable(random, record.text);
      if (quote) quotes.push(quote);
    }
    written += record.text.split('\n\n').length;
    documents++;
    lines.push(JSON.stringify(record));
    if (lines.length === 2000) flush();
  }
  if (lines.length) flush();
  for (let r = 0; r * QUOTES_PER_REPORT < quotes.length; r++) {
    writeFileSync(join(folder, 'reports', `report-${r}.md`), report(r, quotes.slice(r * QUOTES_PER_REPORT, (r + 1) * QUOTES_PER_REPORT)));
  }
  const corpus = { passages: written, documents, quotations: quotes.length };
  writeFileSync(marker, JSON.stringify(corpus));
  return { folder, ...corpus };
}
