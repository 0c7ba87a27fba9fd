import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition, servedType } from './media-type.ts';
import { OriginalsStore, originalsDirFor } from './originals.store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-originals-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);
const hash = (s: string) => createHash('sha256').update(s).digest('hex');
// Synthetic cable text.
const CABLE = 'SUBJECT: GRAIN SHIPMENTS THROUGH THE NORTHERN PORT\n\n1. (U) Inspectors counted forty trucks at the gate.';

describe('OriginalsStore', () => {
  it('keeps a file under its sha256, creating the folder, and reads it back', async () => {
    const store = new OriginalsStore(join(dir, 'originals'));
    const stored = await store.put(bytes(CABLE));
    expect(stored).toEqual({ sha256: hash(CABLE), size: bytes(CABLE).length });
    expect(readFileSync(join(dir, 'originals', hash(CABLE)), 'utf8')).toBe(CABLE);
    expect(await text(await store.read(stored.sha256))).toBe(CABLE);
    expect(await store.sizeOf(stored.sha256)).toBe(stored.size);
    expect(await store.sizeOf(hash('not stored'))).toBeUndefined();
  });

  it('writes the same content once, also when it arrives twice at the same time', async () => {
    const store = new OriginalsStore(dir);
    const persian = 'گزارش محرمانه: محموله گندم از بندر شمالی گذشت.';
    const [a, b] = await Promise.all([store.put(bytes(persian)), store.put(bytes(persian))]);
    expect(a).toEqual(b);
    const first = statSync(join(dir, a.sha256));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.put(bytes(persian));
    const again = statSync(join(dir, a.sha256));
    expect([again.ino, again.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
    expect(readdirSync(dir)).toEqual([a.sha256]);
  });

  it('leaves neither a half-written file nor a temporary one when a write fails', async () => {
    const store = new OriginalsStore(dir);
    // Something already sits under the name (a folder), so the final rename fails after the bytes are written.
    mkdirSync(join(dir, hash(CABLE), 'in-the-way'), { recursive: true });
    await expect(store.put(bytes(CABLE))).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });
    expect(readdirSync(dir)).toEqual([hash(CABLE)]);
    expect(statSync(join(dir, hash(CABLE))).isDirectory()).toBe(true);
  });

  it('removes the temporary files of writers killed mid-write, and only theirs', async () => {
    const partial = (writer: string) => `.partial-${writer}${hash(writer).slice(0, 16)}-000000000000`;
    // No process has this pid (over Linux's largest); the parent of this test runs; a file naming no pid is old.
    const dead = partial('999999999-');
    const running = partial(`${process.ppid}-`);
    const ours = partial(`${process.pid}-`);
    const oldUnnamed = partial('');
    for (const name of [dead, running, ours, oldUnnamed]) writeFileSync(join(dir, name), 'half a cable');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(dir, oldUnnamed), twoHoursAgo, twoHoursAgo);
    const stored = await new OriginalsStore(dir).put(bytes(CABLE));
    expect(readdirSync(dir).sort()).toEqual([running, ours, stored.sha256].sort());
  });

  it('refuses a name that is not a sha256, so a request can never reach another file', async () => {
    const store = new OriginalsStore(dir);
    writeFileSync(join(dir, 'secret'), 'x');
    await expect(store.read('../secret')).rejects.toThrow('Not a sha256 hash');
    await expect(store.read('secret')).rejects.toThrow('Not a sha256 hash');
  });

  it('sits beside the database by default', () => {
    expect(originalsDirFor('/srv/trove/data/trove.db')).toBe('/srv/trove/data/originals');
  });
});

describe('download headers', () => {
  it('serves HTML, SVG, XML, scripts and unknown types as plain bytes', () => {
    for (const type of [
      'text/html',
      'image/svg+xml',
      'application/xhtml+xml',
      'application/xml',
      'application/javascript',
      'application/octet-stream',
    ])
      expect(servedType(type)).toBe('application/octet-stream');
    expect(servedType('application/pdf')).toBe('application/pdf');
    expect(servedType('text/plain')).toBe('text/plain');
  });

  it('names the file safely in Content-Disposition, with a UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('cable 1.txt')).toBe(`attachment; filename="cable 1.txt"; filename*=UTF-8''cable%201.txt`);
    expect(contentDisposition('گزارش.pdf')).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('گزارش.pdf')}`);
    expect(contentDisposition('leak.zip!/docs/../..\\evil"\r\nX-Injected: 1.html')).toBe(
      `attachment; filename="evil___X-Injected_ 1.html"; filename*=UTF-8''evil___X-Injected_%201.html`,
    );
    expect(contentDisposition('...')).toBe(`attachment; filename="original"; filename*=UTF-8''original`);
    expect(contentDisposition("it's (1).txt")).toContain(`filename*=UTF-8''it%27s%20%281%29.txt`);
  });
});
