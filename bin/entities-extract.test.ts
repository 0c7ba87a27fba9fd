// `trove entities extract` as a real process. Synthetic text written for these tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli-in-process.ts';
import { registerEntitiesCommands } from './entities-commands.ts';
import { renderExtraction } from './entities-extract.ts';

const ROOT = resolve(import.meta.dirname, '..');
let dir: string;

function trove(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/trove.js'), '--db', join(dir, 'cli.db'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command in this process (bin/cli-in-process.ts), where the test is about its answer, not the process. */
const inProcess = (...args: string[]) => runInProcess(registerEntitiesCommands, join(dir, 'cli.db'), args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-extract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trove entities extract --text', () => {
  it('prints mentions with offsets into the decoded text, in UTF-16 code units, and opens no database', () => {
    // Astral characters (two code units each) and Persian before the mentions, CRLF line ends, a BOM.
    const text =
      '\uFEFF🗂️ 📎 Cable (synthetic)\r\n\r\n' +
      'هادی گفت که در ۲۳ آبان ۱۳۹۳ پول رسید.\r\n' +
      'On 14 November 2014 the envoy paid 62.5 euros; write to desk@example.org.\n';
    const file = join(dir, 'cable.txt');
    writeFileSync(file, text, 'utf8');
    const result = trove('entities', 'extract', '--text', file, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const mentions = JSON.parse(result.stdout) as Array<{ type: string; text: string; start: number; end: number }>;
    const decoded = new TextDecoder().decode(Buffer.from(text, 'utf8'));
    for (const m of mentions) {
      expect(Object.keys(m)).toEqual(['type', 'text', 'start', 'end']);
      expect(decoded.slice(m.start, m.end)).toBe(m.text);
    }
    expect(mentions).toEqual(
      expect.arrayContaining([
        { type: 'date', text: '14 November 2014', start: decoded.indexOf('14 November'), end: decoded.indexOf('14 November') + 16 },
        expect.objectContaining({ type: 'money', text: '62.5 euros' }),
        expect.objectContaining({ type: 'email', text: 'desk@example.org' }),
        expect.objectContaining({ type: 'date', text: '۲۳ آبان ۱۳۹۳' }),
      ]),
    );
    expect(existsSync(join(dir, 'cli.db'))).toBe(false);
  }, 120_000);

  it.each([
    ['missing.txt', null, 'no such file'],
    ['binary.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), 'binary'],
    ['latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1'), 'not valid UTF-8'],
  ])(
    'refuses %s with a clear message and exit code 2',
    async (name, bytes, message) => {
      const file = join(dir, name);
      if (bytes) writeFileSync(file, bytes);
      const result = await inProcess('entities', 'extract', '--text', file, '--json');
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    },
    120_000,
  );
});

describe('trove entities extract on the database', () => {
  it('extracts on import, then scans only what is new, or everything with --all, audited', async () => {
    writeFileSync(join(dir, 'note.txt'), 'On 14 November 2014 the envoy paid 62.5 euros in Baghdad.');
    const imported = trove('import', join(dir, 'note.txt'), '--collection', 'notes');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/Entity extraction: 1 documents scanned in [\d.]+ s, \d+ suggestions\./);
    const pending = JSON.parse((await inProcess('entities', 'extract', '--json')).stdout);
    expect(pending).toMatchObject({ state: 'idle', done: 0, total: 0, error: null });
    const all = JSON.parse(trove('entities', 'extract', '--all', '--json').stdout);
    expect(all).toMatchObject({ state: 'idle', done: 1, total: 1, error: null, suggested: expect.any(Number) });
    const db = new BetterSqlite3(join(dir, 'cli.db'), { readonly: true });
    const audit = db.prepare(`select actor, subject_id from audit_event where action = 'extraction.start' order by id`).all();
    const values = db.prepare(`select name from entity where type in ('date', 'money') order by name`).pluck().all();
    db.close();
    expect(audit).toEqual([
      { actor: expect.stringMatching(/^cli:/), subject_id: 'pending' },
      { actor: expect.stringMatching(/^cli:/), subject_id: 'all' },
    ]);
    expect(values).toEqual(['2014-11-14', '62.5 EUR']);
  }, 240_000);
});

describe('renderExtraction', () => {
  it('draws documents done, the rate and the time left within the terminal width', () => {
    const line = renderExtraction({ state: 'running', done: 50, total: 200, startedAt: null, finishedAt: null, error: null }, 10, 80);
    expect(line).toBe(`[${'#'.repeat(9)}${'-'.repeat(25)}] 50/200 documents  5 documents/s  30s left`);
    expect(line.length).toBeLessThan(80);
    expect(
      renderExtraction({ state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, error: null }, 0, 30).length,
    ).toBeLessThan(30);
  });
});
