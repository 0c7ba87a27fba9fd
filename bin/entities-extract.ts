import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';
import type { ExtractionService, JobState, RunCounts } from '../server/modules/entities/extraction.service.ts';
import { extractEntities } from '../server/pipeline/entities/extract-entities.ts';
import { createServices } from '../server/services.ts';
import { cliActor } from './admin-commands.ts';
import type { EntitiesSubcommand } from './entities-commands.ts';
import { CLEAR_TO_END, timeLeft } from './progress.ts';

interface ExtractFlags {
  all?: boolean;
  text?: string;
  json?: boolean;
}

/** `trove entities extract [--all] [--text FILE] [--json]`. */
export const registerExtract: EntitiesSubcommand = (entities: Command, program: Command) => {
  entities
    .command('extract')
    .description(
      'Find people, organisations, places, dates, sums, code names … in the documents not scanned yet or changed since. ' +
        'Mentions people confirmed or rejected are kept as they are.',
    )
    .option('--all', 'scan every document again, with the confirmed entities as they are now (spreads corrections)')
    .option('--text <file>', 'print the mentions in a UTF-8 text file instead; opens no database')
    .option('--json', 'machine-readable output: with --text, [{ type, text, start, end }] (UTF-16 offsets)')
    .action(async (flags: ExtractFlags) => {
      if (flags.text !== undefined) return extractFile(flags.text, flags.json ?? false);
      const db = await openDatabase(loadConfig({ db: program.opts().db }).databasePath, { readers: 0 });
      try {
        const { extraction } = createServices(db);
        extraction.threads = availableParallelism();
        await extraction.start({ all: flags.all }, cliActor());
        const job = await waitForExtraction(extraction, flags.json ? null : process.stderr);
        const summary = extractionSummary(extraction);
        if (flags.json) console.log(JSON.stringify(summary, null, 2));
        else console.log(extractionSummaryLine(summary));
        process.exitCode = job.error ? 1 : 0;
      } finally {
        await db.close();
      }
    });
};

/** Mentions in a file; nothing is opened or stored. A file that is not UTF-8 text exits with 2. */
function extractFile(path: string, json: boolean): void {
  const text = readText(path);
  if (text === null) return;
  const mentions = extractEntities(text).map((m) => ({ type: m.type, text: m.text, start: m.start, end: m.end }));
  if (json) console.log(JSON.stringify(mentions, null, 2));
  else for (const m of mentions) console.log(`${m.type.padEnd(12)} ${`${m.start}-${m.end}`.padEnd(13)} ${m.text}`);
}

function readText(path: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === 'ENOENT' ? `${path}: no such file.` : code === 'EISDIR' ? `${path} is a folder, not a text file.` : `${path}: ${code}.`,
    );
  }
  if (bytes.includes(0)) return refuse(`${path} looks like a binary file (it holds NUL bytes); give a UTF-8 text file.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(`${path} is not valid UTF-8; convert it first (for example with iconv -t UTF-8).`);
  }
}

function refuse(message: string): null {
  console.error(`trove: ${message}`);
  process.exitCode = 2;
  return null;
}

/** Waits for the run to finish, drawing a progress line on a terminal. */
export async function waitForExtraction(extraction: ExtractionService, stream: NodeJS.WriteStream | null): Promise<JobState> {
  const tty = stream?.isTTY ? stream : null;
  const started = Date.now();
  const timer = tty
    ? setInterval(
        () => tty.write(`\r${renderExtraction(extraction.status(), (Date.now() - started) / 1000, tty.columns || 80)}${CLEAR_TO_END}`),
        200,
      )
    : null;
  try {
    return await extraction.whenIdle();
  } finally {
    if (timer) clearInterval(timer);
    if (tty) tty.write(`\r${renderExtraction(extraction.status(), (Date.now() - started) / 1000, tty.columns || 80)}${CLEAR_TO_END}\n`);
  }
}

export function renderExtraction(job: JobState, seconds: number, columns: number): string {
  const fraction = job.total > 0 ? job.done / job.total : 1;
  const rate = seconds > 0 ? job.done / seconds : 0;
  const left = timeLeft(fraction, seconds);
  const stats = ` ${job.done}/${job.total} documents  ${rate.toFixed(0)} documents/s${left ? `  ${left}` : ''}`;
  const width = Math.max(10, Math.min(40, columns - stats.length - 4));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${stats}`.slice(0, columns - 1);
}

export type ExtractionSummary = JobState & RunCounts & { seconds: number };

/** The last run's state, what it stored, and how long it took. */
export function extractionSummary(extraction: ExtractionService): ExtractionSummary {
  const job = extraction.status();
  const seconds = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : 0;
  return { ...job, ...extraction.runCounts(), seconds };
}

export function extractionSummaryLine(s: ExtractionSummary): string {
  const kept = s.moved + s.dropped > 0 ? `; ${s.moved} decided mentions followed their text, ${s.dropped} dropped with it` : '';
  const line = `Entity extraction: ${s.done} documents scanned in ${s.seconds.toFixed(1)} s, ${s.suggested} suggestions${kept}.`;
  return s.error ? `${line}\n${s.error}` : line;
}
