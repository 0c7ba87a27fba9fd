import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageDataDir, wasmEngine } from './wasm.engine.ts';

const OFFLINE = `const net = require('node:net');
globalThis.fetch = () => { throw new Error('network used: fetch'); };
net.Socket.prototype.connect = function () { throw new Error('network used: socket connect'); };`;

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) =>
    execFile(command, args, { timeout: 120_000 }, (error, stdout, stderr) =>
      done({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    ),
  );
}

describe('WebAssembly engine', () => {
  it('has English from the npm data package and no Persian (no such package)', async () => {
    expect(languageDataDir('eng')).toMatch(/@tesseract\.js-data\/eng\/4\.0\.0_best_int$/);
    expect(languageDataDir('fas')).toBeUndefined();
    const engine = (await wasmEngine())!;
    expect([...(await engine.languages())]).toEqual(['eng']);
    await engine.close();
  });

  it('reads a scan with the network unplugged: every fetch and socket connect throws, in the worker thread too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trove-offline-'));
    try {
      const preload = join(dir, 'offline.cjs');
      writeFileSync(preload, OFFLINE);
      const script = resolve(import.meta.dirname, 'wasm-offline.check.ts');
      const image = resolve(import.meta.dirname, '../../../fixtures/scans/cable-clean.png');
      const { stdout, stderr, code } = await run(process.execPath, ['--import', 'tsx', '--require', preload, script, image]);
      expect(stderr).not.toContain('network used');
      expect(code).toBe(0);
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { words: number; text: string };
      expect(result.text).toBe('SUBJECT: HARBOUR AUTHORITY MEETING IN BASRA');
      expect(result.words).toBeGreaterThan(25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
