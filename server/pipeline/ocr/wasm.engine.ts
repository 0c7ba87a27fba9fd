// Tesseract compiled to WebAssembly (tesseract.js), for machines without the system's Tesseract. Its language data
// comes from npm packages on disk (@tesseract.js-data/eng); nothing is fetched or cached at run time.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OcrEngine } from './ocr.types.ts';

type TesseractJs = typeof import('tesseract.js');
type Worker = Awaited<ReturnType<TesseractJs['createWorker']>>;

const require = createRequire(import.meta.url);

/** Where the traineddata of a language lies inside its npm package, or undefined when that package is not installed. */
export function languageDataDir(language: string): string | undefined {
  try {
    const dir = join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int');
    return existsSync(join(dir, `${language}.traineddata.gz`)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

// Persian has no data package on npm; the system engine (tesseract-ocr-fas) reads it.
const CANDIDATES = ['eng', 'fas'];

/** The WebAssembly engine; undefined when tesseract.js or every language package is missing. */
export async function wasmEngine(options: { languages?: string[] } = {}): Promise<OcrEngine | undefined> {
  let tesseract: TesseractJs;
  try {
    tesseract = await import('tesseract.js');
  } catch {
    return undefined;
  }
  const dirs = new Map<string, string>();
  for (const language of options.languages ?? CANDIDATES) {
    const dir = languageDataDir(language);
    if (dir !== undefined) dirs.set(language, dir);
  }
  if (dirs.size === 0) return undefined;
  const workers = new Map<string, Promise<Worker>>();
  const workerFor = (language: string): Promise<Worker> => {
    let worker = workers.get(language);
    if (worker === undefined) {
      worker = tesseract.createWorker(language, tesseract.OEM.LSTM_ONLY, {
        langPath: dirs.get(language)!,
        cacheMethod: 'none',
        gzip: true,
      });
      workers.set(language, worker);
    }
    return worker;
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    name: 'wasm',
    multiPageTiff: false,
    languages: () => Promise.resolve(new Set(dirs.keys())),
    recognizeTsv(image, langs, options = {}) {
      // Each data package is loaded in its own worker; a worker reads one image at a time.
      const [language] = langs.filter((l) => dirs.has(l));
      if (language === undefined) return Promise.reject(new Error(`The WebAssembly engine has no data for ${langs.join('+')}.`));
      const job = queue.then(async () => {
        const worker = await workerFor(language);
        await worker.setParameters({ tessedit_pageseg_mode: String(options.psm ?? 3) as never });
        const { data } = await worker.recognize(Buffer.from(image), {}, { tsv: true, text: false, blocks: false });
        return data.tsv ?? '';
      });
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      for (const worker of workers.values()) await (await worker).terminate();
      workers.clear();
    },
  };
}
