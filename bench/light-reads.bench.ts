/**
 * npm run bench:light [-- --documents 10000 --seconds 15 --rounds 2]
 * Light reads under heavy searches: 8 clients search as fast as they can (common words, facets, deep pages)
 * while one client times GET /api/documents/:id and GET /api/health. Three servers on the same archive, taken
 * in turn each round so they share the machine's noise: two search threads without the light-read lane
 * (before), two with it (after), and one search thread with and without it (how far a second search
 * thread raises throughput).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/client.ts';
import { createServices } from '../server/services.ts';
import { startServer } from './bench-server.ts';
import { writeCorpus } from './corpus.ts';
import { plantEntities } from './entity-plants.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CLIENTS = 8;
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const DOCUMENTS = arg('documents', 10_000);
const SECONDS = arg('seconds', 15);
const ROUNDS = arg('rounds', 2);

// Common words match most passages (every facet counted over them); deep pages rank thousands of passages.
const HEAVY = [
  'q=the',
  'q=reported',
  'q=meeting&page=25',
  'q=ministry&page=50',
  'q=officer OR source',
  'q=recruit*&page=10',
  'q=the station&page=40',
  'q=kind:cable confirmed',
];

interface Setup {
  name: string;
  env: Record<string, string>;
}
const SETUPS: Setup[] = [
  { name: 'before: 2 search threads, no light lane', env: { TROVE_READERS: '2', TROVE_LIGHT_LANE: '0' } },
  { name: 'after: 2 search threads + light lane', env: { TROVE_READERS: '2', TROVE_LIGHT_LANE: '1' } },
  { name: 'after: 1 search thread + light lane', env: { TROVE_READERS: '1', TROVE_LIGHT_LANE: '1' } },
  // Without the lane the search threads keep their normal CPU priority: the thread count alone, against other load.
  { name: 'before: 1 search thread, no light lane', env: { TROVE_READERS: '1', TROVE_LIGHT_LANE: '0' } },
];

/** The benchmark archive, imported once and kept in bench/.corpus (delete the folder to rebuild it). */
async function archive(): Promise<string> {
  const work = join(ROOT, 'bench/.corpus', `light-${DOCUMENTS}`);
  const dbPath = join(work, 'bench.db');
  if (existsSync(join(work, '.ready'))) return dbPath;
  const corpus = writeCorpus(join(ROOT, 'bench/.corpus', String(DOCUMENTS)), DOCUMENTS);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  console.error(`importing ${readdirSync(corpus).length - 1} files of ${DOCUMENTS} documents…`);
  const db = await openDatabase(dbPath, { readers: 0 });
  const summary = await createServices(db).import.importPaths([corpus], { collection: 'bench', visibility: 'public', maxFileBytes: 1e9 });
  await db.close();
  if (summary.failed.length) throw new Error(`Import failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  // Entities make every search count the entity facet too, as in a tagged archive.
  plantEntities(dbPath);
  writeFileSync(join(work, '.ready'), '');
  return dbPath;
}

// The searching clients run in a thread of their own, so their JSON does not delay the timing of light reads.
const HEAVY_CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, queries, clients, until } = workerData;
let done = 0, failed = 0;
async function client(n) {
  for (let i = n; Date.now() < until; i++) {
    const response = await fetch(base + '/api/search?' + queries[i % queries.length]);
    await response.arrayBuffer();
    if (response.status === 200) done++; else failed++;
  }
}
Promise.all(Array.from({ length: clients }, (_, n) => client(n))).then(() => parentPort.postMessage({ done, failed }));
`;

function heavyLoad(base: string, until: number): Promise<{ done: number; failed: number }> {
  const worker = new Worker(HEAVY_CLIENTS, { eval: true, workerData: { base, queries: HEAVY, clients: CLIENTS, until } });
  return new Promise((ok, fail) => {
    worker.once('message', (result) => void worker.terminate().then(() => ok(result)));
    worker.once('error', fail);
  });
}

async function timed(url: string, samples: number[]): Promise<void> {
  const t0 = performance.now();
  const response = await fetch(url);
  await response.text();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  samples.push(performance.now() - t0);
}

function residentMegabytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

interface Run {
  searches: number;
  failed: number;
  seconds: number;
  document: number[];
  health: number[];
  rssMB: number;
}

async function run(dbPath: string, setup: Setup, ids: number[], port: number): Promise<Run> {
  Object.assign(process.env, setup.env);
  const server = await startServer(dbPath, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (const query of HEAVY) await (await fetch(`${base}/api/search?${query}`)).arrayBuffer();
    const started = performance.now();
    const until = Date.now() + SECONDS * 1000;
    const load = heavyLoad(base, until);
    const document: number[] = [];
    const health: number[] = [];
    // A reader opening documents one after another, a monitor asking for health, a little apart.
    for (let i = 0; Date.now() < until; i++) {
      await timed(`${base}/api/documents/${ids[(i * 7919) % ids.length]}`, document);
      await timed(`${base}/api/health`, health);
      await new Promise((ok) => setTimeout(ok, 10));
    }
    const { done, failed } = await load;
    const seconds = (performance.now() - started) / 1000;
    return { searches: done, failed, seconds, document, health, rssMB: residentMegabytes(server.pid!) };
  } finally {
    server.kill('SIGTERM');
    await new Promise((ok) => server.once('exit', ok));
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

async function main() {
  const dbPath = await archive();
  const raw = new BetterSqlite3(dbPath, { readonly: true });
  const ids = raw.prepare('select id from document order by id').pluck().all() as number[];
  raw.close();
  const runs = new Map<string, Run[]>(SETUPS.map((s) => [s.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const setup of SETUPS) {
      console.error(`round ${round}/${ROUNDS}: ${setup.name}…`);
      runs.get(setup.name)!.push(await run(dbPath, setup, ids, 3970 + round));
    }
  }
  const rows = SETUPS.map((setup) => {
    const all = runs.get(setup.name)!;
    const document = all.flatMap((r) => r.document);
    const health = all.flatMap((r) => r.health);
    return {
      setup: setup.name,
      documentP50: percentile(document, 50),
      documentP99: percentile(document, 99),
      healthP50: percentile(health, 50),
      healthP99: percentile(health, 99),
      // Each round's rate, then their median: one noisy round does not decide it.
      searchesPerSecond: median(all.map((r) => r.searches / r.seconds)),
      failed: all.reduce((n, r) => n + r.failed, 0),
      samples: document.length,
      rssMB: Math.max(...all.map((r) => r.rssMB)),
    };
  });
  print(rows);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/light-reads-latest.json'),
    JSON.stringify({ date: new Date().toISOString(), documents: DOCUMENTS, seconds: SECONDS, rounds: ROUNDS, heavy: HEAVY, rows }, null, 2),
  );
}

function print(rows: Array<Record<string, number | string>>) {
  const f = (n: number | string, d = 1) => (typeof n === 'number' ? n.toFixed(d) : n);
  console.log(`${DOCUMENTS} documents, ${CLIENTS} clients searching, ${ROUNDS} rounds of ${SECONDS} s per setup`);
  console.log(
    '| setup | document p50 ms | document p99 ms | health p50 ms | health p99 ms | searches/s | failed | light samples | server RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.setup} | ${f(r.documentP50!)} | ${f(r.documentP99!)} | ${f(r.healthP50!)} | ${f(r.healthP99!)} | ${f(r.searchesPerSecond!)} | ${r.failed} | ${r.samples} | ${f(r.rssMB!, 0)} |`,
    );
  }
  const rate = (n: number) => Number(rows.find((r) => r.setup === SETUPS[n]!.name)!.searchesPerSecond);
  console.log(
    `search throughput, 2 search threads / 1: ${(rate(1) / rate(2)).toFixed(2)}x with the lane, ${(rate(0) / rate(3)).toFixed(2)}x without (target >= 1.7); light p99 target <= 50 ms`,
  );
}

await main();
