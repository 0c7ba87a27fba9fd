import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { prepareDocument, sha256 } from '../server/pipeline/prepare-document.ts';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { browsePageSql, DEFAULT_COUNTING, type BrowseCounting, type DocumentSort } from './document-browse.ts';
import type { DocumentFilters } from './document-filters.ts';
import { DocumentWriter } from './document-writer.ts';
import { DocumentsRepository } from './documents.repository.ts';
import type { Visibility } from './schema.ts';

let db: TroveDatabase;
let member: ReadScope;

const COLLECTIONS: Record<number, [string, Visibility]> = { 1: ['Open', 'public'], 2: ['Inside', 'internal'], 3: ['Closed', 'restricted'] };

/** Documents n = from.. written as the import writes them: every third a report, every tenth undated, dates spread over the years. */
async function addRows(collectionId: number, from: number, count: number) {
  const docs = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const dateText = n % 10 === 0 ? undefined : `${1990 + ((n * 7) % 30)}-0${1 + (n % 9)}-1${n % 10}`;
    return {
      ref: `R-${String(n).padStart(5, '0')}`,
      kind: n % 3 === 0 ? ('report' as const) : ('cable' as const),
      title: `Doc ${n}`,
      dateText,
      body: `Doc ${n}.`,
    };
  });
  const [name, visibility] = COLLECTIONS[collectionId]!;
  await addDocuments(db, docs, name, visibility);
}

const keptCounts = async () =>
  (
    await sql<{ name: string; kept: number; real: number }>`
    select name, document_count as kept, (select count(*) from document d where d.collection_id = c.id) as real
    from collection c order by name`.execute(db.writer)
  ).rows;

const repository = (counting: BrowseCounting = DEFAULT_COUNTING) => new DocumentsRepository(db.reader, db.reader, counting);

beforeEach(async () => {
  db = await openDatabase(':memory:');
  await sql`insert into collection (id, name, visibility) values (1, 'Open', 'public'), (2, 'Inside', 'internal'), (3, 'Closed', 'restricted')`.execute(
    db.writer,
  );
  await sql`insert into account (id, name, role, password_hash) values (7, 'reader', 'viewer', 'x'), (8, 'member', 'viewer', 'x')`.execute(
    db.writer,
  );
  await sql`insert into collection_member (collection_id, account_id, role) values (3, 8, 'viewer')`.execute(db.writer);
  member = { kind: 'account', accountId: 8 };
  await addRows(1, 1, 120);
  await addRows(2, 121, 60);
  await addRows(3, 181, 30);
});
afterEach(async () => db.close());

describe('kept document counts', () => {
  it('follow imports, re-imports, deletions and documents moved to another collection', async () => {
    expect((await keptCounts()).map((r) => r.kept)).toEqual([30, 60, 120]);
    await addRows(1, 300, 2);
    // Imported again into another collection: the writer replaces the row, which moves it.
    const writer = new DocumentWriter(db);
    const moved = writer.findExisting('0'.repeat(64), 'R-00300')[0]!;
    const extracted = { ref: 'R-00300', kind: 'cable' as const, body: 'Doc 300, corrected.', metadata: {} };
    const again = prepareDocument(extracted, { file: 'R-00300.txt', fileSha256: sha256('again'), siblings: 1, index: 0 });
    writer.saveAll([{ ...again, collectionId: 2 }], new Map([['R-00300', moved.id]]));
    await sql`delete from document where id in (1, 2, 3)`.execute(db.writer);
    await sql`update document set collection_id = 3 where id between 10 and 14`.execute(db.writer);
    await sql`update document set title = 'renamed', collection_id = collection_id where id = 20`.execute(db.writer);
    for (const row of await keptCounts()) expect(row.kept).toBe(row.real);
    expect((await keptCounts()).map((r) => r.kept)).toEqual([35, 61, 113]);
  });
});

describe('DocumentsRepository.list', () => {
  const refs = (rows: { ref: string }[]) => rows.map((r) => r.ref);

  it('orders newest first, oldest first or by ref, unknown dates last, and pages without gaps or repeats', async () => {
    const all = (await repository().list({}, OPERATOR, '-date', 300, 0)).documents;
    expect(all).toHaveLength(210);
    const dates = all.map((d) => d.date);
    const firstUndated = dates.indexOf(null);
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    const dated = dates.slice(0, firstUndated) as string[];
    expect(dated).toEqual([...dated].sort().reverse());
    const oldest = (await repository().list({}, OPERATOR, 'date', 300, 0)).documents.map((d) => d.date);
    expect(oldest.slice(0, firstUndated)).toEqual([...dated].sort());
    expect(oldest.slice(firstUndated).every((d) => d === null)).toBe(true);
    const byRef = refs((await repository().list({}, OPERATOR, 'ref', 300, 0)).documents);
    expect(byRef).toEqual([...byRef].sort());

    const paged = [];
    for (let offset = 0; offset < 210; offset += 25) paged.push(...(await repository().list({}, OPERATOR, '-date', 25, offset)).documents);
    expect(refs(paged)).toEqual(refs(all));
  });

  it('reads each order from an index instead of sorting the archive, with or without filters and hidden collections', async () => {
    const cases: Array<[DocumentSort, DocumentFilters, ReadScope]> = [
      ['-date', {}, OPERATOR],
      ['date', { kind: ['report'] }, ANONYMOUS],
      ['ref', { collection: ['Open'], from: '2000' }, member],
    ];
    for (const [sort, filters, scope] of cases) {
      const plan = await sql<{ detail: string }>`explain query plan ${browsePageSql(filters, scope, sort, 20, 40)}`.execute(db.reader);
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toMatch(/^SCAN d USING INDEX (document_browse_date|sqlite_autoindex_document)/m);
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('totals from the kept counts of the collections the reader may see, exact at any size', async () => {
    const tiny = repository({ exactUpTo: 5, sampleSize: 40 });
    expect(await tiny.list({}, OPERATOR, '-date', 20, 0)).toMatchObject({ total: 210, approximate: false });
    expect(await tiny.list({}, ANONYMOUS, '-date', 20, 0)).toMatchObject({ total: 120, approximate: false });
    expect(await tiny.list({}, { kind: 'account', accountId: 7 }, '-date', 20, 0)).toMatchObject({ total: 180, approximate: false });
    expect(await tiny.list({}, member, '-date', 20, 0)).toMatchObject({ total: 210, approximate: false });
    expect(await tiny.list({ collection: ['closed', 'Open'] }, member, '-date', 20, 0)).toMatchObject({ total: 150, approximate: false });
  });

  it('never counts or lists the documents of a collection the reader may not see', async () => {
    const closed = await repository().list({ collection: ['Closed'] }, { kind: 'account', accountId: 7 }, '-date', 20, 0);
    expect(closed).toEqual({ total: 0, approximate: false, documents: [] });
    const reports = await repository().list({ kind: ['report'] }, ANONYMOUS, '-date', 20, 0);
    expect(reports.total).toBe(40);
    expect(reports.documents.every((d) => d.collection === 'Open')).toBe(true);
    const tinyReports = await repository({ exactUpTo: 5, sampleSize: 2000 }).list({ kind: ['report'] }, ANONYMOUS, '-date', 20, 0);
    // The sample reads every document here, so the estimate is the share of readable ones exactly.
    expect(tinyReports).toMatchObject({ total: 40, approximate: true });
  });

  it('counts filtered lists exactly up to the threshold and estimates beyond it, labelled', async () => {
    const exact = await repository({ exactUpTo: 1000, sampleSize: 40 }).list({ kind: ['report'] }, OPERATOR, '-date', 20, 0);
    expect(exact).toMatchObject({ total: 70, approximate: false });
    const estimated = await repository({ exactUpTo: 50, sampleSize: 60 }).list({ kind: ['report'] }, OPERATOR, '-date', 20, 0);
    expect(estimated.approximate).toBe(true);
    expect(estimated.total).toBeGreaterThan(40);
    expect(estimated.total).toBeLessThan(100);
    expect(estimated.documents.every((d) => d.kind === 'report')).toBe(true);
  });

  it('takes the total from a short page, and never estimates fewer documents than a page has shown', async () => {
    const tiny = repository({ exactUpTo: 5, sampleSize: 20 });
    expect(await tiny.list({ kind: ['report'], from: '2015' }, OPERATOR, '-date', 100, 0)).toMatchObject({ approximate: false });
    const short = await tiny.list({ kind: ['report'] }, OPERATOR, 'ref', 50, 50);
    expect(short).toMatchObject({ total: 70, approximate: false });
    expect(short.documents).toHaveLength(20);
    // Five late documents of another kind, which a sample of 20 spread over the first 210 misses.
    await addDocuments(
      db,
      [1, 2, 3, 4, 5].map((n) => ({ ref: `LATE-${n}`, kind: 'document' as const, body: `Late ${n}.` })),
      'Open',
    );
    const late = await tiny.list({ kind: ['document'] }, OPERATOR, '-date', 2, 0);
    expect(late.documents).toHaveLength(2);
    expect(late).toMatchObject({ total: 3, approximate: true });
  });

  it('lists the readable collections with their kept counts', async () => {
    expect(await repository().listCollections(ANONYMOUS)).toEqual([{ id: 1, name: 'Open', visibility: 'public', documentCount: 120 }]);
    expect((await repository().listCollections(member)).map((c) => [c.name, c.documentCount])).toEqual([
      ['Closed', 30],
      ['Inside', 60],
      ['Open', 120],
    ]);
  });
});
