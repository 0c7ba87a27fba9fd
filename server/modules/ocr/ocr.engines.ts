// The engines this machine has: the system's tesseract (preferred) and the WebAssembly build from npm.
import { cleanScanApart } from '../../pipeline/ocr/cleanup.ts';
import { defaultPdfRenderer } from '../../pipeline/ocr/render-pdf.ts';
import type { OcrEngines } from '../../pipeline/ocr/ocr-document.ts';
import type { PageImage } from '../../pipeline/ocr/ocr.types.ts';
import { tiffFramePng } from '../pages/page-render.ts';
import { tiffFrameCount } from '../pages/tiff-page.ts';
import { systemEngine } from '../../pipeline/ocr/system.engine.ts';
import { wasmEngine } from '../../pipeline/ocr/wasm.engine.ts';

export interface EngineChoice {
  /** Use the system's tesseract when installed (default true); false for the WebAssembly engine only. */
  system?: boolean;
  wasm?: boolean;
}

export async function machineEngines(choice: EngineChoice = {}): Promise<OcrEngines> {
  return {
    system: choice.system === false ? undefined : await systemEngine(),
    wasm: choice.wasm === false ? undefined : await wasmEngine(),
    renderPdf: await defaultPdfRenderer(),
    // Pages read poorly are cleaned and read again (ocr-document.ts), in a process of their own.
    clean: cleanScanApart,
    splitTiff,
  };
}

// Frames are read at their own size (a scan's pixels are what OCR needs), within tiff-page.ts's limits.
const FRAME_WIDTH = 100_000;

/** Each frame of a TIFF as a PNG, decoded on a thread of its own, for the WebAssembly engine that reads only the first. */
async function splitTiff(tiff: Uint8Array): Promise<PageImage[]> {
  const images: PageImage[] = [];
  for (let number = 1; number <= tiffFrameCount(tiff); number++)
    images.push({ number, bytes: await tiffFramePng(tiff, number, FRAME_WIDTH) });
  return images;
}
