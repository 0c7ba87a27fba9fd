// PDF pages to PNG for OCR: poppler's pdftoppm where installed (poppler-utils), else pdf.js drawing on
// @napi-rs/canvas (installed with pdfjs-dist), so a plain `npm install` still OCRs scanned PDFs.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPdf } from '../extract/open-pdf.ts';
import type { PageImage } from './ocr.types.ts';

/** Dots per inch pages are rendered at: Tesseract reads best at 200–300. */
export const RENDER_DPI = 200;

export type PdfRenderer = (pdf: Uint8Array, pages: number[]) => Promise<PageImage[]>;

function pdftoppm(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => execFile('pdftoppm', args, { timeout: 120_000 }, (error) => (error ? reject(error) : resolve())));
}

export async function hasPdftoppm(): Promise<boolean> {
  return new Promise((resolve) =>
    execFile('pdftoppm', ['-v'], (error) => resolve(error === null || (error as NodeJS.ErrnoException).code !== 'ENOENT')),
  );
}

export const popplerRenderer: PdfRenderer = async (pdf, pages) => {
  const dir = await mkdtemp(join(tmpdir(), 'trove-pdf-'));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const images: PageImage[] = [];
    for (const number of pages) {
      const out = join(dir, `p${number}`);
      await pdftoppm(['-r', String(RENDER_DPI), '-gray', '-png', '-singlefile', '-f', String(number), '-l', String(number), input, out]);
      images.push({ number, bytes: await readFile(`${out}.png`) });
    }
    return images;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export const pdfjsRenderer: PdfRenderer = async (pdf, pages) => {
  const { createCanvas } = await import('@napi-rs/canvas');
  const task = await openPdf(pdf);
  try {
    const doc = await task.promise;
    const images: PageImage[] = [];
    for (const number of pages) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: RENDER_DPI / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      images.push({ number, bytes: canvas.toBuffer('image/png') });
      page.cleanup();
    }
    return images;
  } finally {
    await task.destroy();
  }
};

/** pdftoppm when it runs here, else pdf.js. */
export async function defaultPdfRenderer(): Promise<PdfRenderer> {
  return (await hasPdftoppm()) ? popplerRenderer : pdfjsRenderer;
}
