/**
 * npm run bench:entities [-- --only throughput,accuracy,page] [--documents 4500] [--passages 100000] [--rounds 25]
 * (a) Extraction throughput over a synthetic corpus of at least 10 MB: the layers alone on one thread, and
 *     the whole pipeline (thread, writes, entity grouping) as the server runs it and as the command line does.
 * (b) The tagger's per-type precision, recall and F1 on each test file (bench/entities-accuracy.ts), and the
 *     in-genre figure on the sample archive's gold mentions (bench/entities-gold-eval.ts).
 * (c) GET /api/entities/:id and its mentions for the most-mentioned entity at 100k passages (cached corpus).
 * Heavy parts run once: the machine is shared, so the figures are what one run saw.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type TroveDatabase } from '../db/client.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { EntityExtractionRepository } from '../db/entity-extraction.repository.ts';
import { ExtractionService } from '../server/modules/entities/extraction.service.ts';
import { ImportService } from '../server/modules/import/import.service.ts';
import { extractEntities } from '../server/pipeline/entities/extract-entities.ts';
import { Gazetteer } from '../server/pipeline/entities/gazetteer/gazetteer.ts';
import { loadTagger } from '../server/pipeline/entities/tagger/index.ts';
import { aliasKey } from '../server/pipeline/entities/alias-key.ts';
import { startServer } from './bench-server.ts';
import { timeEntityQueries } from './entities-page-queries.ts';
import { addVault } from './entities-vault.ts';
import { writeCorpus } from './corpus.ts';
import { measureTaggerAccuracy } from './entities-accuracy.ts';
import { evaluateOnGold, NAME_TYPES } from './entities-gold-eval.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'bench/.corpus');
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const ONLY = new Set(arg('only', 'throughput,accuracy,page').split(','));
const log = (line: string) => console.error(line);
const f = (n: number, digits = 1) => n.toFixed(digits);
const pct = (x: number) => (100 * x).toFixed(1);

// Confirmed entities, so that the gazetteer layer has work: the corpus's people and places.
const CONFIRMED: Array<[string, string[]]> = [
  ['person', ['Abu Karim', 'Abou Karim']],
  ['person', ['Hassan Jaberi', 'Hasan Jaberi']],
  ['person', ['Colonel Rashid', 'Col. Rashid']],
  ['person', ['Samira Nouri', 'Dr. Samira Nouri']],
  ['codename', ['Falcon']],
  ['place', ['Baghdad']],
  ['place', ['Basra']],
  ['place', ['Erbil']],
];

/** Imports without the extraction hook: the runs below measure extraction on its own. */
async function importOnly(db: TroveDatabase, folder: string): Promise<void> {
  const summary = await new ImportService(new DocumentWriter(db)).importPaths([folder], {
    collection: 'bench',
    visibility: 'public',
    maxFileBytes: 1e9,
  });
  if (summary.failed.length) throw new Error(`Import failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
}

function confirmEntities(db: TroveDatabase): void {
  const c = db.writerConnection;
  const addEntity = c.prepare(`insert into entity (type, name, status, created_by) values (?, ?, 'confirmed', 'bench')`);
  const addAlias = c.prepare(`insert into entity_alias (entity_id, name, key, created_by) values (?, ?, ?, 'bench')`);
  c.transaction(() => {
    for (const [type, names] of CONFIRMED) {
      const id = Number(addEntity.run(type, names[0]).lastInsertRowid);
      for (const name of names) addAlias.run(id, name, aliasKey(name));
    }
  })();
}

async function throughput() {
  const documents = Number(arg('documents', '4500'));
  const folder = writeCorpus(join(CORPUS, `entities-${documents}`), documents);
  const work = join(CORPUS, 'entities-throughput');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const db = await openDatabase(join(work, 'bench.db'), { readers: 0 });
  try {
    await importOnly(db, folder);
    confirmEntities(db);
    const bodies = db.writerConnection.prepare('select unpack_body(body_packed) as body, language from document').all() as Array<{
      body: string;
      language: string | null;
    }>;
    const megabytes = bodies.reduce((n, b) => n + Buffer.byteLength(b.body, 'utf8'), 0) / 1e6;
    log(`[throughput] ${bodies.length} documents, ${f(megabytes)} MB of text`);
    let t = performance.now();
    loadTagger();
    const loadSeconds = (performance.now() - t) / 1000;
    const gazetteer = Gazetteer.build(new EntityExtractionRepository(db).gazetteerEntries());
    t = performance.now();
    const cpu = process.cpuUsage();
    let mentions = 0;
    for (const b of bodies) mentions += extractEntities(b.body, { language: b.language, gazetteer }).length;
    const pureSeconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const pureCpu = (used.user + used.system) / 1e6;
    log(`[throughput] layers alone: ${f(pureSeconds)} s`);
    const runs = [];
    for (const threads of [1, availableParallelism()]) {
      const service = new ExtractionService(new EntityExtractionRepository(db), { isOpen: () => db.writerConnection.open, threads });
      t = performance.now();
      // process.cpuUsage counts every thread of the process: the extraction threads and the writing one.
      const runCpu = process.cpuUsage();
      await service.start({ all: true });
      const job = await service.whenIdle();
      const seconds = (performance.now() - t) / 1000;
      const spent = process.cpuUsage(runCpu);
      if (job.error) throw new Error(job.error);
      log(`[throughput] pipeline, ${threads} thread(s): ${f(seconds)} s`);
      runs.push({ threads, seconds, cpu: (spent.user + spent.system) / 1e6, suggested: service.runCounts().suggested });
    }
    const entities = db.writerConnection.prepare('select count(*) from entity').pluck().get() as number;
    console.log('\n### Extraction throughput (target: whole pipeline ≥ 1 MB/s)\n');
    console.log('| what | documents | text MB | seconds | MB/s (wall) | notes |');
    console.log('|---|---|---|---|---|---|');
    console.log(
      `| layers alone (rules + gazetteer + tagger), one thread | ${bodies.length} | ${f(megabytes)} | ${f(pureSeconds)} | ${f(megabytes / pureSeconds, 2)} | ${f(megabytes / pureCpu, 2)} MB per CPU-second; ${mentions} mentions; tagger load ${f(loadSeconds, 2)} s not counted |`,
    );
    for (const r of runs) {
      const label =
        r.threads === 1
          ? 'whole pipeline as the server runs it (1 extraction thread)'
          : `whole pipeline as the command line runs it (${r.threads} threads)`;
      console.log(
        `| ${label} | ${bodies.length} | ${f(megabytes)} | ${f(r.seconds)} | ${f(megabytes / r.seconds, 2)} | ${f(megabytes / r.cpu, 2)} MB per CPU-second (all threads); thread start and model load included; ${r.suggested} suggestions, ${entities} entities |`,
      );
    }
  } finally {
    await db.close();
  }
}

async function accuracy() {
  log('[accuracy] tagger on the test files…');
  const rows = measureTaggerAccuracy();
  if (rows.length === 0) console.log('\n(No test files found in ../shared/ner: tagger accuracy skipped.)');
  else {
    console.log(
      '\n### Tagger per type on each test file (exact spans; targets: GUM test ≥ 70 F1 over PER/ORG/LOC, ParsTwiNER test ≥ 75)\n',
    );
    console.log('| file | variant | type | P | R | F1 | gold |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) {
      for (const [cls, s] of [...Object.entries(row.evaluation.byClass), ['micro', row.evaluation.micro] as const]) {
        console.log(`| ${row.file} | ${row.variant} | ${cls} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.gold} |`);
      }
    }
  }
  log('[accuracy] whole extraction on the sample archive’s gold…');
  const gold = await evaluateOnGold((text, language, documentDate) => extractEntities(text, { language, documentDate }));
  console.log(
    `\n### In-genre: the whole extraction on the sample archive's gold (${gold.goldMentions} mentions, ${gold.documents} documents)\n`,
  );
  console.log('| type | P | R | F1 | tp | fp | fn |');
  console.log('|---|---|---|---|---|---|---|');
  const line = (name: string, s: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }) =>
    console.log(`| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.tp} | ${s.fp} | ${s.fn} |`);
  for (const [type, s] of Object.entries(gold.byType)) line(type, s);
  line(`micro ${NAME_TYPES.join('/')}`, gold.perOrgLoc);
  line('micro, all types', gold.all);
}

/** A database of at least `passages` passages with every document's entities extracted; built once and kept. */
async function pageCorpus(passages: number): Promise<string> {
  const dbPath = join(CORPUS, `entities-page-${passages}`, 'bench.db');
  if (existsSync(`${dbPath}.complete`)) return dbPath;
  rmSync(join(CORPUS, `entities-page-${passages}`), { recursive: true, force: true });
  mkdirSync(join(CORPUS, `entities-page-${passages}`), { recursive: true });
  // About 6.5 passages a synthetic cable; a few more documents than needed, checked below.
  const documents = Math.ceil(passages / 6) + 500;
  const folder = writeCorpus(join(CORPUS, `entities-${documents}`), documents);
  const db = await openDatabase(dbPath, { readers: 0 });
  try {
    log(`[page] importing ${documents} documents…`);
    await importOnly(db, folder);
    const have = db.writerConnection.prepare('select count(*) from passage').pluck().get() as number;
    if (have < passages) throw new Error(`Only ${have} passages; raise the documents per passage estimate.`);
    confirmEntities(db);
    log(`[page] extracting entities from ${have} passages (once; cached)…`);
    const service = new ExtractionService(new EntityExtractionRepository(db), {
      isOpen: () => db.writerConnection.open,
      threads: availableParallelism(),
    });
    await service.start({ all: true });
    const job = await service.whenIdle();
    if (job.error) throw new Error(job.error);
  } finally {
    await db.close();
  }
  writeFileSync(`${dbPath}.complete`, '');
  return dbPath;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;

async function page() {
  const passages = Number(arg('passages', '100000'));
  const rounds = Number(arg('rounds', '25'));
  const dbPath = await pageCorpus(passages);
  const raw = new BetterSqlite3(dbPath, { readonly: true });
  const top = raw
    .prepare(
      `select m.entity_id as id, e.name, e.type, count(*) as mentions from mention m join entity e on e.id = m.entity_id
       where m.status != 'rejected' group by m.entity_id order by mentions desc limit 1`,
    )
    .get() as { id: number; name: string; type: string; mentions: number };
  const counts = raw.prepare('select (select count(*) from passage) as passages, (select count(*) from mention) as mentions').get() as {
    passages: number;
    mentions: number;
  };
  raw.close();
  log(`[page] most-mentioned: ${top.name} (${top.type}), ${top.mentions} mentions`);
  // Asked as a signed-in viewer outside a restricted collection that also mentions the entity: every count is scoped.
  const headers = await addVault(dbPath, top.name);
  const accounts = new BetterSqlite3(dbPath, { readonly: true });
  const readerId = Number(accounts.prepare(`select id from account where name = 'bench-reader'`).pluck().get());
  accounts.close();
  const port = 3990;
  const server = await startServer(dbPath, port);
  const timings: Record<string, number[]> = {};
  try {
    const urls = {
      [`GET /api/entities/${top.id}`]: `/api/entities/${top.id}`,
      [`GET /api/entities/${top.id}/mentions`]: `/api/entities/${top.id}/mentions`,
      [`GET /api/entities/${top.id}/mentions?sort=-date&page=20`]: `/api/entities/${top.id}/mentions?sort=-date&page=20`,
      'GET /api/entities (most mentioned first)': '/api/entities',
      'GET /api/entities?type=person': '/api/entities?type=person',
    };
    for (let round = -2; round < rounds; round++) {
      for (const [name, url] of Object.entries(urls)) {
        const t0 = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}${url}`, { headers });
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
        await response.json();
        if (round >= 0) (timings[name] ??= []).push(performance.now() - t0);
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
  console.log(
    `\n### Entity page at ${counts.passages} passages, ${counts.mentions} mentions: "${top.name}" (${top.type}, ${top.mentions} mentions); target ≤ 100 ms\n`,
  );
  console.log('Asked by a signed-in viewer, with a restricted collection present that they may not read.\n');
  console.log('| request | median ms | p95 ms | requests |');
  console.log('|---|---|---|---|');
  for (const [name, values] of Object.entries(timings))
    console.log(`| ${name} | ${f(median(values))} | ${f(p95(values))} | ${values.length} |`);
  console.log('\nEach statement on its own, straight on SQLite (same reader scope), with its query plan:\n');
  console.log('| statement | median ms | rows | plan (indexes used) |');
  console.log('|---|---|---|---|');
  for (const q of timeEntityQueries(dbPath, top.id, { kind: 'account', accountId: readerId }, rounds)) {
    const used = [
      ...new Set(
        q.plan.flatMap((line) => /USING (?:COVERING )?INDEX (\w+)|USING (INTEGER PRIMARY KEY|PRIMARY KEY)/.exec(line)?.slice(1, 3) ?? []),
      ),
    ];
    console.log(`| ${q.name} | ${f(q.median, 2)} | ${q.rows} | ${used.filter(Boolean).join(', ')} |`);
  }
}

async function main() {
  if (ONLY.has('throughput')) await throughput();
  if (ONLY.has('accuracy')) await accuracy();
  if (ONLY.has('page')) await page();
}

// Exit explicitly: an imported layer may leave worker threads idling.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
