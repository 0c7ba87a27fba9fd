// OCR benchmark: pages per minute per engine on this machine, and word accuracy against the rendered text per
// noise level. Pages are synthetic (invented text rendered by headless Chromium, fixtures/scans/render-scans.ts).
// `npm run bench:ocr` (BENCH_OCR_PAGES=n pages per level, default 3). Each page is read with and without the
// cleanup of poorly read pages (BENCH_OCR_CLEANUP=off,auto,always to choose), the order alternating page by page.
import { launchBrowser } from '../web/tests/browser.ts';
import { renderScan, type ScanOptions } from '../fixtures/scans/render-scans.ts';
import { cleanScanApart } from '../server/pipeline/ocr/cleanup.ts';
import { ocrDocument, type OcrEngines, type OcrRequest } from '../server/pipeline/ocr/ocr-document.ts';
import type { OcrEngine } from '../server/pipeline/ocr/ocr.types.ts';
import { popplerRenderer } from '../server/pipeline/ocr/render-pdf.ts';
import { systemEngine } from '../server/pipeline/ocr/system.engine.ts';
import { wasmEngine } from '../server/pipeline/ocr/wasm.engine.ts';

const PAGES = Number(process.env.BENCH_OCR_PAGES ?? 3);
type Cleanup = NonNullable<OcrRequest['cleanup']>;
const CLEANUPS = (process.env.BENCH_OCR_CLEANUP ?? 'off,auto').split(',') as Cleanup[];

const LEVELS: Array<{ name: string; options: Partial<ScanOptions> }> = [
  { name: 'clean', options: {} },
  { name: 'light', options: { rotate: 0.5, blur: 0.3, noise: 0.005 } },
  { name: 'medium', options: { rotate: 1.5, blur: 0.6, noise: 0.02, format: 'jpeg' } },
  { name: 'heavy', options: { rotate: 3, blur: 1.1, noise: 0.05, format: 'jpeg' } },
];

const EN_WORDS = `embassy minister harbour delegation meeting director report cable shipment grain october winter
  season cranes border talks agreement officials customs province governor election council budget ministry
  oil pipeline contract tender bank loan security patrol visit airport consulate trade figures quarter`.split(/\s+/);
const FA_WORDS = `سفارت وزیر بندر هیئت جلسه مدیر گزارش محموله گندم زمستان مرز مذاکره توافق مقامات گمرک استان استاندار
  انتخابات شورا بودجه وزارت نفت قرارداد بانک امنیت فرودگاه کنسولگری تجارت`.split(/\s+/);

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function invent(words: string[], seed: number, lines = 9): string[] {
  const random = seeded(seed);
  return Array.from({ length: lines }, () =>
    Array.from({ length: 6 + Math.floor(random() * 3) }, () => words[Math.floor(random() * words.length)]!).join(' '),
  );
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w !== '');

/** Reference words found in order in the OCR output (longest common subsequence) over reference words. */
function wordAccuracy(reference: string[], read: string[]): number {
  const row = new Array<number>(read.length + 1).fill(0);
  for (const word of reference) {
    let diagonal = 0;
    for (let j = 1; j <= read.length; j++) {
      const above = row[j]!;
      row[j] = word === read[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return reference.length === 0 ? 1 : row[read.length]! / reference.length;
}

interface Row {
  engine: string;
  language: string;
  level: string;
  cleanup: Cleanup;
  pages: number;
  seconds: number;
  accuracy: number;
  confidence: number;
}

async function measure(
  engine: OcrEngine,
  language: string,
  pages: Array<{ image: Buffer; lines: string[] }>,
  level: string,
): Promise<Row[]> {
  const engines: OcrEngines = { [engine.name]: engine, renderPdf: popplerRenderer, clean: cleanScanApart };
  const rows = new Map(CLEANUPS.map((cleanup) => [cleanup, { correct: 0, total: 0, confidence: 0, seconds: 0 }]));
  for (const [index, page] of pages.entries()) {
    const order = index % 2 === 0 ? CLEANUPS : [...CLEANUPS].reverse();
    for (const cleanup of order) {
      const row = rows.get(cleanup)!;
      const started = performance.now();
      const outcome = await ocrDocument({ kind: 'image', bytes: page.image, pages: [], languages: [language], cleanup }, engines);
      row.seconds += (performance.now() - started) / 1000;
      if (outcome.status !== 'done') throw new Error(outcome.note);
      const reference = normalise(page.lines.join(' '));
      row.correct += wordAccuracy(reference, normalise(outcome.pages.map((p) => p.text).join(' '))) * reference.length;
      row.total += reference.length;
      row.confidence += outcome.pages[0]?.confidence ?? 0;
    }
  }
  return CLEANUPS.map((cleanup) => {
    const row = rows.get(cleanup)!;
    return {
      engine: engine.name,
      language,
      level,
      cleanup,
      pages: pages.length,
      seconds: row.seconds,
      accuracy: row.correct / row.total,
      confidence: row.confidence / pages.length,
    };
  });
}

const browser = await launchBrowser();
const corpus = new Map<string, Array<{ image: Buffer; lines: string[] }>>();
try {
  for (const language of ['eng', 'fas']) {
    for (const level of LEVELS) {
      const pages = [];
      for (let i = 0; i < PAGES; i++) {
        const lines = invent(language === 'eng' ? EN_WORDS : FA_WORDS, 1000 * i + level.name.length + (language === 'fas' ? 7 : 0));
        const image = await renderScan(browser, { lines, direction: language === 'fas' ? 'rtl' : 'ltr', seed: i + 1, ...level.options });
        pages.push({ image, lines });
      }
      corpus.set(`${language}/${level.name}`, pages);
    }
  }
} finally {
  await browser.close();
}

const engines = [await systemEngine(), await wasmEngine()].filter((e): e is OcrEngine => e !== undefined);
const rows: Row[] = [];
for (const engine of engines) {
  const languages = await engine.languages();
  for (const language of ['eng', 'fas'].filter((l) => languages.has(l))) {
    for (const level of LEVELS) rows.push(...(await measure(engine, language, corpus.get(`${language}/${level.name}`)!, level.name)));
  }
  await engine.close();
}

const header = ['engine', 'lang', 'noise', 'cleanup', 'pages', 'pages/min', 'word accuracy', 'mean conf'];
const table = rows.map((r) => [
  r.engine,
  r.language,
  r.level,
  r.cleanup,
  String(r.pages),
  ((r.pages / r.seconds) * 60).toFixed(1),
  `${(r.accuracy * 100).toFixed(1)}%`,
  r.confidence.toFixed(1),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(
  `OCR benchmark: ${PAGES} synthetic pages per noise level, one page at a time, ${engines.map((e) => e.name).join(' and ')} engine${engines.length > 1 ? 's' : ''}`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
for (const engine of ['system', 'wasm']) {
  // Speed as Trove reads: with the cleanup of poor pages where measured.
  const mine = rows.filter((r) => r.engine === engine && r.cleanup === (CLEANUPS.includes('auto') ? 'auto' : CLEANUPS[0]));
  if (mine.length === 0) continue;
  const pages = mine.reduce((n, r) => n + r.pages, 0);
  const seconds = mine.reduce((n, r) => n + r.seconds, 0);
  console.log(`${engine}: ${((pages / seconds) * 60).toFixed(1)} pages/min over ${pages} pages`);
}
if (!engines.some((e) => e.name === 'system'))
  console.log('system: not installed (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fas)');
