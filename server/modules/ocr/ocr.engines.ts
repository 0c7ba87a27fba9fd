// The engines this machine has: the system's tesseract (preferred) and the WebAssembly build from npm.
import { cleanScanApart } from '../../pipeline/ocr/cleanup.ts';
import { defaultPdfRenderer } from '../../pipeline/ocr/render-pdf.ts';
import type { OcrEngines } from '../../pipeline/ocr/ocr-document.ts';
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
  };
}
