// The TIFF page thread's entry: a frame is decoded in pure JavaScript, which would hold the event loop for a
// second on a big scan, so it runs here. Worker threads do not inherit the TypeScript loader; it is registered first.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

register();
const { tiffPagePng, TiffError } = await import('./tiff-page.ts');
try {
  const bytes = workerData.bytes ?? new Uint8Array(await readFile(workerData.path));
  const png = await tiffPagePng(bytes, workerData.number, workerData.width);
  parentPort.postMessage({ png });
} catch (error) {
  const failure = error instanceof TiffError ? error.failure : { kind: 'damaged', message: String(error?.message ?? error) };
  parentPort.postMessage({ failure });
}
