// The real extraction thread behind a real import. Synthetic documents written for these tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../bench/corpus.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { mentionTextSql } from '../../../db/entity-mention-text.ts';
import { OPERATOR_VIEWER, scopeOf } from '../auth/viewer.ts';
import { createServices, type Services } from '../../services.ts';

let dir: string;
let db: TroveDatabase;
let services: Services;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-extraction-'));
  db = await openDatabase(join(dir, 'trove.db'));
  services = createServices(db);
});
afterAll(async () => {
  await services.extraction.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (query: string, ...params: unknown[]) =>
  db.writerConnection
    .prepare(query)
    .pluck()
    .get(...params) as number;

describe('extraction after an import', () => {
  it('is queued by the import, which returns before it is done; progress reaches done', async () => {
    const folder = join(dir, 'one');
    writeCorpus(folder, 0);
    writeFileSync(
      join(folder, 'cable.txt'),
      'On 14 November 2014 the envoy paid 62.5 euros to source 126674 in Baghdad. Mail: desk@example.org.',
    );
    const summary = await services.import.importPaths([folder], { collection: 'test', maxFileBytes: 1e6 });
    expect(summary.imported).toBe(1);
    expect(services.extraction.status()).toMatchObject({ state: 'running', total: 1 });
    const final = await services.extraction.whenIdle();
    expect(final).toMatchObject({ state: 'idle', done: 1, total: 1, error: null });
    const texts = db.writerConnection
      .prepare(`select m.type, ${mentionTextSql('m', 'd')} as text from mention m join document d on d.id = m.document_id order by m.start`)
      .all();
    expect(texts).toEqual(
      expect.arrayContaining([
        { type: 'date', text: '14 November 2014' },
        { type: 'money', text: '62.5 euros' },
        { type: 'email', text: 'desk@example.org' },
      ]),
    );
    expect(count(`select count(*) from entity where type = 'date' and name = '2014-11-14'`)).toBe(1);
    expect(count('select count(*) from entity_scan')).toBe(1);
  });

  it('lets search answer while it runs', async () => {
    const folder = writeCorpus(join(dir, 'corpus'), 400);
    await services.import.importPaths([folder], { collection: 'corpus', maxFileBytes: 1e9 });
    expect(services.extraction.status().state).toBe('running');
    const started = performance.now();
    const result = await services.search.run({ q: 'meeting' }, scopeOf(OPERATOR_VIEWER));
    const searchMs = performance.now() - started;
    const during = services.extraction.status();
    expect(result.total).toBeGreaterThan(0);
    expect(during.state).toBe('running');
    expect(during.done).toBeLessThan(during.total);
    const final = await services.extraction.whenIdle();
    expect(final).toMatchObject({ state: 'idle', done: 400, total: 400, error: null });
    expect(searchMs).toBeLessThan(1000);
  }, 120_000);
});
