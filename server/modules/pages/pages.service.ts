import type { ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ReadScope } from '../../../db/access.ts';
import type { PagesRepository } from '../../../db/pages.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import { originalMissing } from '../originals/originals.service.ts';
import type { OriginalsStore } from '../originals/originals.store.ts';
import { toPageWords } from './document-pages.ts';
import type { DocumentPageWords } from './pages.schemas.ts';
import {
  defaultRenderer,
  ImageTooLargeError,
  NoRendererError,
  NoSuchPageError,
  RenderFailedError,
  tiffRenderer,
  type PageRenderer,
} from './page-render.ts';
import { MAX_TIFF_PIXELS } from './tiff-page.ts';

export interface PageImage {
  stream: ReadStream;
  size: number;
  contentType: string;
}

/** Image types every browser shows as a picture; a TIFF is drawn to PNG page by page. */
const SHOWN_AS_IS = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
export const DEFAULT_PAGE_WIDTH = 1200;
const WIDTH_STEP = 200;
/** PDF pages drawn at once, whatever the number of requests. */
const MAX_RENDERS = 2;

/** Rendered pages are kept beside the originals store, content-addressed: `<sha256>-p<page>-w<width>.png`. */
export const pageCacheDirFor = (originalsDir: string): string => join(originalsDir, '..', 'page-images');

/** Page images: scans as they were imported, PDF pages and TIFF frames rendered on demand and cached on disk. */
export class PagesService {
  private readonly rendering = new Map<string, Promise<string>>();
  // Renders take a core each (pdftoppm or pdf.js); a burst of page requests waits its turn.
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly pages: PagesRepository,
    private readonly store: OriginalsStore,
    private readonly cacheDir = pageCacheDirFor(store.dir),
    private readonly render: PageRenderer = defaultRenderer,
    private readonly renderTiff: PageRenderer = tiffRenderer,
  ) {}

  // A document the scope may not read answers exactly as one that does not exist (documents.service.ts).
  async page(documentId: number, number: number, scope: ReadScope): Promise<DocumentPageWords> {
    const found = await this.pages.findPage(documentId, number, scope);
    if (!found) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    if (!found.page) throw noSuchPage(number, found.pageCount);
    return toPageWords(found.page);
  }

  async image(documentId: number, number: number, scope: ReadScope, requestedWidth?: number): Promise<PageImage> {
    const found = await this.pages.findPage(documentId, number, scope);
    if (!found) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const { sha256, mediaType, pageCount, page } = found;
    // A single picture imported before it had pages is its own page 1.
    const singleImage = pageCount === 0 && number === 1 && mediaType !== null && SHOWN_AS_IS.has(mediaType);
    // A TIFF not read yet (OCR queued or pending) has its frames for pages all the same; the decoder knows how many.
    const unreadTiff = pageCount === 0 && mediaType === TIFF;
    if (!page && !singleImage && !unreadTiff) throw noSuchPage(number, pageCount);
    if (sha256 === null || mediaType === null) {
      throw notFound(
        'original.not_stored',
        'The page image cannot be shown: the original file of this document was not kept (it was imported before Trove kept originals). Its text is still here.',
      );
    }
    const original = this.store.pathOf(sha256);
    if (mediaType === 'application/pdf' || mediaType === TIFF) {
      const width = snapWidth(requestedWidth);
      const path = await this.rendered(sha256, original, number, width, mediaType === TIFF ? this.renderTiff : this.render);
      return this.file(path, 'image/png');
    }
    if (SHOWN_AS_IS.has(mediaType)) {
      if (number !== 1) throw notFound('page.not_found', `This picture has one page; there is no page ${number}.`);
      return this.file(original, mediaType);
    }
    throw new AppError(
      'page.image_unsupported',
      `Trove cannot show pages of a ${mediaType} file as images yet. Download the original to see it.`,
      415,
    );
  }

  private async file(path: string, contentType: string): Promise<PageImage> {
    // Opened first, so that a missing file is known before any response header is sent.
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw originalMissing();
    }
    const { size } = await handle.stat();
    return { stream: handle.createReadStream(), size, contentType };
  }

  /** The cached PNG of a PDF page, rendered once per content, page and width; concurrent requests share one render. */
  private rendered(sha256: string, original: string, number: number, width: number, render: PageRenderer): Promise<string> {
    const path = join(this.cacheDir, `${sha256}-p${number}-w${width}.png`);
    const pending = this.rendering.get(path);
    if (pending) return pending;
    const work = this.renderOnce(original, path, number, width, render).finally(() => this.rendering.delete(path));
    this.rendering.set(path, work);
    return work;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    // A finished render hands its slot straight to the next waiting one, so no newcomer slips in between.
    if (this.active < MAX_RENDERS) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private async renderOnce(original: string, path: string, number: number, width: number, render: PageRenderer): Promise<string> {
    if (await exists(path)) return path;
    try {
      await stat(original);
    } catch {
      return original; // file() reports it missing
    }
    let png: Buffer;
    try {
      png = await this.limited(() => render(original, number, width));
    } catch (error) {
      throw renderError(error, number, render === this.renderTiff ? 'TIFF' : 'PDF');
    }
    await mkdir(this.cacheDir, { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      const handle = await open(partial, 'wx', 0o640);
      try {
        await handle.writeFile(png);
      } finally {
        await handle.close();
      }
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return path;
  }
}

const TIFF = 'image/tiff';

function renderError(error: unknown, number: number, type: 'PDF' | 'TIFF'): unknown {
  if (error instanceof NoRendererError) {
    return new AppError(
      'page.renderer_unavailable',
      type === 'PDF'
        ? 'This server cannot draw PDF pages: install poppler-utils (pdftoppm), or reinstall with npm install so that @napi-rs/canvas is present.'
        : 'This server cannot draw TIFF pages: reinstall with npm install so that @napi-rs/canvas is present.',
      503,
    );
  }
  if (error instanceof NoSuchPageError) return noSuchPage(number, error.pages);
  if (error instanceof ImageTooLargeError) {
    return new AppError(
      'page.image_too_large',
      `Page ${number} is ${error.width}×${error.height} pixels, more than the ${MAX_TIFF_PIXELS / 1e6} million Trove draws. Download the original to see it.`,
      422,
    );
  }
  if (error instanceof RenderFailedError) {
    return new AppError(
      'page.render_failed',
      type === 'PDF'
        ? `Page ${number} of this PDF could not be drawn; the file may be damaged. Its text is still here.`
        : `Page ${number} of this TIFF could not be drawn: ${error.message} Download the original to look at it.`,
      422,
    );
  }
  return error;
}

function noSuchPage(number: number, pageCount: number): AppError {
  return notFound(
    'page.not_found',
    pageCount === 0
      ? 'This document has no pages: it was not imported from a PDF or a scan.'
      : `This document has no page ${number}; it has ${pageCount} page${pageCount === 1 ? '' : 's'}.`,
  );
}

function snapWidth(width: number | undefined): number {
  if (width === undefined) return DEFAULT_PAGE_WIDTH;
  return Math.min(2400, Math.max(WIDTH_STEP, Math.round(width / WIDTH_STEP) * WIDTH_STEP));
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
