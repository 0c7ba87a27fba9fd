/**
 * The tagger's exact-span precision, recall and F1 per type on each test file of ../shared/ner, and
 * person recall on an ALL-CAPS copy of GUM test (cables write names in capitals).
 *
 *   npx tsx bench/entities-accuracy.ts [--data DIR] [--model-dir DIR] [--dev] [--json]
 *   npx tsx bench/entities-accuracy.ts --speed    # tagging MB/s and load time
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateSpans, REPORTED_CLASSES, type Evaluation } from '../server/pipeline/entities/tagger/evaluate.ts';
import { decodeModel } from '../server/pipeline/entities/tagger/model-file.ts';
import { loadTagger, modelFileName, Tagger } from '../server/pipeline/entities/tagger/index.ts';
import { readConll } from '../server/pipeline/entities/tagger/training/conll.ts';

export interface AccuracyRow {
  file: string;
  language: 'en' | 'fa';
  /** `doc`: names kept consistent within each run of DOCUMENT_SENTENCES sentences (the files keep document order but not boundaries). */
  variant: 'as written' | 'as written, doc' | 'ALL CAPS' | 'ALL CAPS, doc';
  evaluation: Evaluation;
}

/** GUM documents average 50 sentences; the files keep their order but mark no boundaries. */
export const DOCUMENT_SENTENCES = 50;

const TEST_FILES: [string, 'en' | 'fa'][] = [
  ['test.conll', 'en'],
  ['en-btc/test.conll', 'en'],
  ['en-extra/re3d/test.conll', 'en'],
  ['en-extra/sec-fin/test.conll', 'en'],
  ['en-extra/litbank/test.conll', 'en'],
  ['fa/test.conll', 'fa'],
];

export const DEFAULT_NER_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'ner');

export function measureTaggerAccuracy(options: { dataDir?: string; tagger?: Tagger; split?: 'test' | 'dev' } = {}): AccuracyRow[] {
  const dataDir = options.dataDir ?? process.env.TROVE_NER_DATA ?? DEFAULT_NER_DATA;
  const tagger = options.tagger ?? loadTagger();
  const rows: AccuracyRow[] = [];
  for (const [testFile, language] of TEST_FILES) {
    const file = options.split === 'dev' ? testFile.replace('test.conll', 'dev.conll') : testFile;
    const path = join(dataDir, file);
    if (!existsSync(path)) continue;
    const sentences = readConll(path);
    const evaluate = (transform: (w: string) => string, documents: boolean): Evaluation => {
      const pairs: { gold: number[]; predicted: Int32Array }[] = [];
      const size = documents ? DOCUMENT_SENTENCES : 1;
      for (let i = 0; i < sentences.length; i += size) {
        const chunk = sentences.slice(i, i + size);
        const predicted = tagger.labelDocument(
          chunk.map((s) => s.words.map(transform)),
          language,
        );
        chunk.forEach((s, j) => pairs.push({ gold: s.labels, predicted: predicted[j]! }));
      }
      return evaluateSpans(pairs);
    };
    rows.push({ file, language, variant: 'as written', evaluation: evaluate((w) => w, false) });
    rows.push({ file, language, variant: 'as written, doc', evaluation: evaluate((w) => w, true) });
    if (file === 'test.conll' || file === 'dev.conll') {
      rows.push({ file, language, variant: 'ALL CAPS', evaluation: evaluate((w) => w.toUpperCase(), false) });
      rows.push({ file, language, variant: 'ALL CAPS, doc', evaluation: evaluate((w) => w.toUpperCase(), true) });
    }
  }
  return rows;
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

export function formatAccuracy(rows: AccuracyRow[]): string {
  const lines = ['file                              variant          type   P      R      F1     gold'];
  for (const row of rows) {
    const label = `${row.file.padEnd(33)} ${row.variant.padEnd(16)}`;
    for (const cls of REPORTED_CLASSES) {
      const s = row.evaluation.byClass[cls]!;
      lines.push(`${label} ${cls.padEnd(5)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.gold).padStart(5)}`);
    }
    const m = row.evaluation.micro;
    lines.push(`${label} micro ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.gold).padStart(5)}`);
  }
  return lines.join('\n');
}

export interface TaggerSpeed {
  megabytes: number;
  seconds: number;
  mbPerSecond: number;
  cpuSeconds: number;
  mbPerCpuSecond: number;
}

/**
 * Tagging throughput in MB/s (UTF-8 bytes) over about `megabytes` of English text made by joining the
 * GUM dev sentences into paragraphs, after one warm-up pass.
 */
export function measureTaggerSpeed(options: { dataDir?: string; tagger?: Tagger; megabytes?: number } = {}): TaggerSpeed {
  const dataDir = options.dataDir ?? process.env.TROVE_NER_DATA ?? DEFAULT_NER_DATA;
  const tagger = options.tagger ?? loadTagger();
  const paragraph = readConll(join(dataDir, 'dev.conll'))
    .map((s) => s.words.join(' '))
    .join(' ');
  const target = (options.megabytes ?? 4) * 1024 * 1024;
  const documents: string[] = [];
  let bytes = 0;
  for (let offset = 0; bytes < target; offset = (offset + 7919) % paragraph.length) {
    const doc = paragraph.slice(offset, offset + 20_000);
    documents.push(doc);
    bytes += Buffer.byteLength(doc, 'utf8');
  }
  tagger.tag(documents[0]!);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const doc of documents) tagger.tag(doc, 'en');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const megabytes = bytes / (1024 * 1024);
  // On a shared machine wall time includes waiting for a core; CPU time is what the tagger costs.
  return { megabytes, seconds, mbPerSecond: megabytes / seconds, cpuSeconds, mbPerCpuSecond: megabytes / cpuSeconds };
}

function taggerFrom(dir: string): Tagger {
  const load = (language: string) => {
    const path = join(dir, modelFileName(language));
    return existsSync(path) ? decodeModel(readFileSync(path)) : null;
  };
  return new Tagger(load('en'), load('fa'));
}

function main(argv: string[]): void {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const modelDir = value('--model-dir');
  if (argv.includes('--speed')) {
    const loadStarted = Date.now();
    const tagger = modelDir ? taggerFrom(resolve(modelDir)) : loadTagger();
    const loadMs = Date.now() - loadStarted;
    const speed = measureTaggerSpeed({ dataDir: value('--data'), tagger });
    console.log(
      `load ${loadMs} ms; tagged ${speed.megabytes.toFixed(1)} MB in ${speed.seconds.toFixed(2)} s wall (${speed.mbPerSecond.toFixed(2)} MB/s), ` +
        `${speed.cpuSeconds.toFixed(2)} s CPU (${speed.mbPerCpuSecond.toFixed(2)} MB/s per core)`,
    );
    return;
  }
  const rows = measureTaggerAccuracy({
    dataDir: value('--data'),
    tagger: modelDir ? taggerFrom(resolve(modelDir)) : undefined,
    split: argv.includes('--dev') ? 'dev' : 'test',
  });
  if (rows.length === 0) {
    console.error('No test files found; pass --data DIR (the folder with LICENSE-NOTE.md) or set TROVE_NER_DATA.');
    process.exitCode = 1;
    return;
  }
  console.log(argv.includes('--json') ? JSON.stringify(rows, null, 2) : formatAccuracy(rows));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
