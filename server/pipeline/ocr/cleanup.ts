// Light cleanup of a noisy scan before a second reading: grey, contrast stretched, thresholded (Otsu) and cleared of
// specks (dark blots of a few pixels, which Tesseract reads as stray punctuation or lets break a word). Only tried on
// a page read poorly, the better reading kept (ocr-document.ts): on a clean page it gains nothing, and on clean Persian
// it loses words (thresholding thins the joins of the script; bench:ocr read 64% of them instead of 100%).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { imageType } from './ocr-work.ts';

/** Blots of at most this many pixels, with no bigger blot near, are specks (a photocopier's dust, a fax line's noise). */
const SPECK_PIXELS = 16;
/** How far from other ink a speck is: the dot of an i or a full stop is nearer its letters than this. */
const SPECK_MARGIN = 3;
/** Share of pixels at each end of the histogram ignored when stretching: a few specks must not set the range. */
const STRETCH_TAIL = 0.01;
/** Larger pictures are not cleaned: the pass runs in JavaScript, about half a second a megapixel on a loaded machine. */
export const MAX_CLEANUP_PIXELS = 12_000_000;

/** Grey levels 0–255 of RGBA pixels. */
export function toGrey(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) {
    const o = i * 4;
    // Rec. 601 luma; transparent pixels are paper.
    const alpha = rgba[o + 3]! / 255;
    const luma = 0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!;
    grey[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return grey;
}

function histogram(grey: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  for (const value of grey) counts[value]!++;
  return counts;
}

/** Spreads the grey levels between the darkest and lightest percentile over 0–255, in place. */
export function stretchContrast(grey: Uint8Array): void {
  const counts = histogram(grey);
  const tail = grey.length * STRETCH_TAIL;
  let low = 0;
  for (let seen = 0; low < 255 && seen + counts[low]! <= tail; low++) seen += counts[low]!;
  let high = 255;
  for (let seen = 0; high > 0 && seen + counts[high]! <= tail; high--) seen += counts[high]!;
  if (high - low < 16) return; // a blank or flat page: nothing to stretch
  const scale = 255 / (high - low);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.max(0, Math.min(255, Math.round((grey[i]! - low) * scale)));
}

/** Otsu's threshold: the grey level that best splits the histogram into ink and paper. */
export function otsuThreshold(grey: Uint8Array): number {
  const counts = histogram(grey);
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * counts[level]!;
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let threshold = 127;
  for (let level = 0; level < 256; level++) {
    below += counts[level]!;
    if (below === 0) continue;
    const above = grey.length - below;
    if (above === 0) break;
    belowSum += level * counts[level]!;
    const meanBelow = belowSum / below;
    const meanAbove = (sum - belowSum) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = level;
    }
  }
  return threshold;
}

/** Ink (true) where the grey level is at or under the threshold. */
export function binarise(grey: Uint8Array, threshold: number): Uint8Array {
  const ink = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) ink[i] = grey[i]! <= threshold ? 1 : 0;
  return ink;
}

/**
 * Clears specks, in place: blots of ink (8-connected) of at most `maxPixels` pixels with no bigger blot within
 * `margin` pixels. The dot of an i and a full stop stand next to their letters, so they stay; specks next to specks
 * (a heavily speckled margin) go. Returns how many were cleared.
 */
export function removeSpecks(ink: Uint8Array, width: number, height: number, maxPixels = SPECK_PIXELS, margin = SPECK_MARGIN): number {
  const { label, blots } = labelBlots(ink, width, height);
  const big = (at: number) => blots[label[at]! - 1]!.size > maxPixels;
  let cleared = 0;
  blots.forEach((blot, index) => {
    if (blot.size > maxPixels) return;
    const x0 = Math.max(0, blot.left - margin);
    const x1 = Math.min(width - 1, blot.right + margin);
    const y0 = Math.max(0, blot.top - margin);
    const y1 = Math.min(height - 1, blot.bottom + margin);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (ink[y * width + x] && big(y * width + x)) return;
    for (let y = blot.top; y <= blot.bottom; y++)
      for (let x = blot.left; x <= blot.right; x++) if (label[y * width + x] === index + 1) ink[y * width + x] = 0;
    cleared++;
  });
  return cleared;
}

interface Blot {
  size: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Labels each 8-connected blot of ink 1, 2 …, with its size and box. */
function labelBlots(ink: Uint8Array, width: number, height: number): { label: Int32Array; blots: Blot[] } {
  const label = new Int32Array(ink.length);
  const stack = new Int32Array(ink.length);
  const blots: Blot[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || label[start]) continue;
    const id = blots.length + 1;
    const blot: Blot = { size: 0, left: width, right: 0, top: height, bottom: 0 };
    blots.push(blot);
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    while (top > 0) {
      const at = stack[--top]!;
      const x = at % width;
      const y = (at - x) / width;
      blot.size++;
      blot.left = Math.min(blot.left, x);
      blot.right = Math.max(blot.right, x);
      blot.top = Math.min(blot.top, y);
      blot.bottom = Math.max(blot.bottom, y);
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const next = ny * width + nx;
          if (ink[next] && !label[next]) {
            label[next] = id;
            stack[top++] = next;
          }
        }
      }
    }
  }
  return { label, blots };
}

/** The cleaned page as black-on-white RGBA. */
export function cleanPixels(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const grey = toGrey(rgba);
  stretchContrast(grey);
  const ink = binarise(grey, otsuThreshold(grey));
  removeSpecks(ink, width, height);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < ink.length; i++) {
    const value = ink[i] ? 0 : 255;
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = value;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** PNG, JPEG and WebP pages are cleaned; a TIFF's frames are read as they are. */
const cleanable = (bytes: Uint8Array) => ['PNG', 'JPEG', 'WebP'].includes(imageType(bytes) ?? '');

/**
 * A PNG, JPEG or WebP page cleaned for a second reading, or undefined when it cannot or should not be (TIFF, huge).
 * The decoder can crash the process on a damaged file: imported pages go through cleanScanApart.
 */
export async function cleanScan(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  if (!cleanable(bytes)) return undefined;
  let canvas: typeof import('@napi-rs/canvas');
  try {
    canvas = await import('@napi-rs/canvas');
  } catch {
    return undefined;
  }
  let picture: Awaited<ReturnType<typeof canvas.loadImage>>;
  try {
    picture = await canvas.loadImage(Buffer.from(bytes));
  } catch {
    return undefined; // a TIFF, or damaged: the first reading stands
  }
  const { width, height } = picture;
  if (width < 1 || height < 1 || width * height > MAX_CLEANUP_PIXELS) return undefined;
  const surface = canvas.createCanvas(width, height);
  const context = surface.getContext('2d');
  context.drawImage(picture, 0, 0);
  const pixels = context.getImageData(0, 0, width, height);
  pixels.data.set(cleanPixels(pixels.data, width, height));
  context.putImageData(pixels, 0, 0);
  return surface.toBuffer('image/png');
}

const CLEANUP_TIMEOUT_MS = 60_000;

/** cleanScan in a process of its own (cleanup.child.mjs); undefined when it cannot clean the page, crashes or takes too long. */
export function cleanScanApart(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  if (!cleanable(bytes)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./cleanup.child.mjs', import.meta.url)), [], {
      serialization: 'advanced',
      execArgv: [],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let settled = false;
    const settle = (png: Uint8Array | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(png);
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => settle(undefined), CLEANUP_TIMEOUT_MS);
    child.once('message', (message: { png: Uint8Array | null }) => settle(message.png === null ? undefined : Buffer.from(message.png)));
    child.once('error', () => settle(undefined));
    child.once('exit', () => settle(undefined));
    child.send({ bytes });
  });
}
