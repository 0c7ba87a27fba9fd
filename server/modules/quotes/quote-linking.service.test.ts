import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { passageTextSql } from '../../../db/passage-text.ts';
import { createTestDatabase, SAMPLE_ARCHIVE_DIR } from '../../../fixtures/test-db.ts';
import { quoteIndexRow } from '../../pipeline/quotes/index-rows.ts';
import { shingles } from '../../pipeline/quotes/shingles.ts';
import { createServices, type Services } from '../../services.ts';
import { OPERATOR_VIEWER, type Viewer } from '../auth/viewer.ts';
import type { Quotation } from './quotes.schemas.ts';

const ANA: Viewer = { kind: 'account', id: 1, name: 'Ana', role: 'editor', via: 'token' };

const CABLES = join(SAMPLE_ARCHIVE_DIR, 'cables');
let file: { path: string; cleanup(): void };
let dir: string;
let db: TroveDatabase;
let services: Services;

beforeEach(async () => {
  file = await createTestDatabase({ sampleArchive: true });
  db = await openDatabase(file.path, { readers: 0 });
  services = createServices(db);
  dir = mkdtempSync(join(tmpdir(), 'trove-quotes-'));
});
afterEach(async () => {
  await db.close();
  file.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const importFiles = (...paths: string[]) => services.import.importPaths(paths, { collection: 'sample', maxFileBytes: 1e8, baseDir: dir });

async function quotation(reportRef: string, start: string): Promise<Quotation> {
  const report = await services.quotes.reportByRef(reportRef, OPERATOR_VIEWER);
  return report.quotations.find((q) => q.text.startsWith(start))!;
}

async function bodyOf(ref: string): Promise<string> {
  return (await services.documents.byRef(ref, OPERATOR)).document.body;
}

/** A copy of a sample cable with some of its text changed, as a newer version of the same ref. */
function changedCable(name: string, change: (text: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, change(readFileSync(join(CABLES, name), 'utf8')));
  return path;
}

const linkRows = () => db.writerConnection.prepare('select * from quote_link order by id').all();

describe('linking after imports', () => {
  it('leaves links alone when an unchanged source is imported again', async () => {
    const before = linkRows();
    const summary = await importFiles(CABLES);
    expect(summary.imported + summary.updated).toBe(0);
    expect(linkRows()).toEqual(before);
  });

  it('re-anchors links into a source whose text changed, keeping what people decided', async () => {
    const judges = await quotation('report-shadow-network', 'The station judges');
    await services.quotes.reviewLink(judges.links[0]!.id, { status: 'confirmed' }, ANA);
    const cable = changedCable('TRV-BGD-2014-0451.md', (text) =>
      text.replace('3. (S) Approach.', '3. (S) Added. A new paragraph the station sent later.\n\n4. (S) Approach.'),
    );
    const summary = await importFiles(cable);
    expect(summary.updated).toBe(1);
    expect(summary.quotes).toMatchObject({ reanchored: 2, orphaned: 0 });
    const body = await bodyOf('TRV-BGD-2014-0451');
    const after = await quotation('report-shadow-network', 'The station judges');
    const [link] = after.links;
    expect(link).toMatchObject({ status: 'confirmed', decidedBy: 'Ana', orphaned: false, passage: { ordinal: 5 } });
    expect(body.slice(link!.fragments[0]!.start, link!.fragments[0]!.end)).toMatch(/^The station judges that money .* secondary\.$/);
    const heron = await quotation('report-shadow-network', '[Silver Heron]');
    expect(body.slice(heron.links[0]!.fragments[0]!.start, heron.links[0]!.fragments[0]!.end)).toBe(
      'said he had expected the approach since the wedding.',
    );
  });

  it('marks a confirmed link orphaned when its text is gone from the source, and drops a suggestion', async () => {
    const judges = await quotation('report-shadow-network', 'The station judges');
    await services.quotes.reviewLink(judges.links[0]!.id, { status: 'confirmed' }, ANA);
    const cable = changedCable('TRV-BGD-2014-0451.md', (text) =>
      text
        .replace(
          'The station judges that money and grievance are the main motives and that the religious motive is real but secondary.',
          'The motives are unclear.',
        )
        .replace('He said he had expected the approach since the wedding.', 'He was surprised.'),
    );
    const summary = await importFiles(cable);
    expect(summary.quotes).toMatchObject({ orphaned: 2 });
    const after = await quotation('report-shadow-network', 'The station judges');
    expect(after).toMatchObject({ status: 'unmatched', links: [{ status: 'confirmed', orphaned: true }] });
    expect(await quotation('report-shadow-network', '[Silver Heron]')).toMatchObject({ status: 'unmatched', links: [] });
  });

  it('tries older unmatched quotations against newly imported cables', async () => {
    const path = join(dir, 'TRV-BSR-2014-0999.md');
    writeFileSync(
      path,
      '---\nref: TRV-BSR-2014-0999\nkind: cable\nsynthetic: true\n---\n1. (S) A contact said: "The Americans have left the door open, and we intend to walk through it."\n',
    );
    const summary = await importFiles(path);
    expect(summary.quotes).toMatchObject({ reports: 0, retried: 3 });
    const found = await quotation('report-shadow-network', 'The Americans have left');
    expect(found.status).toBe('linked');
    expect(found.links[0]!.document.ref).toBe('TRV-BSR-2014-0999');
    expect((await quotation('report-shadow-network', 'Our friends in the ministry')).status).toBe('unmatched');
  });

  it('keeps quotations (and decisions) that a changed report still has, and links its new ones', async () => {
    const iran = await quotation('TRV-REPORT-LEDGER', 'Iran remembers');
    await services.quotes.reviewLink(iran.links[0]!.id, { status: 'confirmed' }, ANA);
    const pilgrims = await quotation('TRV-REPORT-LEDGER', 'nothing against helping');
    await services.quotes.reviewLink(pilgrims.links[0]!.id, { status: 'confirmed' }, ANA);
    const path = join(dir, 'report-expense-ledger.md');
    const original = readFileSync(join(SAMPLE_ARCHIVE_DIR, 'reports/report-expense-ledger.md'), 'utf8');
    writeFileSync(
      path,
      original
        .replace(
          '## Two currencies',
          'The station wrote that “The owner believes the flat is rented by a trading company” in 2015.\n\n## Two currencies',
        )
        .replace('“no travel agent asks so many questions about the other guests”', 'that nobody asked'),
    );
    const summary = await importFiles(path);
    expect(summary).toMatchObject({ updated: 1, quotes: { reports: 1, quotations: 16 } });
    const report = await services.quotes.reportByRef('TRV-REPORT-LEDGER', OPERATOR_VIEWER);
    expect(report.quotations[0]!.text).toBe('The owner believes the flat is rented by a trading company');
    expect(report.quotations[0]!.links[0]!.document.ref).toBe('TRV-BGD-2015-0211');
    expect(report.quotations.find((q) => q.text.startsWith('Iran remembers'))!.links[0]).toMatchObject({
      status: 'confirmed',
      decidedBy: 'Ana',
    });
    expect(report.quotations.some((q) => q.text.startsWith('no travel agent'))).toBe(false);
    for (const q of report.quotations) expect(report.report.body.slice(q.start, q.end)).toBe(q.text);
    // The confirmed link's differences point into the report as it is now.
    const [moved] = report.quotations.find((q) => q.text.startsWith('nothing against helping'))!.links;
    expect(moved!.status).toBe('confirmed');
    const [difference] = moved!.differences;
    expect(report.report.body.slice(difference!.report!.start, difference!.report!.end)).toBe('’');
  });
});

describe('trove link', () => {
  it('rebuilds the quote index when an archive has none, and links what is unmatched', () => {
    db.writerConnection.exec('delete from passage_shingle_fts; delete from quote_link; delete from quote_scan;');
    const summary = services.linking.linkAll(false);
    expect(summary).toMatchObject({ reports: 2, quotations: 42, linked: 37, unmatched: 3, tooShort: 2 });
    // One row per passage of the sources (reports quote, so they have none) that has shingles, numbered as index-rows.ts says.
    const sources = db.writerConnection
      .prepare<[], { document: number; text: string; passages: number }>(
        `select d.id as document, ${passageTextSql('p', 'd')} as text, (select count(*) from passage q where q.document_id = d.id) as passages
         from passage p join document d on d.id = p.document_id where d.kind != 'report' order by p.id`,
      )
      .all();
    const indexed = db.writerConnection.prepare('select rowid from passage_shingle_fts order by rowid').pluck().all();
    expect(indexed.length).toBeGreaterThan(100);
    const places = new Map<number, number>();
    const rows = sources.map((p) => {
      const place = places.get(p.document) ?? 0;
      places.set(p.document, place + 1);
      return shingles(p.text).length > 0 ? quoteIndexRow(p.document, place, p.passages) : null;
    });
    expect(indexed).toEqual([...new Set(rows.filter((row) => row !== null))]);
  });

  it('with --all, scans every report again and changes nothing that was right', () => {
    const before = db.writerConnection
      .prepare('select quotation_id, document_id, passage_id, fragments from quote_link order by 1, 2, 3')
      .all();
    expect(services.linking.linkAll(true)).toMatchObject({ reports: 2, linked: 37 });
    expect(
      db.writerConnection.prepare('select quotation_id, document_id, passage_id, fragments from quote_link order by 1, 2, 3').all(),
    ).toEqual(before);
  });
});
