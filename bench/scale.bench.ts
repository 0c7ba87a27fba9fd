/**
 * npm run bench:scale [-- --passages 1000000,10000000 --seed 20141103 --rounds 5]
 * For each archive size (in passages): import rate against a bare FTS5 insert of the same passages,
 * database size by table against the text, search latency over a fixed mix through HTTP against the
 * same MATCH in FTS5 directly, light reads under concurrent heavy searches, a search whose facets count
 * most of the archive, quote linking per quotation, the entity page of the most-mentioned entity, and
 * the server's memory. Archives are generated once per size and seed and kept in bench/.corpus/.
 * With --server-only, only the server is measured again, on the database an earlier full run left there.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/client.ts';
import { QuoteIndexRepository } from '../db/quote-index.repository.ts';
import { createServices } from '../server/services.ts';
import { residentMegabytes, startServer } from './bench-server.ts';
import { plantEntities } from './entity-plants.ts';
import { QUERIES, RARE_QUERIES, rawSql } from './queries.ts';
import { addRestrictedCollection, signInBenchReader } from './restricted-reader.ts';
import { sizeByTable, type TableSize } from './scale/db-size.ts';
import { lightReadsUnderLoad, percentiles, timedGet, type Percentiles } from './scale/http-load.ts';
import { rawFtsBaseline } from './scale/raw-fts.ts';
import { writeScaleCorpus, type ScaleCorpus } from './scale/scale-corpus.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '1000000,10000000' },
    seed: { type: 'string', default: '20141103' },
    rounds: { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '20' },
    'server-only': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SEED = Number(args.seed);
const LOAD_SECONDS = Number(args['load-seconds']);
// Deep pages and a common word: the searches that hold a reader thread longest.
const MIX = [...QUERIES, 'meeting&page=25', 'the', 'report*', 'source OR station'];
const HEAVY = ['the', 'report*', 'source OR station', 'meeting&page=25'];
const MOST_PASSAGES = 'the';

async function importArchive(dbPath: string, corpus: ScaleCorpus) {
  const db = await openDatabase(dbPath, { readers: 0 });
  try {
    const services = createServices(db);
    const started = performance.now();
    const archive = await services.import.importPaths([join(corpus.folder, 'archive')], {
      collection: 'bench',
      visibility: 'public',
      maxFileBytes: 1e9,
    });
    const archiveSeconds = (performance.now() - started) / 1000;
    // The first report builds the quote index over the whole archive; timed apart from linking itself.
    const indexStarted = performance.now();
    new QuoteIndexRepository(db).rebuild();
    const quoteIndexSeconds = (performance.now() - indexStarted) / 1000;
    const reportsStarted = performance.now();
    const reports = await services.import.importPaths([join(corpus.folder, 'reports')], {
      collection: 'reports',
      visibility: 'public',
      maxFileBytes: 1e9,
    });
    const reportSeconds = (performance.now() - reportsStarted) / 1000;
    // As `trove import` does once the documents are in (beside entity extraction, so not counted as import):
    // prefix searches are read from the vocabulary only while it is current (prefix-expansion.service.ts).
    const vocabularyStarted = performance.now();
    services.vocabulary.refresh();
    console.error(`[vocabulary] refreshed in ${((performance.now() - vocabularyStarted) / 1000).toFixed(1)} s`);
    const failed = [...archive.failed, ...reports.failed];
    if (failed.length) throw new Error(`Import failed: ${JSON.stringify(failed.slice(0, 3))}`);
    return { documents: archive.imported, archiveSeconds, quoteIndexSeconds, reportSeconds, quotes: reports.quotes };
  } finally {
    await db.close();
  }
}

async function searchMix(base: string, dbPath: string, headers: Record<string, string>) {
  const raw = new BetterSqlite3(dbPath, { readonly: true });
  raw.pragma('cache_size = -32000');
  const http: number[] = [];
  const direct: number[] = [];
  const byQuery = new Map(MIX.map((query) => [query, { http: [] as number[], raw: [] as number[] }]));
  try {
    for (let round = -1; round < ROUNDS; round++) {
      for (const query of MIX) {
        const [q, page] = query.split('&page=');
        const { ms } = await timedGet(`${base}/api/search?q=${encodeURIComponent(q!)}${page ? `&page=${page}` : ''}`, headers);
        const { sql, match } = rawSql(q!);
        const offset = page ? (Number(page) - 1) * 20 : 0;
        const t0 = performance.now();
        raw.prepare(`${sql} offset ${offset}`).all(match);
        const rawMs = performance.now() - t0;
        if (round >= 0) {
          http.push(ms);
          direct.push(rawMs);
          byQuery.get(query)!.http.push(ms);
          byQuery.get(query)!.raw.push(rawMs);
        }
      }
    }
  } finally {
    raw.close();
  }
  const perQuery = [...byQuery].map(([query, t]) => ({ query, http: percentiles(t.http).p50, raw: percentiles(t.raw).p50 }));
  return { http: percentiles(http), raw: percentiles(direct), perQuery };
}

function mostMentioned(dbPath: string): number {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db
      .prepare('select entity_id from mention where entity_id is not null group by entity_id order by count(*) desc limit 1')
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

async function timeRepeated(times: number, run: () => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = -1; i < times; i++) {
    const started = performance.now();
    await run();
    if (i >= 0) samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/**
 * Seconds from the server's start until its searches count entities: a large archive's mention values load in the
 * background, and searches until then skip the entity facet, so the measurements wait for them. Asked with a rare
 * word: a heavy search would hold the reader thread the load takes its turns on.
 */
async function untilMentionsLoaded(base: string, headers: Record<string, string>, started: number): Promise<number> {
  for (;;) {
    const { body } = await timedGet(`${base}/api/search?q=${RARE_QUERIES[0]}`, headers);
    if (!(body as { facets: { entitiesLoading?: boolean } }).facets.entitiesLoading) return (performance.now() - started) / 1000;
    if (performance.now() - started > 600_000) throw new Error('The mention values were still loading after ten minutes.');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function measureServer(dbPath: string, port: number, headers: Record<string, string>) {
  const started = performance.now();
  const server = await startServer(dbPath, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const mentionsLoadedSeconds = await untilMentionsLoaded(base, headers, started);
    console.error(`[server] mentions loaded ${mentionsLoadedSeconds.toFixed(1)} s after start`);
    const search = await searchMix(base, dbPath, headers);
    const facets = await timeRepeated(ROUNDS, () => timedGet(`${base}/api/search?q=${MOST_PASSAGES}`, headers));
    const facetResponse = (await timedGet(`${base}/api/search?q=${MOST_PASSAGES}`, headers)).body as {
      approximate?: boolean;
      facets?: { approximate?: boolean };
    };
    const entity = mostMentioned(dbPath);
    const entityPage = await timeRepeated(ROUNDS, () =>
      Promise.all([timedGet(`${base}/api/entities/${entity}`, headers), timedGet(`${base}/api/entities/${entity}/mentions`, headers)]),
    );
    const documentIds = new BetterSqlite3(dbPath, { readonly: true })
      .prepare('select id from document order by random() limit 50')
      .pluck()
      .all() as number[];
    const light = await lightReadsUnderLoad(
      base,
      [...documentIds.map((id) => `/api/documents/${id}`), '/api/health'],
      HEAVY.map((q) => q.split('&')[0]!),
      { clients: 8, seconds: LOAD_SECONDS },
    );
    return {
      mentionsLoadedSeconds,
      search,
      facets,
      facetsApproximate: facetResponse.approximate ?? facetResponse.facets?.approximate ?? false,
      entityPage,
      light: percentiles(light.light),
      heavySearchesPerSecond: light.heavyDone / light.heavySeconds,
      heavyShed: light.heavyShed,
      memory: residentMegabytes(server.pid!),
    };
  } finally {
    server.kill('SIGTERM');
  }
}

async function runSize(passages: number, index: number) {
  const corpus = writeScaleCorpus(join(ROOT, 'bench/.corpus', `scale-${passages}-${SEED}`), passages, SEED);
  const work = join(ROOT, 'bench/.corpus', `scale-db-${passages}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dbPath = join(work, 'trove.db');
  console.error(`[${passages}] importing ${corpus.documents} documents…`);
  const imported = await importArchive(dbPath, corpus);
  console.error(`[${passages}] the same passages into a bare FTS5 table…`);
  const raw = rawFtsBaseline(dbPath, join(work, 'raw.db'));
  const size = sizeByTable(dbPath);
  const planted = plantEntities(dbPath);
  // A tagged archive also keeps its mentions: measured again once they are planted.
  const tagged = sizeByTable(dbPath);
  console.error(`[${passages}] ${planted.mentions} mentions planted; measuring the server…`);
  const headers = await addRestrictedCollection(dbPath);
  const server = await measureServer(dbPath, 3950 + index, headers);
  const textMB = size.textBytes / 1e6;
  return {
    passages: raw.passages,
    documents: imported.documents,
    textMB,
    import: {
      seconds: imported.archiveSeconds,
      MBps: textMB / imported.archiveSeconds,
      rawSeconds: raw.seconds,
      ratioToRaw: raw.seconds / imported.archiveSeconds,
      // What issue 13 counts: an archive with reports needs its quote index too.
      withQuoteIndexRatioToRaw: raw.seconds / (imported.archiveSeconds + imported.quoteIndexSeconds),
    },
    size: {
      totalMB: size.totalBytes / 1e6,
      timesText: size.totalBytes / size.textBytes,
      rawTimesText: raw.bytes / size.textBytes,
      tables: size.tables,
      withMentions: {
        mentions: planted.mentions,
        totalMB: tagged.totalBytes / 1e6,
        timesText: tagged.totalBytes / size.textBytes,
        mention: mentionTables(tagged.tables) / 1e6,
      },
    },
    quotes: {
      indexSeconds: imported.quoteIndexSeconds,
      quotations: imported.quotes?.quotations ?? 0,
      linked: imported.quotes?.linked ?? 0,
      msPerQuotation: (imported.reportSeconds * 1000) / Math.max(1, imported.quotes?.quotations ?? 0),
    },
    ...server,
  };
}

type Row = Awaited<ReturnType<typeof runSize>>;
type ServerFigures = Awaited<ReturnType<typeof measureServer>>;
const f = (n: number, d = 1) => n.toFixed(d);

/** The cells both tables print of the server: the search mix against raw, light reads, facets, the entity page. */
function serverCells(r: ServerFigures): string {
  const { http, raw } = r.search;
  const heavy = `${f(r.heavySearchesPerSecond)}${r.heavyShed ? ` (${r.heavyShed} refused busy)` : ''}`;
  return [
    `${f(http.p50)} / ${f(http.p95)} / ${f(http.p99)}`,
    `${f(raw.p50)} / ${f(raw.p95)} / ${f(raw.p99)}`,
    f(http.p50 / raw.p50, 2),
    f(r.light.p99),
    heavy,
    `${f(r.facets.p50)}${r.facetsApproximate ? ' (approximate)' : ''}`,
    f(r.entityPage.p50),
  ].join(' | ');
}

function memoryCell(r: ServerFigures): string {
  return `${f(r.memory.rss, 0)} (peak ${f(r.memory.peak, 0)})`;
}

/** The mention table with its indexes, and the entity tables around it. */
function mentionTables(tables: TableSize[]): number {
  return tables.filter((t) => /^(mention|entity)/.test(t.table)).reduce((n, t) => n + t.bytes, 0);
}

function print(rows: Row[]) {
  console.log(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${f(totalmem() / 2 ** 30, 0)} GiB; Node ${process.version}`,
  );
  console.log(
    '| passages | text MB | import s (MB/s) | raw FTS5 s | import ÷ raw rate (≥ 0.8) | with quote index ÷ raw | DB MB | DB ÷ text (≤ 2.5) | raw ÷ text | with mentions: DB MB (÷ text); entity tables MB; bytes per mention |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const m = r.size.withMentions;
    console.log(
      `| ${r.passages} | ${f(r.textMB)} | ${f(r.import.seconds)} (${f(r.import.MBps)}) | ${f(r.import.rawSeconds)} | ${f(r.import.ratioToRaw, 2)} | ${f(r.import.withQuoteIndexRatioToRaw, 2)} | ${f(r.size.totalMB)} | ${f(r.size.timesText, 2)} | ${f(r.size.rawTimesText, 2)} | ${f(m.totalMB)} (${f(m.timesText, 2)}); ${f(m.mention)}; ${f((m.mention * 1e6) / Math.max(1, m.mentions), 0)} per ${m.mentions} |`,
    );
  }
  console.log(
    '\n| passages | HTTP p50 / p95 / p99 ms | raw p50 / p95 / p99 ms | p50 ratio (≤ 1.3) | light p99 ms under 8 heavy (≤ 50) | heavy searches/s | facets over "the" p50 ms | entity page p50 ms | quote index build s; ms per quotation | server RSS MB (≤ 400) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.passages} | ${serverCells(r)} | ${f(r.quotes.indexSeconds)}; ${f(r.quotes.msPerQuotation)} (${r.quotes.linked}/${r.quotes.quotations} linked) | ${memoryCell(r)} |`,
    );
  for (const r of rows)
    console.log(`\nAt ${r.passages} passages the server counted entities ${f(r.mentionsLoadedSeconds)} s after its start.`);
  for (const r of rows) {
    // Where the mix's ratio comes from: each query's own medians, dearest over raw first.
    console.log(`\nSearch by query at ${r.passages} passages (p50 ms: HTTP, raw, ratio):`);
    for (const q of [...r.search.perQuery].sort((a, b) => b.http / b.raw - a.http / a.raw))
      console.log(`  ${q.query.padEnd(36)} ${f(q.http).padStart(8)} ${f(q.raw).padStart(8)} ${f(q.http / q.raw, 2).padStart(7)}`);
  }
  for (const r of rows) {
    console.log(`\nSize by table at ${r.passages} passages (MB, and times the text):`);
    for (const t of r.size.tables.slice(0, 12))
      console.log(`  ${t.table.padEnd(28)} ${f(t.bytes / 1e6).padStart(9)}  ${f(t.bytes / 1e6 / r.textMB, 2)}`);
  }
}

/** The server measured again on the archive and planted mentions an earlier full run left (--server-only). */
async function remeasureServer(passages: number, index: number) {
  const dbPath = join(ROOT, 'bench/.corpus', `scale-db-${passages}`, 'trove.db');
  if (!existsSync(dbPath)) throw new Error(`--server-only needs the database a full run leaves at ${dbPath}; there is none.`);
  console.error(`[${passages}] measuring the server on the kept database…`);
  return { passages, ...(await measureServer(dbPath, 3970 + index, await signInBenchReader(dbPath))) };
}

function printServer(rows: Array<Awaited<ReturnType<typeof remeasureServer>>>) {
  console.log(
    '| passages | HTTP p50 / p95 / p99 ms | raw p50 / p95 / p99 ms | p50 ratio (≤ 1.3) | light p99 ms under 8 heavy (≤ 50) | heavy searches/s | facets over "the" p50 ms | entity page p50 ms | server RSS MB (≤ 400) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const s = r.search;
    console.log(`| ${r.passages} | ${serverCells(r)} | ${memoryCell(r)} |`);
    console.log(`\nAt ${r.passages} passages the server counted entities ${f(r.mentionsLoadedSeconds)} s after its start.`);
    console.log(`\nSearch by query at ${r.passages} passages (p50 ms: HTTP, raw, ratio), slowest first:`);
    for (const q of [...s.perQuery].sort((a, b) => b.http - a.http))
      console.log(`  ${q.query.padEnd(36)} ${f(q.http).padStart(8)} ${f(q.raw).padStart(8)} ${f(q.http / q.raw, 2).padStart(7)}`);
  }
}

const sizes = args.passages!.split(',').map(Number);
const results: unknown[] = [];
if (args['server-only']) {
  const rows = [];
  for (const [index, passages] of sizes.entries()) rows.push(await remeasureServer(passages, index));
  printServer(rows);
  results.push(...rows);
} else {
  const rows: Row[] = [];
  for (const [index, passages] of sizes.entries()) rows.push(await runSize(passages, index));
  print(rows);
  results.push(...rows);
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results/scale-latest.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, model: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version },
      seed: SEED,
      serverOnly: args['server-only'],
      rows: results,
    },
    null,
    2,
  ),
);
