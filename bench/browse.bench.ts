/**
 * npm run bench:browse [-- --small 10000 --large 1000000 --rounds 200]
 * Browsing at two archive sizes in one run: the first page of GET /api/documents in each order,
 * a filtered page (whose total is estimated over the large archive), the next pages, and
 * GET /api/collections, through HTTP (app.inject on buildApp), the two archives asked in turn so
 * a busy machine slows both alike. Also the statements browsing ran before migration 0014 (sort and
 * count every document), straight on each database, for comparison. The archives are document rows
 * written in SQL (bench/browse-corpus.ts), built once into bench/.corpus/ (about a minute for 1M).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { migrationNames } from '../db/migrate.ts';
import { buildApp } from '../server/app.ts';
import { buildBrowseDatabase } from './browse-corpus.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SIZES = [arg('small', 10_000), arg('large', 1_000_000)];
const ROUNDS = arg('rounds', 200);

const REQUESTS = [
  ['first page, newest first', '/api/documents'],
  ['first page, oldest first', '/api/documents?sort=date'],
  ['first page, by reference', '/api/documents?sort=ref'],
  ['page 5 of 100 each', '/api/documents?page=5&pageSize=100'],
  ['filtered: reports', '/api/documents?kind=report'],
  ['filtered: one collection', '/api/documents?collection=Cables'],
  ['collections list', '/api/collections'],
  // For comparison, not changed here: the search page browses without words through /api/search,
  // whose facets stop at TROVE_FACET_LIMIT documents but whose total is counted in full.
  ['search without words', '/api/search'],
] as const;

// What browsing ran before migration 0014: the sort and count of every readable document for a
// page of GET /api/documents, and a count of every document for GET /api/collections.
const BEFORE = [
  [
    'first page, before 0014',
    [
      `select d.id, d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection
       from document d join collection c on c.id = d.collection_id
       where d.collection_id not in (select id from collection where visibility != 'public')
       order by d.date desc nulls last, d.id limit 20 offset 0`,
      `select count(*) as n from document d join collection c on c.id = d.collection_id
       where d.collection_id not in (select id from collection where visibility != 'public')`,
    ],
  ],
  [
    'collections, before 0014',
    [
      `select collection.id, collection.name, collection.visibility, count(document.id) as documentCount
       from collection left join document on document.collection_id = collection.id
       where collection.id not in (select id from collection where visibility != 'public')
       group by collection.id order by collection.name`,
    ],
  ],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main() {
  // Named by the latest migration, so an archive built before a schema step is built again rather than refused.
  const paths = SIZES.map((n) => join(import.meta.dirname, '.corpus', `browse-${n}-${migrationNames.at(-1)}`, 'browse.db'));
  for (const [i, n] of SIZES.entries()) {
    const started = performance.now();
    await buildBrowseDatabase(paths[i]!, n);
    console.log(`archive of ${n.toLocaleString('en')} documents ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const apps = await Promise.all(paths.map((databasePath) => buildApp({ databasePath })));
  const before = paths.map((path) => new Database(path, { readonly: true }));
  try {
    const times = REQUESTS.map(() => SIZES.map((): number[] => []));
    const beforeTimes = BEFORE.map(() => SIZES.map((): number[] => []));
    const totals = REQUESTS.map(() => SIZES.map(() => ''));
    for (let round = -5; round < ROUNDS; round++) {
      for (const [r, [, url]] of REQUESTS.entries()) {
        // Which archive goes first alternates, so neither always follows the other's work.
        for (const s of round % 2 === 0 ? [0, 1] : [1, 0]) {
          const app = apps[s]!;
          const t0 = performance.now();
          const response = await app.inject({ url });
          const elapsed = performance.now() - t0;
          if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
          if (round < 0) continue;
          times[r]![s]!.push(elapsed);
          const body = response.json() as { total?: number; totalApproximate?: boolean };
          if (body.total !== undefined) totals[r]![s] = `${body.totalApproximate ? '~' : ''}${body.total.toLocaleString('en')}`;
        }
      }
      // The old statements are slow at the large size: a tenth of the rounds is enough for a median.
      if (round >= 0 && round % 10 === 0) {
        for (const [b, [, statements]] of BEFORE.entries()) {
          for (const [s, db] of before.entries()) {
            const t0 = performance.now();
            for (const statement of statements) db.prepare(statement).all();
            beforeTimes[b]![s]!.push(performance.now() - t0);
          }
        }
      }
    }
    const [small, large] = SIZES.map((n) => n.toLocaleString('en'));
    const row = (label: string, a: string, b: string, ratio: string) =>
      console.log(`${label.padEnd(32)}${a.padEnd(34)}${b.padEnd(34)}${ratio}`);
    console.log(`\n${ROUNDS} rounds, median (p95) and total; the two archives asked in turn. Anonymous reader (public: 80%).`);
    row('request', `${small} docs`, `${large} docs`, 'large / small');
    for (const [r, [label]] of REQUESTS.entries()) {
      const [a, b] = times[r]!;
      const cell = (xs: number[], s: number) => `${ms(median(xs))} (${ms(p95(xs))})${totals[r]![s] ? ` ${totals[r]![s]}` : ''}`;
      row(label, cell(a!, 0), cell(b!, 1), (median(b!) / median(a!)).toFixed(2));
    }
    for (const [b, [label]] of BEFORE.entries()) {
      const [a, c] = beforeTimes[b]!.map(median);
      row(`${label} (SQL)`, ms(a!), ms(c!), (c! / a!).toFixed(2));
    }
  } finally {
    for (const db of before) db.close();
    await Promise.all(apps.map((app) => app.close()));
  }
}

await main();
