// One frame of a TIFF (a fax bundle, a scanner's multi-page file) as a PNG, decoded by UTIF (utif2) and encoded on
// @napi-rs/canvas as PDF pages are. The file comes from a leak, so its directory chain and strips are checked
// before UTIF reads them: UTIF follows a looping chain forever and reads past the end of a truncated file.
import { createRequire } from 'node:module';
import type { IFD } from 'utif2';

type Utif = typeof import('utif2');
const UTIF = createRequire(import.meta.url)('utif2') as Utif;

/** Pixels of the largest frame drawn: room for A4 at 600 dpi (35 MP), its decoded colours taking 160 MB. */
export const MAX_TIFF_PIXELS = 40_000_000;
/** More directories than any scan has: a longer chain is a hostile file. */
const MAX_FRAMES = 10_000;

export type TiffFailure =
  | { kind: 'damaged'; message: string }
  | { kind: 'no-page'; pages: number }
  | { kind: 'too-large'; width: number; height: number }
  | { kind: 'no-canvas' };

export class TiffError extends Error {
  constructor(readonly failure: TiffFailure) {
    super(failure.kind === 'damaged' ? failure.message : failure.kind);
  }
}

const damaged = (message: string) => new TiffError({ kind: 'damaged', message });

/** The number of frames, after checking that every directory lies inside the file and the chain ends. */
export function tiffFrameCount(bytes: Uint8Array): number {
  if (bytes.length < 8) throw damaged('The file is too short to be a TIFF.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') throw damaged('The file does not start as a TIFF does.');
  const little = order === 'II';
  const magic = view.getUint16(2, little);
  if (magic === 43) throw damaged('BigTIFF files are not read.');
  if (magic !== 42) throw damaged('The file does not start as a TIFF does.');
  const seen = new Set<number>();
  let frames = 0;
  for (let offset = view.getUint32(4, little); offset !== 0;) {
    if (offset < 8 || offset + 2 > bytes.length) throw damaged('An image directory lies outside the file (it is truncated).');
    if (seen.has(offset) || frames >= MAX_FRAMES) throw damaged('The image directories loop.');
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const end = offset + 2 + entries * 12;
    if (end + 4 > bytes.length) throw damaged('An image directory runs past the end of the file (it is truncated).');
    frames++;
    offset = view.getUint32(end, little);
  }
  if (frames === 0) throw damaged('The TIFF holds no image.');
  return frames;
}

const first = (ifd: IFD, tag: number): number | undefined => {
  const value = ifd[`t${tag}`];
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : undefined;
};
const numbers = (ifd: IFD, tag: number): number[] | undefined => {
  const value = ifd[`t${tag}`];
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : undefined;
};

/** The strips (or tiles) of a frame must lie inside the file, or UTIF reads garbage beyond it. */
function checkData(ifd: IFD, length: number): void {
  const tiled = ifd.t322 !== undefined;
  const offsets = numbers(ifd, tiled ? 324 : 273);
  const counts = numbers(ifd, tiled ? 325 : 279);
  if (!offsets || offsets.length === 0) throw damaged('The frame has no image data.');
  offsets.forEach((offset, i) => {
    const count = counts?.[i];
    if (count === undefined || !Number.isInteger(offset) || offset < 0 || offset + count > length)
      throw damaged('The image data runs past the end of the file (it is truncated).');
  });
}

async function toPng(rgba: Uint8Array, width: number, height: number, maxWidth: number): Promise<Buffer> {
  let canvasModule: typeof import('@napi-rs/canvas');
  try {
    canvasModule = await import('@napi-rs/canvas');
  } catch {
    throw new TiffError({ kind: 'no-canvas' });
  }
  const full = canvasModule.createCanvas(width, height);
  const context = full.getContext('2d');
  const pixels = context.createImageData(width, height);
  pixels.data.set(rgba);
  context.putImageData(pixels, 0, 0);
  // Scans are wider than a screen: drawn down to the asked width, never up.
  if (width <= maxWidth) return full.toBuffer('image/png');
  const scaledHeight = Math.max(1, Math.round((height * maxWidth) / width));
  const scaled = canvasModule.createCanvas(maxWidth, scaledHeight);
  const scaledContext = scaled.getContext('2d');
  scaledContext.fillStyle = '#fff';
  scaledContext.fillRect(0, 0, maxWidth, scaledHeight);
  scaledContext.drawImage(full, 0, 0, maxWidth, scaledHeight);
  return scaled.toBuffer('image/png');
}

/** Frame `number` (1-based) of the TIFF as PNG bytes at most `maxWidth` wide. Throws TiffError, never anything else. */
export async function tiffPagePng(bytes: Uint8Array, number: number, maxWidth: number): Promise<Buffer> {
  const frames = tiffFrameCount(bytes);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    // Maker notes are camera data, never a scan's: not parsed.
    const decode = UTIF.decode as (buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => IFD[];
    const ifds = decode(data, { parseMN: false, debug: false });
    // UTIF stops early at a directory it cannot read; the pages are those it read.
    const pages = Math.min(frames, ifds.length);
    const ifd = ifds[number - 1];
    if (number > pages || ifd === undefined) throw new TiffError({ kind: 'no-page', pages });
    width = first(ifd, 256) ?? 0;
    height = first(ifd, 257) ?? 0;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
      throw damaged('The frame has no width or height.');
    if (width * height > MAX_TIFF_PIXELS) throw new TiffError({ kind: 'too-large', width, height });
    const bitsPerPixel = (first(ifd, 258) ?? 1) * (first(ifd, 277) ?? 1);
    if (bitsPerPixel < 1 || bitsPerPixel > 64) throw damaged('The frame has an unreadable pixel format.');
    checkData(ifd, bytes.length);
    UTIF.decodeImage(data, ifd);
    rgba = UTIF.toRGBA8(ifd);
  } catch (error) {
    if (error instanceof TiffError) throw error;
    // UTIF throws strings and TypeErrors at what it cannot decode.
    throw damaged(`The frame could not be decoded (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (rgba.length !== width * height * 4) throw damaged('The frame decoded to the wrong number of pixels.');
  return toPng(rgba, width, height, maxWidth);
}
