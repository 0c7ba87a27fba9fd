// The system's Tesseract (Debian: tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-fas), one process per image,
// so pages are read in parallel by the operating system and never on Node's event loop.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OcrEngine } from './ocr.types.ts';

export interface SystemEngineOptions {
  /** The tesseract executable; default `tesseract` on the PATH (TROVE_TESSERACT). */
  command?: string;
}

function run(command: string, args: string[], timeoutMs = 300_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

async function withFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-ocr-'));
  try {
    const path = join(dir, 'page');
    await writeFile(path, bytes);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The system engine, or undefined when no tesseract runs here. */
export async function systemEngine(options: SystemEngineOptions = {}): Promise<OcrEngine | undefined> {
  const command = options.command ?? process.env.TROVE_TESSERACT ?? 'tesseract';
  let listed: string;
  try {
    const { stdout, stderr } = await run(command, ['--list-langs'], 20_000);
    listed = stdout + stderr;
  } catch {
    return undefined;
  }
  const languages = new Set(
    listed
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => /^[a-z_]+$/i.test(line) && line !== 'osd'),
  );
  const hasOsd = /^osd$/m.test(listed);
  return {
    name: 'system',
    multiPageTiff: true,
    languages: () => Promise.resolve(new Set(languages)),
    recognizeTsv: (image, langs, options = {}) =>
      withFile(
        image,
        async (input) => (await run(command, [input, 'stdout', '-l', langs.join('+'), '--psm', String(options.psm ?? 3), 'tsv'])).stdout,
      ),
    detectScript: hasOsd
      ? (image) =>
          withFile(image, async (input) => {
            const { stdout } = await run(command, [input, 'stdout', '--psm', '0']).catch(() => ({ stdout: '' }));
            return /^Script:\s*(\S+)/m.exec(stdout)?.[1];
          })
      : undefined,
    close: () => Promise.resolve(),
  };
}
