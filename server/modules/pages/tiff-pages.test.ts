// TIFF scans get page images: each frame decoded (utif2) and drawn to PNG, cached like PDF pages; hostile TIFFs
// (truncated, bogus, looping, absurdly large) answer with a code, never a 500. Other scan types are served as
// imported. Fixtures are synthetic: grey bars drawn in code, and a red-and-blue RGB frame.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPng } from '../../../fixtures/pages/make-pages.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { multiPageTiff } from '../ocr/ocr-fixtures.ts';
import { createServices } from '../../services.ts';
import { pageCacheDirFor } from './pages.service.ts';
import { MAX_TIFF_PIXELS, tiffFrameCount, tiffPagePng, TiffError } from './tiff-page.ts';

const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');

const bars = (width: number, height: number) => scanPng(width, height, [{ x: 10, y: 10, w: width / 2, h: 20 }]);

/** A 2-frame fax bundle: page 1 wider than the default page width (drawn down), page 2 narrower (kept). */
const faxBundle = () => multiPageTiff([bars(1600, 400), bars(800, 300)]);

/** One RGB frame, left half red and right half blue, as utif2 encodes it. */
function rgbTiff(width = 64, height = 32): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const left = i % width < width / 2;
    rgba.set(left ? [220, 20, 20, 255] : [20, 20, 220, 255], i * 4);
  }
  return Buffer.from(UTIF.encodeImage(rgba, width, height));
}

// multiPageTiff writes the first directory at 8 with nine entries: width at 18, height at 30, next pointer at 118.
const withSize = (bytes: Buffer, width: number, height: number) => {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(width, 18);
  copy.writeUInt32LE(height, 30);
  return copy;
};
const looping = async () => {
  const copy = Buffer.from(await multiPageTiff([bars(40, 20)]));
  copy.writeUInt32LE(8, 118);
  return copy;
};
const bogus = () => {
  const bytes = Buffer.alloc(64, 0x5a);
  bytes.write('II', 0, 'latin1');
  bytes.writeUInt16LE(42, 2);
  bytes.writeUInt32LE(0xffffff00, 4);
  return bytes;
};

const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => (error as TiffError).failure,
  );

describe('TIFF frames to PNG', () => {
  it('counts the frames and draws the one asked for, down to the width asked, never up', async () => {
    const bundle = await faxBundle();
    expect(tiffFrameCount(bundle)).toBe(2);
    const first = await tiffPagePng(bundle, 1, 1200);
    expect(first.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(first)).toEqual({ width: 1200, height: 300 });
    expect(pngSize(await tiffPagePng(bundle, 2, 1200))).toEqual({ width: 800, height: 300 });
  });

  it('keeps the colours of an RGB frame', async () => {
    const picture = await loadImage(await tiffPagePng(rgbTiff(), 1, 1200));
    const context = createCanvas(picture.width, picture.height).getContext('2d');
    context.drawImage(picture, 0, 0);
    expect([...context.getImageData(4, 4, 1, 1).data]).toEqual([220, 20, 20, 255]);
    expect([...context.getImageData(60, 4, 1, 1).data]).toEqual([20, 20, 220, 255]);
  });

  it('refuses hostile files with a reason, and never reads past the end or loops', async () => {
    const bundle = await faxBundle();
    expect(await failureOf(tiffPagePng(bundle, 3, 1200))).toEqual({ kind: 'no-page', pages: 2 });
    expect(await failureOf(tiffPagePng(bundle.subarray(0, bundle.length - 5000), 2, 1200))).toMatchObject({
      kind: 'damaged',
      message: expect.stringContaining('truncated'),
    });
    expect(await failureOf(tiffPagePng(bundle.subarray(0, 100), 1, 1200))).toMatchObject({ kind: 'damaged' });
    expect(await failureOf(tiffPagePng(bogus(), 1, 1200))).toMatchObject({ kind: 'damaged' });
    expect(await failureOf(tiffPagePng(Buffer.from('II'), 1, 1200))).toMatchObject({ kind: 'damaged' });
    expect(await failureOf(tiffPagePng(await looping(), 1, 1200))).toMatchObject({
      kind: 'damaged',
      message: expect.stringContaining('loop'),
    });
    expect(await failureOf(tiffPagePng(withSize(bundle, 20_000, 20_000), 1, 1200))).toEqual({
      kind: 'too-large',
      width: 20_000,
      height: 20_000,
    });
    expect(20_000 * 20_000).toBeGreaterThan(MAX_TIFF_PIXELS);
  });
});

describe('page images of scans through the API', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp(async (db) => {
      const folder = join(dirname(db.path), 'scans');
      mkdirSync(folder, { recursive: true });
      const bundle = await faxBundle();
      writeFileSync(join(folder, 'fax-bundle.tif'), bundle);
      writeFileSync(join(folder, 'cut-off.tiff'), bundle.subarray(0, bundle.length - 5000));
      writeFileSync(join(folder, 'bogus.tif'), bogus());
      writeFileSync(join(folder, 'enormous.tif'), withSize(bundle, 30_000, 30_000));
      const canvas = createCanvas(300, 200);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ddd';
      context.fillRect(0, 0, 300, 200);
      writeFileSync(join(folder, 'phone.webp'), canvas.toBuffer('image/webp'));
      writeFileSync(join(folder, 'photo.jpg'), canvas.toBuffer('image/jpeg'));
      const summary = await createServices(db).import.importPaths([folder], {
        collection: 'scans',
        visibility: 'public',
        maxFileBytes: 1e7,
        baseDir: folder,
      });
      for (const document of summary.documents) ids[basename(document.file)] = document.id;
    });
  });
  afterAll(async () => t.close());

  const image = (name: string, n: number, query = '') => t.app.inject({ url: `/api/documents/${ids[name]}/pages/${n}/image${query}` });

  it('imported every scan', () => {
    expect(Object.keys(ids).sort()).toEqual(['bogus.tif', 'cut-off.tiff', 'enormous.tif', 'fax-bundle.tif', 'phone.webp', 'photo.jpg']);
  });

  it('draws each frame of a multi-page TIFF as PNG, and caches it', async () => {
    const first = await image('fax-bundle.tif', 1);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(pngSize(first.rawPayload)).toEqual({ width: 1200, height: 300 });
    const second = await image('fax-bundle.tif', 2, '?width=400');
    expect(second.statusCode).toBe(200);
    expect(pngSize(second.rawPayload)).toEqual({ width: 400, height: 150 });
    const cached = readdirSync(pageCacheDirFor(join(dirname(t.db.path), 'originals'))).filter((f) => f.endsWith('.png'));
    expect(cached.filter((f) => /-p1-w1200\.png$|-p2-w400\.png$/.test(f))).toHaveLength(2);
    const again = await image('fax-bundle.tif', 1);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('answers a page past the last frame as a page that does not exist', async () => {
    const response = await image('fax-bundle.tif', 3);
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'page.not_found', message: 'This document has no page 3; it has 2 pages.' });
  });

  it('refuses truncated, bogus and enormous TIFFs with a code and a reason, never a 500', async () => {
    expect((await image('cut-off.tiff', 1)).statusCode).toBe(200);
    const cut = await image('cut-off.tiff', 2);
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error).toMatchObject({ code: 'page.render_failed', message: expect.stringContaining('truncated') });
    const junk = await image('bogus.tif', 1);
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error).toMatchObject({ code: 'page.render_failed' });
    const huge = await image('enormous.tif', 1);
    expect(huge.statusCode).toBe(422);
    expect(huge.json().error).toMatchObject({ code: 'page.image_too_large', message: expect.stringContaining('30000×30000') });
  });

  it('serves WebP and JPEG scans as imported', async () => {
    const webp = await image('phone.webp', 1);
    expect(webp.statusCode).toBe(200);
    expect(webp.headers['content-type']).toBe('image/webp');
    expect(webp.rawPayload.subarray(8, 12).toString()).toBe('WEBP');
    const jpeg = await image('photo.jpg', 1);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect((await image('photo.jpg', 2)).statusCode).toBe(404);
  });
});
