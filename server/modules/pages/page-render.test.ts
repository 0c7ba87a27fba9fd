// Both PDF page renderers draw a page at the asked width; with no renderer the page image route says so
// with a code (503), never a bare 500. Fixtures are synthetic (fixtures/pages/README.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { PagesRepository } from '../../../db/pages.repository.ts';
import { pagedPdf, PDF_PAGES, seedPagedDocuments } from '../../../fixtures/pages/make-pages.ts';
import { OriginalsStore } from '../originals/originals.store.ts';
import { NoRendererError, pdfjsRenderer, popplerRenderer, RenderFailedError } from './page-render.ts';
import { PagesService } from './pages.service.ts';
import { ANONYMOUS } from '../../../db/access.ts';
import { AppError } from '../../errors.ts';

let dir: string;
let pdfPath: string;
let db: TroveDatabase;
let ids: { pdf: number; scan: number };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-render-'));
  pdfPath = join(dir, 'cable.pdf');
  writeFileSync(pdfPath, pagedPdf(PDF_PAGES));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
  ids = await seedPagedDocuments(db, dir);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

// CI installs poppler-utils (.ci/run); without it the pdf.js path is what runs, tested above.
const hasPoppler = !spawnSync('pdftoppm', ['-v']).error;

const isPng = (bytes: Buffer, width: number) => bytes.subarray(1, 4).toString() === 'PNG' && bytes.readUInt32BE(16) === width;

describe('PDF page renderers', () => {
  it('pdf.js on @napi-rs/canvas draws a page at the asked width', async () => {
    expect(isPng(await pdfjsRenderer(pdfPath, 2, 400), 400)).toBe(true);
  });

  it.runIf(hasPoppler)('pdftoppm draws a page at the asked width', async () => {
    expect(isPng(await popplerRenderer(pdfPath, 1, 400), 400)).toBe(true);
  });

  it('a page past the end fails as a render failure', async () => {
    await expect(pdfjsRenderer(pdfPath, 9, 400)).rejects.toBeInstanceOf(RenderFailedError);
    if (hasPoppler) await expect(popplerRenderer(pdfPath, 9, 400)).rejects.toBeInstanceOf(RenderFailedError);
  });

  it('without any renderer the page image says so with a code and status 503', async () => {
    const store = new OriginalsStore(join(dir, 'originals'));
    const service = new PagesService(new PagesRepository(db.writer), store, join(dir, 'nocache'), () =>
      Promise.reject(new NoRendererError('none')),
    );
    const error = await service.image(ids.pdf, 1, ANONYMOUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'page.renderer_unavailable', statusCode: 503 });
    // A scan needs no renderer.
    const scan = await service.image(ids.scan, 1, ANONYMOUS);
    scan.stream.destroy();
    expect(scan.contentType).toBe('image/png');
  });
});

describe('page renders at once', () => {
  it('never draws more than two pages at a time, and draws each page and width once', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const slow = async () => {
      calls++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return Buffer.from('png');
    };
    const store = new OriginalsStore(join(dir, 'originals'));
    const service = new PagesService(new PagesRepository(db.writer), store, join(dir, 'burst-cache'), slow);
    const images = await Promise.all([1, 2, 3, 1, 2, 3].map((n) => service.image(ids.pdf, n, ANONYMOUS)));
    for (const image of images) image.stream.destroy();
    expect(most).toBe(2);
    expect(calls).toBe(3);
  });
});
