/**
 * npx tsx bench/import-threads.ts [folder] [--rounds 3]
 * The import with and without its writer thread (db/document-writer-thread.ts), alternated so both share
 * the machine's noise: `importPaths` alone, into a fresh database each time. The folder defaults to the
 * 200k-passage scale archive (run `npm run bench:scale -- --passages 200000` once to generate it).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { createServices } from '../server/services.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '3' } } });
const folder = positionals[0] ?? join(ROOT, 'bench/.corpus/scale-200000-20141103/archive');

async function importOnce(threaded: boolean): Promise<number> {
  const path = join(ROOT, 'bench/.corpus', `import-threads-${process.pid}.db`);
  const db = await openDatabase(path, { readers: 0 });
  try {
    const services = createServices(db, { importWriterThread: threaded, originalsDir: `${path}.originals` });
    const started = performance.now();
    const summary = await services.import.importPaths([folder], { collection: 'bench', visibility: 'public', maxFileBytes: 1e9 });
    if (summary.failed.length > 0) throw new Error(`Import failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
    return (performance.now() - started) / 1000;
  } finally {
    await db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    rmSync(`${path}.originals`, { recursive: true, force: true });
  }
}

const times = { one: [] as number[], two: [] as number[] };
for (let round = 0; round < Number(values.rounds); round++) {
  times.one.push(await importOnce(false));
  times.two.push(await importOnce(true));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]) => xs.map((x) => x.toFixed(2)).join('  ');
console.log(`import of ${folder}, seconds, alternated`);
console.log(`one thread      ${show(times.one)}   (median ${median(times.one).toFixed(2)})`);
console.log(`writer thread   ${show(times.two)}   (median ${median(times.two).toFixed(2)})`);
