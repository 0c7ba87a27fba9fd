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
    else if (name === 'fax-bundle.tif')
      writeFileSync(join(dir, name), await multiPageTiff([scan('cable-clean.png'), scan('cable-page-2.png')]));
    else copyFileSync(join(SCANS, name), join(dir, name));
  }
}

/** A multi-page TIFF (uncompressed 8-bit grey, one strip per page) of the given page images, as a fax bundle is. */
export async function multiPageTiff(images: Buffer[]): Promise<Buffer> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const frames: Array<{ width: number; height: number; grey: Buffer }> = [];
  for (const bytes of images) {
    const picture = await loadImage(bytes);
    const canvas = createCanvas(picture.width, picture.height);
    const context = canvas.getContext('2d');
    context.drawImage(picture, 0, 0);
    const { data } = context.getImageData(0, 0, picture.width, picture.height);
    const grey = Buffer.alloc(picture.width * picture.height);
    for (let i = 0; i < grey.length; i++) grey[i] = Math.round((data[4 * i]! + data[4 * i + 1]! + data[4 * i + 2]!) / 3);
    frames.push({ width: picture.width, height: picture.height, grey });
  }
  const ENTRIES = 9;
  const ifdSize = 2 + ENTRIES * 12 + 4;
  const parts: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(offset, 4);
  parts.push(header);
  frames.forEach((frame, index) => {
    const stripAt = offset + ifdSize;
    const next = index === frames.length - 1 ? 0 : stripAt + frame.grey.length;
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(ENTRIES, 0);
    const entries: Array<[number, number, number]> = [
      [256, 4, frame.width],
      [257, 4, frame.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, stripAt],
      [277, 3, 1],
      [278, 4, frame.height],
      [279, 4, frame.grey.length],
    ];
    entries.forEach(([tag, type, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    ifd.writeUInt32LE(next, 2 + ENTRIES * 12);
    parts.push(ifd, frame.grey);
    offset = stripAt + frame.grey.length;
  });
  return Buffer.concat(parts);
}
