// Opening a PDF with pdf.js, the one way every part of Trove does it (text layers, OCR page renders,
// page images). Nothing may be fetched at run time: fonts, CMaps and wasm decoders all come from the
// installed pdfjs-dist package on disk, and no script in the file is ever evaluated.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocumentInitParameters, PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

// pdf.js is large; loading it lazily keeps it out of processes that never see a PDF.
let pdfjsModule: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

function assetDirectory(name: string): string {
  const packageJson = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  // pdf.js insists on a trailing slash and joins file names onto it.
  return join(dirname(packageJson), name) + '/';
}

function loadOptions(bytes: Uint8Array, pdfjs: PdfJs): DocumentInitParameters {
  return {
    // pdf.js takes ownership of (and may detach) the buffer it is given, and it rejects Node
    // Buffers outright, so it gets its own plain copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    standardFontDataUrl: assetDirectory('standard_fonts'),
    cMapUrl: assetDirectory('cmaps'),
    cMapPacked: true,
    wasmUrl: assetDirectory('wasm'),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
}

/** The loading task of a PDF held in memory; the caller awaits `task.promise` and destroys the task when done. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument(loadOptions(bytes, pdfjs));
}
