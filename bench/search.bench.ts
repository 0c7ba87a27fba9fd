/**
 * npm run bench [-- --sizes 10000,100000]
 * For each corpus size: import rate, then search latency through HTTP against a running server and
 * with raw FTS5 queries on the same database file, interleaved so both see the same machine noise.
 */
import { mkdirSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/client.ts';
import { createServices } from '../server/services.ts';
import { residentMegabytes, startServer } from './bench-server.ts';
import { addRestrictedCollection } from './restricted-reader.ts';
import { writeCorpus } from './corpus.ts';
import { plantEntities } from './entity-plants.ts';
import { QUERIES, RARE_QUERIES, rawSql } from './queries.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function importCorpus(dbPath: string, folder: string) {
  const bytes = readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .reduce((n, f) => n + statSync(join(folder, f)).size, 0);
  const db = await openDatabase(dbPath, { readers: 0 });
  const started = performance.now();
  const summary = await createServices(db).import.importPaths([folder], { collection: 'bench', visibility: 'public', maxFileBytes: 1e9 });
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  if (summary.failed.length) throw new Error(`Import failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  return { documents: summary.imported, megabytes: bytes / 1e6, seconds, rate: bytes / 1e6 / seconds };
}

// The mix is the benchmark's headline; the rare words show a request's fixed cost on its own.
const CLASSES = { mix: QUERIES, rare: RARE_QUERIES } as const;
type QueryClass = keyof typeof CLASSES;
type Timings = Record<QueryClass, { http: number[]; direct: number[] }>;

async function timeOne(port: number, query: string, headers: Record<string, string>, raw: BetterSqlite3.Database) {
  const t0 = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(query)}`, { headers });
  if (response.status !== 200) throw new Error(`${query}: HTTP ${response.status} ${await response.text()}`);
  await response.json();
  const t1 = performance.now();
  const { sql, match } = rawSql(query);
  raw.prepare(sql).all(match);
  return { http: t1 - t0, direct: performance.now() - t1 };
}

async function measureSearch(dbPath: string, port: number, headers: Record<string, string> = {}) {
  const server = await startServer(dbPath, port);
  const raw = new BetterSqlite3(dbPath, { readonly: true });
  raw.pragma('cache_size = -32000');
  const timings = Object.fromEntries(Object.keys(CLASSES).map((c) => [c, { http: [], direct: [] }])) as unknown as Timings;
  try {
    for (let round = -2; round < ROUNDS; round++) {
      for (const [name, queries] of Object.entries(CLASSES) as Array<[QueryClass, readonly string[]]>) {
        for (const query of queries) {
          const { http, direct } = await timeOne(port, query, headers, raw);
          if (round < 0) continue;
          timings[name].http.push(http);
          timings[name].direct.push(direct);
        }
      }
    }
    return { ...timings.mix, classes: timings, memory: residentMegabytes(server.pid!) };
  } finally {
    raw.close();
    server.kill('SIGTERM');
  }
}

async function main() {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '10000,100000').split(',').map(Number);
  const results = [];
  for (const size of sizes) {
    const corpus = writeCorpus(join(ROOT, 'bench/.corpus', String(size)), size);
    const work = join(ROOT, 'bench/.corpus', `db-${size}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const dbPath = join(work, 'bench.db');
    console.error(`[${size}] importing…`);
    const imported = await importCorpus(dbPath, corpus);
    // Searches in a tagged archive also count the entity facet and look for other spellings.
    const planted = plantEntities(dbPath);
    console.error(`[${size}] ${planted.mentions} mentions of ${planted.entities} entities planted`);
    console.error(`[${size}] searching…`);
    const port = Number(process.env.BENCH_PORT ?? 3900 + (size % 97));
    const search = await measureSearch(dbPath, port);
    console.error(`[${size}] searching as a signed-in reader, with a restricted collection present…`);
    const checked = await measureSearch(dbPath, port, await addRestrictedCollection(dbPath));
    const row = {
      documents: size,
      importMBps: imported.rate,
      importSeconds: imported.seconds,
      textMB: imported.megabytes,
      mentions: planted.mentions,
      httpP50: percentile(search.http, 50),
      httpP95: percentile(search.http, 95),
      rawP50: percentile(search.direct, 50),
      rawP95: percentile(search.direct, 95),
      ratioP50: percentile(search.http, 50) / percentile(search.direct, 50),
      checkedP50: percentile(checked.http, 50),
      checkedRatioP50: percentile(checked.http, 50) / percentile(checked.direct, 50),
      serverRssMB: search.memory.rss,
      serverPeakRssMB: search.memory.peak,
      samples: search.http.length,
      rareHttpP50: percentile(search.classes.rare.http, 50),
      rareRawP50: percentile(search.classes.rare.direct, 50),
      rareRatioP50: percentile(search.classes.rare.http, 50) / percentile(search.classes.rare.direct, 50),
      checkedRareHttpP50: percentile(checked.classes.rare.http, 50),
      checkedRareRatioP50: percentile(checked.classes.rare.http, 50) / percentile(checked.classes.rare.direct, 50),
    };
    results.push(row);
  }
  printTable(results);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/latest.json'),
    JSON.stringify({ date: new Date().toISOString(), queries: QUERIES, rareQueries: RARE_QUERIES, results }, null, 2),
  );
}

function printTable(rows: Array<Record<string, number>>) {
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(
    '| documents | text MB | import MB/s | HTTP p50 ms | HTTP p95 ms | raw FTS5 p50 ms | raw FTS5 p95 ms | p50 ratio (target ≤ 1.3) | server RSS MB (peak) | checked HTTP p50 ms | checked ratio |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.documents} | ${f(r.textMB!)} | ${f(r.importMBps!)} | ${f(r.httpP50!, 2)} | ${f(r.httpP95!, 2)} | ${f(r.rawP50!, 2)} | ${f(r.rawP95!, 2)} | ${f(r.ratioP50!, 2)} | ${f(r.serverRssMB!, 0)} (${f(r.serverPeakRssMB!, 0)}) | ${f(r.checkedP50!, 2)} | ${f(r.checkedRatioP50!, 2)} |`,
    );
  }
  console.log('\nRare words alone (a few hits each: the fixed cost of a request):\n');
  console.log('| documents | rare HTTP p50 ms | rare raw FTS5 p50 ms | rare p50 ratio | checked rare HTTP p50 ms | checked rare ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.documents} | ${f(r.rareHttpP50!, 2)} | ${f(r.rareRawP50!, 2)} | ${f(r.rareRatioP50!, 2)} | ${f(r.checkedRareHttpP50!, 2)} | ${f(r.checkedRareRatioP50!, 2)} |`,
    );
  }
}

await main();
