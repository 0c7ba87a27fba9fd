import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const TROVE = join(ROOT, 'bin/trove.js');
const SCANS = join(ROOT, 'fixtures/scans');
let dir: string;

/** The command line on a machine without the system tesseract (TROVE_TESSERACT names none). */
function trove(...args: string[]) {
  const result = spawnSync(process.execPath, [TROVE, '--db', join(dir, 'cli.db'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TROVE_TESSERACT: join(dir, 'no-tesseract-here') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-ocr-cli-'));
  mkdirSync(join(dir, 'scans'));
  for (const name of ['cable-clean.png', 'report-fa.png']) copyFileSync(join(SCANS, name), join(dir, 'scans', name));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trove ocr', () => {
  it('imports scans, reads English with the WebAssembly engine, and lists the Persian scan as pending with what to install', () => {
    const imported = trove('import', join(dir, 'scans', 'cable-clean.png'), '--visibility', 'public', '--json');
    expect(imported.status).toBe(0);
    const summary = JSON.parse(imported.stdout) as { imported: number; ocr: { done: Array<{ engine: string }> } };
    expect(summary.imported).toBe(1);
    expect(summary.ocr.done).toEqual([expect.objectContaining({ engine: 'wasm', ref: 'cable-clean' })]);

    const persian = trove('import', join(dir, 'scans', 'report-fa.png'), '--ocr-lang', 'fas');
    expect(persian.stdout).toContain('pending  report-fa.png (report-fa): Persian OCR needs the tesseract-ocr-fas package');

    const pending = trove('ocr', '--pending');
    expect(pending.status).toBe(0);
    expect(pending.stdout).toContain('1 document waits for OCR:');
    expect(pending.stdout).toContain('report-fa  report-fa.png: Persian OCR needs the tesseract-ocr-fas package');

    const search = trove('search', 'harbour');
    expect(search.stdout).toContain('cable-clean');
  }, 240_000);

  it('refuses an unknown ref and a bad language code in words', () => {
    expect(trove('ocr', 'NO-SUCH-REF').stderr).toContain('No document has the ref "NO-SUCH-REF"');
    expect(trove('ocr', '--all', '--ocr-lang', 'english!').stderr).toContain('"english!" is not a Tesseract language code');
  }, 60_000);
});
