// Scanned documents for the OCR tests, from the synthetic pages in fixtures/scans (see its README).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';

export const SCANS = resolve(import.meta.dirname, '../../../fixtures/scans');

export const scan = (name: string): Buffer => readFileSync(join(SCANS, name));

/** An image-only PDF: one page per image, each drawn over the whole page, with no text layer. */
export async function imageOnlyPdf(images: Buffer[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const bytes of images) {
    const image = bytes[0] === 0x89 ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
    const width = image.width * 0.5;
    const height = image.height * 0.5;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return pdf.save({ useObjectStreams: false });
}

/** A folder of scans as a leak might hold them. */
export async function writeScanFolder(dir: string, names: string[]): Promise<void> {
  for (const name of names) {
    if (name === 'scanned-cable.pdf')
      writeFileSync(join(dir, name), await imageOnlyPdf([scan('cable-clean.png'), scan('cable-page-2.png')]));
    else copyFileSync(join(SCANS, name), join(dir, name));
  }
}
