import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { documentBody } from '../../../db/document-body.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import { DocumentsRepository } from '../../../db/documents.repository.ts';
import { OcrRepository } from '../../../db/ocr.repository.ts';
import { PagesRepository, type StoredPage } from '../../../db/pages.repository.ts';
import { pdfjsRenderer } from '../../pipeline/ocr/render-pdf.ts';
import { systemEngine } from '../../pipeline/ocr/system.engine.ts';
import { createServices } from '../../services.ts';
import { machineEngines, type EngineChoice } from './ocr.engines.ts';
import { scan, writeScanFolder } from './ocr-fixtures.ts';
import { OcrService } from './ocr.service.ts';

const hasSystem = (await systemEngine()) !== undefined;

let dir: string;
let db: TroveDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-ocr-'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importScans(names: string[], ocrLanguages?: string[]) {
  const folder = join(dir, 'leak');
  (await import('node:fs')).mkdirSync(folder);
  await writeScanFolder(folder, names);
  return createServices(db).import.importPaths([folder], {
    collection: 'scans',
    maxFileBytes: 5e7,
    baseDir: folder,
    visibility: 'public',
    ocrLanguages,
  });
}

function ocrService(choice: EngineChoice, renderPdf?: typeof pdfjsRenderer) {
  const engines = async () => ({ ...(await machineEngines(choice)), ...(renderPdf ? { renderPdf } : {}) });
  return new OcrService(new OcrRepository(db.writer), new PagesRepository(db.writer), new DocumentWriter(db), engines);
}

async function documentByFile(file: string) {
  const row = await db.writer
    .selectFrom('document')
    .selectAll()
    .select(documentBody('document').as('body'))
    .where('source_file', '=', file)
    .executeTakeFirstOrThrow();
  return { ...row, pages: await new PagesRepository(db.writer).pagesOf(row.id) };
}

function wordsOf(page: StoredPage): string[] {
  return (page.words ?? []).map((w) => w.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
}

/** The word's box cut out of the page image and read on its own gives the word back. */
async function readBox(image: Buffer, box: { x: number; y: number; w: number; h: number }): Promise<string> {
  const picture = await loadImage(image);
  const pad = 6;
  const canvas = createCanvas(box.w + 2 * pad, box.h + 2 * pad);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(picture, box.x, box.y, box.w, box.h, pad, pad, box.w, box.h);
  const engine = (await systemEngine())!;
  const tsv = await engine.recognizeTsv(canvas.toBuffer('image/png'), ['eng'], { psm: 8 });
  return tsv
    .split('\n')
    .filter((l) => l.startsWith('5\t'))
    .map((l) => l.split('\t')[11])
    .join('');
}

describe('OCR on import', () => {
  it('imports scans as documents queued for OCR, never ignored', async () => {
    const summary = await importScans(['cable-clean.png', 'scanned-cable.pdf']);
    expect(summary.ignored).toEqual([]);
    expect(summary.failed).toEqual([]);
    expect(summary.imported).toBe(2);
    expect((await new OcrRepository(db.writer).list()).map((j) => [j.fileName, j.status])).toEqual([
      ['cable-clean.png', 'queued'],
      ['scanned-cable.pdf', 'queued'],
    ]);
  });

  describe.runIf(hasSystem)('with the system tesseract', () => {
    it('reads an image into the body with words, boxes and confidence, and makes it searchable', async () => {
      await importScans(['cable-clean.png']);
      const result = await ocrService({}).run({ workers: 2 });
      expect(result.done).toHaveLength(1);
      expect(result.done[0]).toMatchObject({ engine: 'system', languages: ['eng'], lowConfidence: [] });
      const doc = await documentByFile('cable-clean.png');
      expect(doc.body).toContain('HARBOUR AUTHORITY MEETING IN BASRA');
      expect(doc.body).toContain('The delegation met the harbour director on Tuesday.');
      const [page] = doc.pages;
      expect(page).toMatchObject({ number: 1, source: 'ocr', start: 0, end: doc.body.length });
      expect(page!.confidence).toBeGreaterThan(80);
      for (const word of page!.words!) {
        expect(doc.body.slice(word.start, word.end)).toBe(word.text);
        expect(word.x + word.w).toBeLessThanOrEqual(page!.width!);
        expect(word.y + word.h).toBeLessThanOrEqual(page!.height!);
      }
      const image = scan('cable-clean.png');
      for (const text of ['HARBOUR', 'delegation', 'cranes']) {
        const word = page!.words!.find((w) => w.text === text)!;
        expect(await readBox(image, word)).toBe(text);
      }
      const { rows } = await sql<{ rowid: number }>`select rowid from passage_fts where passage_fts match 'cranes'`.execute(db.writer);
      expect(rows).toHaveLength(1);
      const passages = await new DocumentsRepository(db.writer).passagesOf(doc.id);
      expect(passages.map((p) => p.text).join('\n')).toContain('cranes');
      expect(JSON.parse(doc.metadata).ocr).toMatchObject({ engine: 'system', languages: ['eng'] });
    }, 60_000);

    it('reads the pages of an image-only PDF with their numbers', async () => {
      await importScans(['scanned-cable.pdf']);
      await ocrService({}).run();
      const doc = await documentByFile('scanned-cable.pdf');
      expect(doc.pages.map((p) => [p.number, p.source])).toEqual([
        [1, 'ocr'],
        [2, 'ocr'],
      ]);
      expect(wordsOf(doc.pages[0]!)).toEqual(expect.arrayContaining(['harbour', 'tuesday']));
      expect(wordsOf(doc.pages[1]!)).toEqual(expect.arrayContaining(['grain', 'shipments', 'october']));
      expect(doc.body.slice(doc.pages[1]!.start, doc.pages[1]!.end)).toMatch(/^The second page lists the cargo figures\./);
    }, 60_000);

    it('reads every frame of a multi-page TIFF as a page', async () => {
      await importScans(['fax-bundle.tif']);
      await ocrService({}).run();
      const doc = await documentByFile('fax-bundle.tif');
      expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
      expect(wordsOf(doc.pages[0]!)).toEqual(expect.arrayContaining(['harbour']));
      expect(wordsOf(doc.pages[1]!)).toEqual(expect.arrayContaining(['grain']));
    }, 60_000);

    it('detects Persian and reads it with tesseract-ocr-fas', async () => {
      await importScans(['report-fa.png']);
      const result = await ocrService({}).run();
      expect(result.done[0]).toMatchObject({ languages: ['fas'] });
      const doc = await documentByFile('report-fa.png');
      expect(doc.body).toContain('بندر');
      expect(doc.body).toContain('مدیر');
    }, 60_000);

    it('flags a page read with low confidence', async () => {
      await importScans(['smudged.jpg']);
      const result = await ocrService({}).run();
      expect(result.done[0]!.lowConfidence).toEqual([1]);
      const job = (await new OcrRepository(db.writer).list())[0]!;
      expect(job.lowConfidence).toEqual([1]);
      const doc = await documentByFile('smudged.jpg');
      expect(JSON.parse(doc.metadata).ocr.lowConfidencePages).toEqual([1]);
    }, 120_000); // a poor page is read four times: as it is, as one block, and both again cleaned
  });

  describe('without the system tesseract (WebAssembly engine)', () => {
    it('reads English from the npm language data, PDFs rendered by pdf.js', async () => {
      await importScans(['cable-clean.png', 'scanned-cable.pdf']);
      const result = await ocrService({ system: false }, pdfjsRenderer).run({ workers: 1 });
      expect(result.failed).toEqual([]);
      expect(result.done.map((d) => d.engine)).toEqual(['wasm', 'wasm']);
      const image = await documentByFile('cable-clean.png');
      expect(wordsOf(image.pages[0]!)).toEqual(expect.arrayContaining(['harbour', 'delegation', 'cranes']));
      const pdf = await documentByFile('scanned-cable.pdf');
      expect(pdf.pages.map((p) => p.number)).toEqual([1, 2]);
      expect(wordsOf(pdf.pages[1]!)).toEqual(expect.arrayContaining(['grain']));
    }, 120_000);

    it('reads every frame of a multi-page TIFF, each decoded to an image of its own', async () => {
      await importScans(['fax-bundle.tif']);
      const result = await ocrService({ system: false }).run();
      expect(result.done[0]!.notes).toEqual([]);
      const doc = await documentByFile('fax-bundle.tif');
      expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
      expect(wordsOf(doc.pages[0]!)).toEqual(expect.arrayContaining(['harbour']));
      expect(wordsOf(doc.pages[1]!)).toEqual(expect.arrayContaining(['grain']));
    }, 120_000);

    it('keeps a Persian scan, with a note, on the pending list until a Persian engine is installed', async () => {
      await importScans(['report-fa.png', 'cable-clean.png'], ['fas']);
      const result = await ocrService({ system: false }).run();
      expect(result.pending).toEqual([
        expect.objectContaining({ file: 'cable-clean.png' }),
        expect.objectContaining({
          file: 'report-fa.png',
          note: expect.stringContaining('Persian OCR needs the tesseract-ocr-fas package'),
        }),
      ]);
      const pending = await new OcrRepository(db.writer).list('pending');
      expect(pending.map((p) => p.fileName)).toEqual(['cable-clean.png', 'report-fa.png']);
      expect(await db.writer.selectFrom('document').select('ref').execute()).toHaveLength(2);
    }, 60_000);
  });

  it('resumes work a stopped run had claimed', async () => {
    await importScans(['cable-clean.png']);
    const jobs = new OcrRepository(db.writer);
    expect((await jobs.claimNext())?.fileName).toBe('cable-clean.png');
    expect(await jobs.claimNext()).toBeUndefined();
    const result = await ocrService({ system: hasSystem }).run();
    expect(result.done).toHaveLength(1);
    expect((await jobs.counts()).done).toBe(1);
  }, 60_000);
});
