// The server reads queued OCR work in the background: through buildApp() on a real temporary database, a scan an
// import queued is read after the server starts and its text is found by search; work a stopped server had
// claimed is read after a restart; closing mid-run leaves nothing failed; TROVE_OCR=off leaves the queue alone.
// The fastest engine here is used: the system's tesseract where installed, else the WebAssembly one.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { OcrRepository } from '../../../db/ocr.repository.ts';
import { createTestDatabase } from '../../../fixtures/test-db.ts';
import { systemEngine } from '../../pipeline/ocr/system.engine.ts';
import { buildApp } from '../../app.ts';
import { createServices } from '../../services.ts';
import { writeScanFolder } from './ocr-fixtures.ts';
import type { SearchResponse } from '../search/search.schemas.ts';
import type { Static } from '@sinclair/typebox';

const engines = { system: (await systemEngine()) !== undefined };

let file: { path: string; cleanup(): void };
const apps: FastifyInstance[] = [];
beforeEach(async () => {
  file = await createTestDatabase();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  file.cleanup();
});

/** Imports scans into the test database as `trove import` does: stored, searchable when read, queued for OCR. */
async function importScans(names: string[], claim = false): Promise<Record<string, string>> {
  const db = await openDatabase(file.path, { readers: 0 });
  try {
    const folder = join(dirname(file.path), `leak-${names.join('-')}`);
    mkdirSync(folder);
    await writeScanFolder(folder, names);
    const summary = await createServices(db).import.importPaths([folder], {
      collection: 'scans',
      maxFileBytes: 5e7,
      baseDir: folder,
      visibility: 'public',
    });
    expect(summary.failed).toEqual([]);
    // A server stopped in the middle of reading leaves its job claimed.
    if (claim) expect(await new OcrRepository(db.writer).claimNext()).toBeDefined();
    return Object.fromEntries(summary.documents.map((d) => [basename(d.file), d.ref]));
  } finally {
    await db.close();
  }
}

async function start(ocr: Parameters<typeof buildApp>[0]['ocr'] = { engines, workers: 1 }): Promise<FastifyInstance> {
  const app = await buildApp({ databasePath: file.path, ocr });
  apps.push(app);
  await app.ready();
  return app;
}

const jobs = (app: FastifyInstance) => new OcrRepository(app.db.writer).list();

async function until(test: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const search = async (app: FastifyInstance, q: string) =>
  (await app.inject({ url: `/api/search?q=${encodeURIComponent(q)}` })).json<Static<typeof SearchResponse>>();

describe('background OCR in the server', () => {
  it('reads what an import queued once the server starts, and the text read is searchable', async () => {
    const refs = await importScans(['cable-clean.png', 'fax-bundle.tif']);
    const app = await start();
    expect((await search(app, 'grain')).total).toBe(0);
    await until(async () => (await jobs(app)).every((job) => job.status === 'done'));
    const cranes = await search(app, 'cranes');
    expect(cranes.results.map((r) => r.document.ref).sort()).toEqual([refs['cable-clean.png'], refs['fax-bundle.tif']].sort());
    const grain = await search(app, 'grain');
    expect(grain.results.map((r) => r.document.ref)).toEqual([refs['fax-bundle.tif']]);
  }, 90_000);

  it('reads after a restart the work a stopped server had claimed, and leaves nothing failed when closed mid-run', async () => {
    await importScans(['cable-clean.png'], true);
    await importScans(['cable-page-2.png']);
    const first = await start();
    await until(async () => (await jobs(first)).some((job) => job.status === 'running'));
    const closing = Date.now();
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect(Date.now() - closing).toBeLessThan(15_000);

    const db = await openDatabase(file.path, { readers: 0 });
    const after = await new OcrRepository(db.writer).list();
    await db.close();
    expect(after.map((job) => job.status).every((status) => ['queued', 'running', 'done'].includes(status))).toBe(true);

    const second = await start();
    await until(async () => (await jobs(second)).every((job) => job.status === 'done'));
    expect((await search(second, 'cranes')).total).toBe(1);
    expect((await search(second, 'shipments')).total).toBe(1);
  }, 120_000);

  it('leaves the queue to trove ocr when turned off', async () => {
    await importScans(['cable-clean.png']);
    const app = await start(false);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await jobs(app)).map((job) => job.status)).toEqual(['queued']);
  });
});
