// `trove ocr`: runs the OCR queue (scans and PDF pages without text), re-runs it for documents or all of them
// (after installing a language, say), and lists what waits for an engine or a language.
import type { Command } from 'commander';
import { openDatabase, type TroveDatabase } from '../db/client.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { OcrRepository } from '../db/ocr.repository.ts';
import { PagesRepository } from '../db/pages.repository.ts';
import { loadConfig } from '../server/config.ts';
import { machineEngines } from '../server/modules/ocr/ocr.engines.ts';
import { defaultWorkers, OcrService, type OcrProgress, type OcrRunResult } from '../server/modules/ocr/ocr.service.ts';
import { parseLanguages } from '../server/pipeline/ocr/languages.ts';
import { createServices } from '../server/services.ts';
import { waitForExtraction } from './entities-extract.ts';
import { timeLeft } from './progress.ts';

interface OcrFlags {
  all?: boolean;
  pending?: boolean;
  ocrLang?: string;
  workers?: string;
  wasm?: boolean;
  json?: boolean;
}

function progressLine(stream: NodeJS.WriteStream): (p: OcrProgress) => void {
  const started = Date.now();
  return (p) => {
    if (!stream.isTTY) return;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? (p.done / seconds) * 60 : 0;
    const left = p.total > 0 ? timeLeft(p.done / p.total, seconds) : '';
    const line = `OCR ${p.done}/${p.total} documents  ${rate.toFixed(1)}/min${left ? `  ${left}` : ''}  ${p.current ?? ''}`;
    stream.write(`\r${line.slice(0, (stream.columns || 80) - 1)}\x1b[K`);
    if (p.done === p.total) stream.write('\n');
  };
}

/** Runs what is queued, printing progress on stderr and a line per document read with low confidence, pending or failed. */
export async function runOcrQueue(
  db: TroveDatabase,
  options: { workers?: number; wasmOnly?: boolean; quiet?: boolean; onText?: (documentId: number) => void } = {},
): Promise<OcrRunResult> {
  const service = new OcrService(new OcrRepository(db.writer), new PagesRepository(db.writer), new DocumentWriter(db), () =>
    machineEngines({ system: !options.wasmOnly }),
  );
  return service.run({
    workers: options.workers,
    onText: options.onText,
    onProgress: options.quiet ? undefined : progressLine(process.stderr),
  });
}

export function printOcrResult(result: OcrRunResult, log: (line: string) => void = console.log): void {
  if (result.done.length + result.pending.length + result.failed.length === 0) return;
  const pages = result.done.reduce((n, d) => n + d.pages, 0);
  log(`OCR: ${result.done.length} documents read (${pages} pages), ${result.pending.length} pending, ${result.failed.length} failed.`);
  for (const d of result.done) {
    if (d.lowConfidence.length > 0)
      log(`  low confidence  ${d.file} (${d.ref}): page ${d.lowConfidence.join(', ')}, mean ${d.confidence}%`);
    for (const note of d.notes) log(`  note  ${d.file} (${d.ref}): ${note}`);
  }
  for (const p of result.pending) log(`  pending  ${p.file} (${p.ref}): ${p.note}`);
  for (const f of result.failed) log(`  failed  ${f.file} (${f.ref}): ${f.reason}`);
}

async function listPending(db: TroveDatabase, json: boolean): Promise<void> {
  const pending = await new OcrRepository(db.writer).list('pending');
  if (json)
    return console.log(
      JSON.stringify(
        pending.map(({ ref, fileName, note }) => ({ ref, file: fileName, note })),
        null,
        2,
      ),
    );
  if (pending.length === 0) return console.log('Nothing waits for an OCR engine or language.');
  console.log(`${pending.length} document${pending.length === 1 ? ' waits' : 's wait'} for OCR:`);
  for (const p of pending) console.log(`  ${p.ref}  ${p.fileName}: ${p.note ?? ''}`);
}

export function registerOcrCommands(program: Command): void {
  program
    .command('ocr')
    .description('Read scans and PDF pages without text (OCR): runs the queue, re-runs documents (REF… or --all), lists what is pending.')
    .argument('[refs...]', 'documents to OCR again')
    .option('--all', 'OCR every scanned document again (after installing a language, for instance)')
    .option('--pending', 'list the documents waiting for an OCR engine or language, and do nothing else')
    .option('--ocr-lang <codes>', 'Tesseract languages to read in, such as eng+fas (default: the document’s, or detected)')
    .option('--workers <n>', `documents read at once (default ${defaultWorkers()})`)
    .option('--wasm', 'use the WebAssembly engine even where the system tesseract is installed')
    .option('--json', 'print a machine-readable result')
    .action(async (refs: string[], flags: OcrFlags) => {
      const config = loadConfig({ db: program.opts().db, originals: program.opts().originals });
      const db = await openDatabase(config.databasePath, { readers: 0 });
      try {
        if (flags.pending) return await listPending(db, flags.json === true);
        const languages = flags.ocrLang === undefined ? undefined : parseLanguages(flags.ocrLang);
        const jobs = new OcrRepository(db.writer);
        const { ids, unknown } = await jobs.idsOfRefs(refs);
        if (unknown.length > 0)
          throw new Error(
            `No document has the ref ${unknown.map((r) => `"${r}"`).join(', ')}; see npx trove ocr --pending or search for it.`,
          );
        if (flags.all || refs.length > 0) await jobs.requeue(flags.all ? 'all' : ids, languages);
        const workers = flags.workers === undefined ? undefined : Number(flags.workers);
        if (workers !== undefined && !(Number.isInteger(workers) && workers > 0))
          throw new Error(`--workers takes a whole number above 0, not "${flags.workers}".`);
        // The text read gets its entities, as an import's documents do.
        const services = createServices(db, { originalsDir: config.originalsDir });
        const result = await runOcrQueue(db, {
          workers,
          wasmOnly: flags.wasm,
          quiet: flags.json,
          onText: (id) => services.extraction.queue([id]),
        });
        await waitForExtraction(services.extraction, flags.json ? null : process.stderr);
        if (flags.json) console.log(JSON.stringify(result, null, 2));
        else if (result.done.length + result.pending.length + result.failed.length === 0) console.log('Nothing is queued for OCR.');
        else printOcrResult(result);
        process.exitCode = result.failed.length > 0 ? 1 : 0;
      } finally {
        await db.close();
      }
    });
}
