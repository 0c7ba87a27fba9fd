/**
 * npx tsx bench/quote-relink.ts <copy of an archive with reports> [passes]
 * Quote linking alone on an archive that has reports (the bench:scale archive, say): every report scanned
 * and its quotations linked afresh (what a `quotes.relink` job does), timed per pass. Work on a copy: linking
 * writes, and opening the database brings it to the latest migration. The first pass is what the linking
 * after an import costs; later ones find lookups the index remembers until the archive changes.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/client.ts';
import { createServices } from '../server/services.ts';

const [path, passes = '2'] = process.argv.slice(2);
if (!path) throw new Error('Give the path of a copy of an archive with reports.');
const db = await openDatabase(path, { readers: 0 });
try {
  const { linking } = createServices(db);
  const reports = linking.reportIds();
  for (let pass = 0; pass < Number(passes); pass++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const s = linking.linkReports(reports);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const per = (n: number) => (n / Math.max(1, s.quotations)).toFixed(2);
    console.log(
      `pass ${pass + 1}: ${s.reports} reports, ${s.linked}/${s.quotations} linked, ${per(ms)} ms a quotation (${per((used.user + used.system) / 1000)} of CPU)`,
    );
  }
} finally {
  await db.close();
}
