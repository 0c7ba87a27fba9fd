import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import type { Visibility } from '../db/schema.ts';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';
import { parseLanguages } from '../server/pipeline/ocr/languages.ts';
import { AppError } from '../server/errors.ts';
import { OPERATOR_VIEWER, scopeOf } from '../server/modules/auth/viewer.ts';
import { VISIBILITIES } from '../server/modules/collections/collections.service.ts';
import { serve } from '../server/main.ts';
import { createServices } from '../server/services.ts';
import { cliActor, registerAdminCommands } from './admin-commands.ts';
import { extractionSummary, extractionSummaryLine, waitForExtraction } from './entities-extract.ts';
import { registerEntitiesCommands } from './entities-commands.ts';
import { printOcrResult, registerOcrCommands, runOcrQueue } from './ocr-commands.ts';
import { importAsJob, recordImport } from './import-job.ts';
import { registerJobsCommand } from './jobs-command.ts';
import { printImportSummary, printSearchResults } from './output.ts';
import { progressBar } from './progress.ts';
import { linkSummaryLine, printQuotes, quotesJson } from './quotes-output.ts';

const program = new Command('trove')
  .description('Trove: search, read and trace leaked-document archives.')
  .option('--db <file>', 'SQLite database file (default: $TROVE_DB or data/trove.db)')
  .option('--originals <dir>', 'where imported files are kept (default: $TROVE_ORIGINALS or originals/ beside the database)')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the web app and API; imports the bundled sample archive into an empty database.')
  .option('--port <port>', 'port to listen on (default: $PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .option('--no-sample', 'do not import the sample archive on first start')
  .action(async (flags: { port?: string; host?: string; sample: boolean }) => {
    const config = loadConfig({ db: program.opts().db, originals: program.opts().originals, port: flags.port, host: flags.host });
    await serve(config, { sample: flags.sample, log: (line) => console.log(line) });
  });

interface ImportFlags {
  collection: string;
  kind?: 'cable' | 'report' | 'document';
  visibility: Visibility;
  followLinks?: boolean;
  json?: boolean;
  ocrLang?: string;
}

program
  .command('import')
  .description(
    'Import files and folders (txt, md, html, eml, json, jsonl, pdf, office and mail files, archives); folders are read recursively.',
  )
  .argument('<paths...>', 'files or folders')
  .option('--collection <name>', 'collection to import into', 'default')
  .addOption(new Option('--kind <kind>', 'kind for documents that do not say').choices(['cable', 'report', 'document']))
  .addOption(
    new Option('--visibility <visibility>', 'who may read the collection, if this import creates it')
      .choices(VISIBILITIES)
      .default('internal'),
  )
  .option('--follow-links', 'follow symbolic links that lead out of the folders imported')
  .option('--json', 'print a machine-readable summary instead of progress')
  .option('--ocr-lang <codes>', 'Tesseract languages for scans, such as eng+fas (default: each document’s, or detected)')
  .action(async (paths: string[], flags: ImportFlags) => {
    const config = loadConfig({ db: program.opts().db, originals: program.opts().originals });
    const db = await openDatabase(config.databasePath, { readers: 0 });
    try {
      const bar = progressBar();
      const services = createServices(db, { originalsDir: config.originalsDir });
      const job = recordImport(services.jobs.repository, cliActor(), { paths, collection: flags.collection });
      const summary = await importAsJob(job, () =>
        services.import.importPaths(paths, {
          collection: flags.collection,
          visibility: flags.visibility,
          kind: flags.kind,
          maxFileBytes: config.maxFileBytes,
          batchDocuments: config.importBatchDocuments,
          archiveLimits: config.archiveLimits,
          followLinks: flags.followLinks,
          onProgress: (p) => {
            job.progress(p);
            if (!flags.json) bar.update(p);
          },
          ocrLanguages: flags.ocrLang === undefined ? undefined : parseLanguages(flags.ocrLang),
          signal: job.signal,
        }),
      );
      bar.done();
      if (job.signal.aborted) console.error('trove: the import was cancelled on the jobs page; run the same import again to go on.');
      // Text documents are stored and searchable already; scans are read now, from the queue (resumable: trove ocr).
      const ocr = await runOcrQueue(db, { quiet: flags.json, onText: (id) => services.extraction.queue([id]) });
      // The documents' entities are extracted before the command ends (the server does it in the background),
      // on every core: nobody is searching this process.
      services.extraction.threads = availableParallelism();
      // The new words join the vocabulary of fuzzy~ search while the extraction threads work, rather than
      // holding the import back (a tenth of a first import's time) or slowing the first such search.
      services.vocabulary.refresh();
      const extraction = await waitForExtraction(services.extraction, flags.json ? null : process.stderr);
      const { id, name } = cliActor();
      await services.audit.record({
        actorId: id,
        actor: name,
        action: 'import.run',
        subjectType: 'collection',
        subjectId: flags.collection,
        after: {
          paths,
          imported: summary.imported,
          updated: summary.updated,
          skipped: summary.skipped,
          failed: summary.failed.length,
          ignored: summary.ignored.length,
        },
      });
      if (flags.json) console.log(JSON.stringify({ ...summary, ocr }, null, 2));
      else printImportSummary(summary);
      if (!flags.json) printOcrResult(ocr);
      if (!flags.json && summary.quotes && summary.quotes.quotations > 0) console.log(linkSummaryLine(summary.quotes));
      if (!flags.json && extraction.total > 0) console.log(extractionSummaryLine(extractionSummary(services.extraction)));
      process.exitCode = summary.failed.length > 0 || job.signal.aborted ? 1 : 0;
    } finally {
      await db.close();
    }
  });

program
  .command('search')
  .description('Search the archive; the same results as the web app and GET /api/search.')
  .argument('<query>', 'words, "phrases", prefix*, OR, -exclude, field:value')
  .option('--page <n>', 'result page', '1')
  .option('--json', 'print the same JSON as the API')
  .action(async (query: string, flags: { page: string; json?: boolean }) => {
    const config = loadConfig({ db: program.opts().db });
    const db = await openDatabase(config.databasePath, { readers: 0 });
    try {
      const result = await createServices(db).search.run(
        { q: query, page: Math.max(1, Number(flags.page) || 1) },
        scopeOf(OPERATOR_VIEWER),
      );
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else printSearchResults(result);
    } finally {
      await db.close();
    }
  });

program
  .command('quotes')
  .description("A report's quotations and the source passages they are linked to; the same data as GET /api/reports/:id.")
  .argument('<report-ref>', 'the report, by its reference')
  .option('--json', 'print [{ text, start, end, status, links: [{ document_ref, passage_id, score, fragments }] }]')
  .action(async (ref: string, flags: { json?: boolean }) => {
    const config = loadConfig({ db: program.opts().db });
    const db = await openDatabase(config.databasePath, { readers: 0 });
    try {
      const report = await createServices(db).quotes.reportByRef(ref, OPERATOR_VIEWER);
      if (flags.json) console.log(JSON.stringify(quotesJson(report), null, 2));
      else printQuotes(report);
    } finally {
      await db.close();
    }
  });

program
  .command('link')
  .description(
    'Link quotations to their sources again: reports not yet scanned and quotations still unmatched. Decisions people made are kept.',
  )
  .option('--all', 'scan every report and re-link every quotation (rebuilds the quote index first)')
  .action(async (flags: { all?: boolean }) => {
    const config = loadConfig({ db: program.opts().db });
    const db = await openDatabase(config.databasePath, { readers: 0 });
    try {
      console.log(linkSummaryLine(createServices(db).linking.linkAll(flags.all ?? false)));
    } finally {
      await db.close();
    }
  });

registerAdminCommands(program);
registerEntitiesCommands(program);
registerOcrCommands(program);
registerJobsCommand(program);

// `trove search … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof AppError || error instanceof Error ? `trove: ${error.message}` : error);
  process.exitCode = 2;
}
