// Cleanup of noisy scans before a second reading: the pixel steps on drawn pixels, the whole pass on the committed
// noisy fixture (fixtures/scans, synthetic), and when ocrDocument uses it: only on a page read poorly, keeping the
// better reading. The engine here is a stand-in that answers by the bytes it is given (the pass is what is tested).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { binarise, cleanScan, cleanScanApart, otsuThreshold, removeSpecks, stretchContrast } from './cleanup.ts';
import { ocrDocument, type OcrEngines } from './ocr-document.ts';
import type { OcrEngine } from './ocr.types.ts';

const SCANS = resolve(import.meta.dirname, '../../../fixtures/scans');

/** A width×height page of ink (1) where `marks` are. */
function page(width: number, height: number, marks: Array<[x: number, y: number, w: number, h: number]>): Uint8Array {
  const ink = new Uint8Array(width * height);
  for (const [x, y, w, h] of marks) for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) ink[j * width + i] = 1;
  return ink;
}
const inkAt = (ink: Uint8Array, width: number, x: number, y: number) => ink[y * width + x];

describe('the pixel steps', () => {
  it('splits ink from paper between the two greys (Otsu), after stretching a faded page', () => {
    const grey = new Uint8Array(1000).map((_, i) => (i % 10 < 2 ? 110 + (i % 3) : 170 + (i % 5)));
    stretchContrast(grey);
    expect(Math.min(...grey)).toBe(0);
    expect(Math.max(...grey)).toBe(255);
    const threshold = otsuThreshold(grey);
    const ink = binarise(grey, threshold);
    expect(ink.reduce((n, v) => n + v, 0)).toBe(200);
  });

  it('clears lone specks and specks beside specks, keeps letters, the dot of an i and a full stop', () => {
    const width = 60;
    const ink = page(width, 40, [
      [30, 10, 3, 20], // a stem
      [30, 6, 3, 2], // the dot above it, 2 px clear
      [35, 27, 3, 3], // a full stop beside it
      [5, 5, 2, 2], // a lone speck
      [10, 30, 1, 1], // specks beside one another, away from letters
      [12, 31, 2, 1],
      [50, 5, 6, 6], // a blot too big to be a speck
    ]);
    expect(removeSpecks(ink, width, 40)).toBe(3);
    expect(inkAt(ink, width, 5, 5)).toBe(0);
    expect(inkAt(ink, width, 10, 30)).toBe(0);
    expect(inkAt(ink, width, 12, 31)).toBe(0);
    expect(inkAt(ink, width, 31, 6)).toBe(1);
    expect(inkAt(ink, width, 36, 28)).toBe(1);
    expect(inkAt(ink, width, 31, 15)).toBe(1);
    expect(inkAt(ink, width, 52, 7)).toBe(1);
  });
});

describe('cleanScan', () => {
  it('turns the noisy fixture black on white, same size, with far fewer dark specks in the margin', async () => {
    const bytes = readFileSync(join(SCANS, 'cable-noisy.jpg'));
    const original = await loadImage(bytes);
    const cleaned = await loadImage(Buffer.from((await cleanScanApart(bytes))!));
    expect([cleaned.width, cleaned.height]).toEqual([original.width, original.height]);
    const darkInMargin = async (image: typeof cleaned) => {
      const context = createCanvas(image.width, image.height).getContext('2d');
      context.drawImage(image, 0, 0);
      // Below the last line of text: nothing but noise.
      const { data } = context.getImageData(0, image.height - 40, image.width, 40);
      let dark = 0;
      const greys = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        greys.add(data[i]!);
        if (data[i]! < 128) dark++;
      }
      return { dark, greys: greys.size };
    };
    const before = await darkInMargin(original);
    const after = await darkInMargin(cleaned);
    expect(after.greys).toBeLessThanOrEqual(2);
    expect(after.dark).toBeLessThan(before.dark / 5);
  });

  it('leaves what it cannot read alone: a TIFF, junk, a header cut short that crashes the decoder (in its own process)', async () => {
    expect(await cleanScan(Buffer.from('II*\0not really'))).toBeUndefined();
    expect(await cleanScanApart(new Uint8Array([1, 2, 3]))).toBeUndefined();
    const png = readFileSync(join(SCANS, 'cable-clean.png'));
    expect(await cleanScanApart(png.subarray(0, 30))).toBeUndefined();
    expect(await cleanScanApart(readFileSync(join(SCANS, 'cable-noisy.jpg')).subarray(0, 10))).toBeUndefined();
  });
});

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const tsv = (words: string[], conf: number) =>
  [HEADER, ['1', '1', '0', '0', '0', '0', '0', '0', '800', '600', '-1', ''].join('\t')]
    .concat(
      words.map((w, i) => ['5', '1', '1', '1', '1', String(i + 1), String(10 + 60 * i), '10', '50', '20', String(conf), w].join('\t')),
    )
    .join('\n');

/** Reads "CLEAN" bytes well and anything else poorly; counts what it is given. */
function standIn(): { engine: OcrEngine; read: string[] } {
  const read: string[] = [];
  const engine: OcrEngine = {
    name: 'system',
    multiPageTiff: true,
    languages: () => Promise.resolve(new Set(['eng'])),
    recognizeTsv: (image) => {
      const text = Buffer.from(image).toString();
      read.push(text);
      return Promise.resolve(
        text === 'CLEAN'
          ? tsv(['harbour', 'director', 'cranes'], 92)
          : text === 'GOOD'
            ? tsv(['embassy', 'report', 'week'], 95)
            : tsv(['h4rb', 'dlr'], 31),
      );
    },
    close: () => Promise.resolve(),
  };
  return { engine, read };
}

describe('ocrDocument and cleanup', () => {
  const engines = (engine: OcrEngine): OcrEngines => ({
    system: engine,
    renderPdf: () => Promise.resolve([]),
    clean: () => Promise.resolve(Buffer.from('CLEAN')),
  });
  const read = (bytes: string, engine: OcrEngine, cleanup?: 'auto' | 'off') =>
    ocrDocument({ kind: 'image', bytes: Buffer.from(bytes), pages: [], languages: ['eng'], cleanup }, engines(engine));

  it('reads a poorly read page again cleaned, and keeps the better reading', async () => {
    const { engine, read: given } = standIn();
    const outcome = await read('NOISY', engine);
    expect(outcome.status === 'done' && outcome.pages[0]!.text).toBe('harbour director cranes');
    expect(given).toEqual(['NOISY', 'NOISY', 'CLEAN']);
  });

  it('does not clean a page read well, nor when cleanup is off', async () => {
    const good = standIn();
    await read('GOOD', good.engine);
    expect(good.read).toEqual(['GOOD']);
    const off = standIn();
    const outcome = await read('NOISY', off.engine, 'off');
    expect(outcome.status === 'done' && outcome.pages[0]!.text).toBe('h4rb dlr');
    expect(off.read).toEqual(['NOISY', 'NOISY']);
  });

  it('gives an engine that reads one TIFF frame each frame as its own image, and says so when they cannot be split', async () => {
    const { engine, read: given } = standIn();
    const firstFrameOnly = { ...engine, name: 'wasm' as const, multiPageTiff: false };
    const tiff = (splitTiff: OcrEngines['splitTiff']) =>
      ocrDocument(
        { kind: 'image', tiff: true, bytes: Buffer.from('BUNDLE'), pages: [], languages: ['eng'], cleanup: 'off' },
        { wasm: firstFrameOnly, renderPdf: () => Promise.resolve([]), splitTiff },
      );
    const split = await tiff(() => Promise.resolve([1, 2].map((number) => ({ number, bytes: Buffer.from('GOOD') }))));
    expect(split.status === 'done' && [split.pages.map((p) => p.number), split.notes]).toEqual([[1, 2], []]);
    expect(given).toEqual(['GOOD', 'GOOD']);
    const unsplit = await tiff(() => Promise.reject(new Error('The frame could not be decoded.')));
    expect(unsplit.status === 'done' && unsplit.notes).toEqual([
      'Only the first frame of this TIFF was read; the system Tesseract (tesseract-ocr) reads every frame.',
    ]);
    expect(given.at(-1)).toBe('BUNDLE');
  });
});
